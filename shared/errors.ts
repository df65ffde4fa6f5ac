import { z } from 'zod'

/**
 * Every error code that can cross the IPC boundary or leave the CLI. The renderer switches on these, so a new
 * failure gets a new entry here (and its wording where it is shown) instead of a free string.
 */
export const appErrorCodes = [
  'aws-access-denied',
  'aws-config-unreadable',
  'aws-error',
  'aws-throttled',
  'aws-timeout',
  'aws-unreachable',
  'backup-corrupt',
  'backup-invalid',
  'backup-restore-failed',
  'backup-wrong-version',
  'collection-cancelled',
  'conflict',
  'export-bad-file-name',
  'export-empty-scope',
  'export-failed',
  'export-folder-missing',
  'export-no-chromium',
  'export-no-dialog',
  'export-unknown-account',
  'export-write-failed',
  'file-too-large',
  'forbidden-sender',
  'internal',
  'invalid-evidence-folder',
  'invalid-input',
  'invalid-model',
  'invalid-request',
  'invalid-response',
  'invalid-target',
  'job-not-found',
  'job-running',
  'malformed-report',
  'no-aws-config',
  'no-targets',
  'not-found',
  'not-implemented',
  'nothing-to-retry',
  'profile-not-found',
  'sso-login-cancelled',
  'sso-login-denied',
  'sso-login-expired',
  'sso-login-failed',
  'sso-role-not-assigned',
  'sso-session-not-found',
  'sso-token-expired',
  'unknown-channel',
  'unknown-handle',
  'unsafe-path',
] as const
export const appErrorCodeSchema = z.enum(appErrorCodes)
export type AppErrorCode = (typeof appErrorCodes)[number]

/** The error shape that crosses the IPC boundary: never a stack trace. */
export const appErrorSchema = z.object({
  code: appErrorCodeSchema,
  message: z.string(),
  hint: z.string().optional(),
})
export type AppErrorData = z.infer<typeof appErrorSchema>

/** An error that carries a machine-readable code and a hint that tells the user what to do next. */
export class AppError extends Error {
  readonly code: AppErrorCode
  readonly hint: string | undefined

  constructor(code: AppErrorCode, message: string, hint?: string) {
    super(message)
    this.name = 'AppError'
    this.code = code
    this.hint = hint
  }

  toData(): AppErrorData {
    return this.hint === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, hint: this.hint }
  }

  static from(data: AppErrorData): AppError {
    return new AppError(data.code, data.message, data.hint)
  }
}

export const isAppError = (value: unknown): value is AppError => value instanceof AppError

/**
 * Runs `work`; an error of `kind` (a parser's own error, whose message names the file and field) becomes an
 * AppError with `code` and `hint`, keeping its message. Any other error passes through.
 */
export async function asAppError<T>(
  work: () => T | Promise<T>,
  kind: abstract new (...args: never[]) => Error,
  code: AppErrorCode,
  hint: string,
): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (error instanceof kind) throw new AppError(code, error.message, hint)
    throw error
  }
}

/**
 * Turns a zod failure into one readable sentence: "path.to.field: what was expected; …". With `maxIssues`, the
 * rest is counted ("and 12 more") instead of cutting the text mid-word.
 */
export function describeZodError(error: z.ZodError, maxIssues = Number.POSITIVE_INFINITY): string {
  const described = error.issues.slice(0, maxIssues).map((issue) => {
    const path = issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)'
    return `${path}: ${issue.message}`
  })
  const more = error.issues.length - described.length
  return more > 0 ? `${described.join('; ')}; and ${more} more` : described.join('; ')
}

/** What the user can do next about an error; the renderer offers it as the notice's action. */
export type ErrorAction = 'sign-in' | 'retry' | 'open-settings' | 'choose-again' | 'none'

/**
 * The next step for each code. The switch is exhaustive: adding a code without deciding its next step is a
 * type error, so no failure reaches the user without a way forward being considered.
 */
export function errorAction(code: AppErrorCode): ErrorAction {
  switch (code) {
    case 'sso-token-expired':
    case 'sso-login-expired':
    case 'sso-login-failed':
    case 'sso-session-not-found':
      return 'sign-in'
    case 'aws-error':
    case 'aws-throttled':
    case 'aws-timeout':
    case 'aws-unreachable':
    case 'internal':
    case 'export-failed':
    case 'export-write-failed':
    case 'backup-restore-failed':
    case 'job-running':
      return 'retry'
    case 'no-aws-config':
    case 'aws-config-unreadable':
    case 'profile-not-found':
    case 'sso-role-not-assigned':
    case 'aws-access-denied':
    case 'no-targets':
    case 'invalid-target':
    case 'export-no-chromium':
      return 'open-settings'
    case 'invalid-input':
    case 'invalid-model':
    case 'invalid-evidence-folder':
    case 'malformed-report':
    case 'backup-corrupt':
    case 'backup-invalid':
    case 'backup-wrong-version':
    case 'export-bad-file-name':
    case 'export-folder-missing':
    case 'export-empty-scope':
    case 'export-unknown-account':
    case 'unsafe-path':
    case 'unknown-handle':
    case 'file-too-large':
      return 'choose-again'
    case 'sso-login-cancelled':
    case 'sso-login-denied':
    case 'collection-cancelled':
    case 'not-found':
    case 'job-not-found':
    case 'nothing-to-retry':
    case 'conflict':
    case 'unknown-channel':
    case 'invalid-request':
    case 'invalid-response':
    case 'forbidden-sender':
    case 'export-no-dialog':
    case 'not-implemented':
      return 'none'
    default:
      return code satisfies never
  }
}
