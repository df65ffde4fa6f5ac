import { parseArgs } from 'node:util'
import { isAppError } from '../../shared/errors'

/** An error class a command names as its own input errors. */
export type ErrorClass = abstract new (...args: never[]) => Error

/**
 * One CLI sub-command. `run` returns the process exit code; what it throws ends the command through
 * `commandFailure` (see `runCli`).
 */
export interface CliCommand {
  name: string
  summary: string
  usage: string
  /** Errors that mean "this input can't be used" (a file missing or invalid): printed as is. */
  inputErrors?: readonly ErrorClass[]
  /** The exit code for an input error or an AppError; default 1. */
  inputExitCode?: number
  run(args: string[], io: CliIo): Promise<number>
}

/** Where a command writes; tests pass buffers. */
export interface CliIo {
  out(text: string): void
  err(text: string): void
  env: NodeJS.ProcessEnv
  cwd: string
}

/** A usage mistake: the command prints it with its usage and exits 2. */
export class UsageError extends Error {}

/** The option table a command declares; every option takes a value unless it is a boolean flag. */
export type OptionSpec = Record<string, { type: 'string' | 'boolean' }>

/** An option table in which every option takes a value (`--name <value>`). */
export function valueOptions<const N extends string>(...names: N[]): Record<N, { type: 'string' }> {
  return Object.fromEntries(names.map((name) => [name, { type: 'string' }])) as Record<N, { type: 'string' }>
}

/** A required option's value; missing or empty, a UsageError `--<option> is required.` */
export function requiredOption(option: string, value: string | undefined): string {
  if (!value) throw new UsageError(`--${option} is required.`)
  return value
}

/** One of `allowed` (`--format`, `--detail`); anything else, or nothing, is a UsageError listing them. */
export function choice<T extends string>(
  option: string,
  value: string | undefined,
  allowed: readonly T[],
): T {
  const found = allowed.find((a) => a === value)
  if (found !== undefined) return found
  throw new UsageError(`--${option} must be one of ${allowed.join(', ')}${value ? `, not "${value}"` : ''}.`)
}

/** A comma-separated option (`--accounts a,b`): its trimmed, non-empty items; undefined when not given. */
export function commaList(value: string): string[]
export function commaList(value: string | undefined): string[] | undefined
export function commaList(value: string | undefined): string[] | undefined {
  return value
    ?.split(',')
    .map((item) => item.trim())
    .filter(Boolean)
}

/**
 * Parses a command's arguments with node's `util.parseArgs` in strict mode: an unknown option, a missing value
 * or a value given to a flag is a UsageError that names the option. Positionals are refused unless allowed.
 */
export function parseCommandArgs<T extends OptionSpec>(
  args: string[],
  options: T,
  { maxPositionals = 0 }: { maxPositionals?: number } = {},
): {
  values: { [K in keyof T]?: T[K]['type'] extends 'boolean' ? boolean : string }
  positionals: string[]
} {
  let parsed: ReturnType<typeof parseArgs>
  try {
    parsed = parseArgs({ args, options, strict: true, allowPositionals: true })
  } catch (error) {
    throw new UsageError(usageMessage(error as Error & { code?: string }))
  }
  if (parsed.positionals.length > maxPositionals) {
    throw new UsageError(`Unexpected argument "${parsed.positionals[maxPositionals]}".`)
  }
  return parsed as never
}

/** util.parseArgs' messages, shortened to the option name and what is wrong. */
function usageMessage(error: Error & { code?: string }): string {
  const option = /'(-{1,2}[^' ]+)/.exec(error.message)?.[1]?.replace(/^-+/, '')
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `Unknown option "${option ?? error.message}".`
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /argument missing|ambiguous/.test(error.message)
        ? `--${option} needs a value.`
        : `--${option} takes no value.`
    default:
      return error.message
  }
}

/**
 * How every command ends on an error: a usage mistake prints the usage (exit 2); an AppError, or one of the
 * command's own input errors, prints its message and hint (exit `inputExitCode`, default 1). Anything else is a
 * bug and is thrown.
 */
export function commandFailure(
  error: unknown,
  command: Pick<CliCommand, 'usage' | 'inputErrors' | 'inputExitCode'>,
  io: CliIo,
): number {
  if (error instanceof UsageError) {
    io.err(`${error.message}\n\nUsage: npm run cli -- ${command.usage}\n`)
    return 2
  }
  const exitCode = command.inputExitCode ?? 1
  if ((command.inputErrors ?? []).some((kind) => error instanceof kind)) {
    io.err(`${(error as Error).message}\n`)
    return exitCode
  }
  if (isAppError(error)) {
    io.err(`${error.message}${error.hint ? `\n${error.hint}` : ''}\n`)
    return exitCode
  }
  throw error
}
