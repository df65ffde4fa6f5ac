import { AppError } from '../shared/errors'
import { createAwsService } from './aws/aws-service'
import { createCollectHandlers } from './collect/handlers'
import { createExportHandlers, type SaveDialogRequest } from './export/handlers'
import type { PdfPrinter } from './export/pdf-printer'
import { createFolderHandles, type FolderDialogRequest, folderDialogRequest } from './ipc/handles'
import type { EventSink, Handlers } from './ipc/registry'

/** What the main-side services need from their host: Electron in the app, Node in tests and the CLI. */
export interface HostDeps {
  env: NodeJS.ProcessEnv
  version: string
  platform: string
  events: EventSink
  /** Opens a checked https URL in the system browser; `extraHosts` widens the allow-list for one call. */
  openExternal(url: string, options?: { extraHosts?: readonly string[] }): Promise<void>
  /** Waits between SSO device-flow polls (default: a real timer); tests pass a faster one. */
  sleep?(ms: number, signal: AbortSignal): Promise<void>
  /** Whether the app should open the demo because no AWS configuration was found. */
  isDemoDefault: boolean
  /** Asks where to save an export; resolves to an absolute path, or undefined when the user cancels. */
  showSaveDialog?(request: SaveDialogRequest): Promise<string | undefined>
  /** Shows a folder picker; resolves to the chosen absolute path, or undefined when the user cancels. */
  showFolderDialog?(request: FolderDialogRequest): Promise<string | undefined>
  /** Prints export PDFs (Electron's printToPDF in the app); without it, Chromium prints them. */
  createPdfPrinter?(): PdfPrinter
}

/** The composition root: every handler in the contract, wired to its service. */
export function createHandlers(deps: HostDeps): Handlers {
  // The AWS service owns the per-target credential cache: collectors use aws.credentials.forTarget(target).
  const aws = createAwsService({
    env: deps.env,
    emitLoginProgress: (progress) => deps.events.emit('aws', 'loginProgress', progress),
    openExternal: (url, options) => deps.openExternal(url, options),
    ...(deps.sleep ? { sleep: deps.sleep } : {}),
  })
  // Folders the user picked, behind opaque handles: no channel takes a path from the renderer.
  const folders = createFolderHandles()
  return {
    collect: createCollectHandlers({ ...deps, folders }, aws),
    export: createExportHandlers(deps),
    app: {
      getInfo: async () => ({
        name: 'Ratchet',
        version: deps.version,
        platform: deps.platform,
        isDemoDefault: deps.isDemoDefault,
      }),
      openExternal: async ({ url }) => {
        await deps.openExternal(url)
        return { isOpened: true }
      },
      pickFolder: async ({ purpose }) => {
        if (!deps.showFolderDialog) {
          throw new AppError('not-implemented', 'There is no folder picker in this host.')
        }
        const path = await deps.showFolderDialog(folderDialogRequest(purpose))
        if (!path) return { isChosen: false }
        return { isChosen: true, handle: folders.issue(purpose, path), label: path }
      },
    },
    aws: {
      // The AWS files come from the environment (AWS_CONFIG_FILE, ~/.aws), never from the request.
      listProfiles: () => aws.listProfiles({}),
      startLogin: ({ sessionId }) => aws.startLogin(sessionId),
      cancelLogin: async ({ sessionId }) => aws.cancelLogin(sessionId),
      discoverTargets: async ({ sessionId, rolePreference }) => ({
        sessionId,
        targets: await aws.discoverTargets(sessionId, rolePreference),
      }),
      profileTarget: ({ profile }) => aws.profileTarget(profile),
    },
  }
}
