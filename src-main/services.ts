import { listProfiles, resolveAwsFiles } from './aws/profiles'
import type { EventSink, Handlers } from './ipc/registry'

/** What the main-side services need from their host: Electron in the app, Node in tests and the CLI. */
export interface HostDeps {
  env: NodeJS.ProcessEnv
  version: string
  platform: string
  events: EventSink
  /** Opens a checked https URL in the system browser. */
  openExternal(url: string): Promise<void>
  /** Whether the app should open the demo because no AWS configuration was found. */
  isDemoDefault: boolean
}

/** The composition root: every handler in the contract, wired to its service. */
export function createHandlers(deps: HostDeps): Handlers {
  return {
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
    },
    aws: {
      listProfiles: async (request) => {
        const defaults = resolveAwsFiles(deps.env)
        const files = {
          configFile: request.configFile ?? defaults.configFile,
          credentialsFile: request.credentialsFile ?? defaults.credentialsFile,
        }
        return { configFile: files.configFile, profiles: await listProfiles(files) }
      },
    },
  }
}
