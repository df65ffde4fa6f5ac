import { defaultRolePreference } from '../../shared/ipc/domains/aws'
import type { CollectStart } from '../../shared/ipc/domains/collect'
import type { AwsService } from '../aws/aws-service'
import { clientConfigFor } from '../aws/client-config'
import { checkEvidenceFolder } from '../ipc/evidence-folder-guard'
import type { FolderHandles } from '../ipc/handles'
import type { EventSink, Handlers } from '../ipc/registry'
import { type CollectServiceDeps, createCollectService, tuningFromEnv } from './service'

/** What the collect handlers need from the host. */
export interface CollectHostDeps {
  env: Readonly<Record<string, string | undefined>>
  events: EventSink
  /** Folders the user picked in main; import and export take a handle, never a path. */
  folders: FolderHandles
  sleep?(ms: number, signal: AbortSignal): Promise<void>
}

/** Turns a start request into sign-in targets through the AWS service. */
export function targetResolver(aws: Pick<AwsService, 'profileTarget' | 'discoverTargets'>) {
  return async (request: CollectStart) => {
    if (request.targets) return request.targets
    if (request.profile) return [await aws.profileTarget(request.profile)]
    return aws.discoverTargets(request.ssoSession ?? '', defaultRolePreference, request.accountIds)
  }
}

/** The collect domain's handlers, wired to the AWS service's per-target credentials. */
export function createCollectHandlers(
  deps: CollectHostDeps,
  aws: Pick<AwsService, 'profileTarget' | 'discoverTargets' | 'credentials'>,
  tuning?: CollectServiceDeps['tuning'],
): Handlers['collect'] {
  const service = createCollectService({
    resolveTargets: targetResolver(aws),
    credentialsFor: (target) => aws.credentials.forTarget(target),
    clientConfig: (service) => clientConfigFor(service, deps.env),
    onProgress: (progress) => deps.events.emit('collect', 'progress', progress),
    onBundle: (jobId, bundle, target) =>
      deps.events.emit('collect', 'bundle', { jobId, targetKey: target.key, label: target.label, bundle }),
    onSummary: (summary) => deps.events.emit('collect', 'summary', summary),
    onCrash: (jobId, error) =>
      deps.events.emit('app', 'notice', {
        level: 'error',
        message: `Collection ${jobId} stopped: ${error instanceof Error ? error.message : String(error)}`,
      }),
    tuning: { ...tuningFromEnv(deps.env), ...(deps.sleep ? { sleep: deps.sleep } : {}), ...tuning },
  })
  return {
    start: (request) => service.start(request),
    cancel: async ({ jobId }) => service.cancel(jobId),
    retryFailed: async ({ jobId }) => service.retryFailed(jobId),
    importFolder: async ({ handle }) => {
      const dir = deps.folders.resolve(handle, 'evidence-import')
      // No links out of the chosen folder and no oversized files, before anything is read.
      await checkEvidenceFolder(dir)
      return service.importFolder(dir)
    },
    exportFolder: ({ handle, bundles }) =>
      service.exportFolder(deps.folders.resolve(handle, 'evidence-export'), bundles),
  }
}
