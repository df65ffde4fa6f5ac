/** One CLI sub-command. `run` returns the process exit code. */
export interface CliCommand {
  name: string
  summary: string
  usage: string
  run(args: string[], io: CliIo): Promise<number>
}

/** Where a command writes; tests pass buffers. */
export interface CliIo {
  out(text: string): void
  err(text: string): void
  env: NodeJS.ProcessEnv
  cwd: string
}

/** Parses `--name value` and `--flag` pairs; positional arguments are kept in order. */
export function parseFlags(args: string[]): { flags: Map<string, string | true>; positional: string[] } {
  const flags = new Map<string, string | true>()
  const positional: string[] = []
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string
    if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined]
      const next = args[i + 1]
      if (inline !== undefined) flags.set(name, inline)
      else if (next !== undefined && !next.startsWith('--')) {
        flags.set(name, next)
        i++
      } else flags.set(name, true)
    } else positional.push(arg)
  }
  return { flags, positional }
}
