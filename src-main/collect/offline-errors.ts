import type { SourceStatus } from '../../shared/evidence/schema'
import { statusFromError } from './context'

/**
 * The AWS CLI's error output, saved beside each call's output (`2> <name>.err` in the README's script):
 * "An error occurred (NoSuchEntity) when calling the GetAccountPasswordPolicy operation: …". Reading the
 * code keeps "there is none" (NoSuchEntity, no analyzer) apart from "not allowed to read it" (AccessDenied)
 * offline too. Anything else the CLI printed (a network error) is kept whole as the message.
 */
export interface CliError {
  code: string
  message: string
}

const awsErrorLine =
  /An error occurred \(([A-Za-z0-9_.:-]+)\)(?: when calling the \w+ operation)?(?: \([^)]*\))?:?\s*(.*)/

/** The error file's name for a call's output file (`x.json` → `x.err`). */
export const errorFileOf = (outputName: string): string => outputName.replace(/\.json$/, '.err')

/** The call's error from its `.err` file among the folder's files; undefined when it did not fail. */
export function cliErrorOf(files: ReadonlyMap<string, string>, outputName: string): CliError | undefined {
  const text = files.get(errorFileOf(outputName))?.trim()
  if (!text) return undefined
  const match = awsErrorLine.exec(text)
  if (!match) return { code: 'CliError', message: text.split('\n')[0] ?? text }
  const code = match[1] ?? 'CliError'
  return { code, message: match[2]?.trim() || code }
}

/** The CLI error as the SDK would have thrown it (name = the error code), for the collectors' own mappings. */
export const asSdkError = (error: CliError): Error =>
  Object.assign(new Error(error.message), { name: error.code })

/** The source status a CLI error stands for: access denied is a fact about the account, the rest errors. */
export function cliErrorStatus(error: CliError): SourceStatus {
  return statusFromError(asSdkError(error))
}
