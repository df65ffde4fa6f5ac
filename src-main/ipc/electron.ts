import { type BrowserWindow, type IpcMainInvokeEvent, ipcMain } from 'electron'
import { AppError } from '../../shared/errors'
import { channelName } from '../../shared/ipc/api'
import { isTrustedSender } from '../security'
import { type EventSink, type Registry, validateEvent } from './registry'

/**
 * Registers every invoke channel with ipcMain. Requests from anything but the top frame of the app's own
 * origin (isTrustedSender) are refused.
 */
export function registerIpc(registry: Registry, appOrigin: string): void {
  for (const channel of registry.channels) {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, request: unknown) => {
      const frameUrl = event.senderFrame?.url ?? ''
      if (!isTrustedSender(event.senderFrame, appOrigin)) {
        return {
          ok: false,
          error: new AppError('forbidden-sender', `Refused ${channel} from ${frameUrl}`).toData(),
        }
      }
      return registry.invoke(channel, request)
    })
  }
}

/** An event sink that validates each payload and sends it to the window. */
export function windowEventSink(getWindow: () => BrowserWindow | undefined): EventSink {
  return {
    emit(domain, name, payload) {
      const checked = validateEvent(domain, name, payload)
      getWindow()?.webContents.send(channelName(domain, name), checked)
    },
  }
}
