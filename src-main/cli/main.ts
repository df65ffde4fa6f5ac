import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { type CliIo, commandFailure } from './command'
import { commands } from './commands/index'

const packageJson = JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')) as {
  version: string
}

export function usage(): string {
  const width = Math.max(8, ...commands.map((c) => c.name.length))
  return [
    'Ratchet: the security maturity of each AWS account, quarter after quarter.',
    '',
    'Usage: npm run cli -- <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Options:',
    "  --help, -h   Show this help, or a command's help: <command> --help",
    '  --version    Print the version',
    '',
  ].join('\n')
}

/** Runs the CLI and returns the exit code. */
export async function runCli(args: string[], io: CliIo): Promise<number> {
  const [first, ...rest] = args
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    io.out(usage())
    return first === undefined ? 1 : 0
  }
  if (first === '--version' || first === '-v') {
    io.out(`${packageJson.version}\n`)
    return 0
  }
  const command = commands.find((c) => c.name === first)
  if (!command) {
    io.err(`Unknown command "${first}".\n\n${usage()}`)
    return 2
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`${command.summary}\n\nUsage: npm run cli -- ${command.usage}\n`)
    return 0
  }
  try {
    return await command.run(rest, io)
  } catch (error) {
    return commandFailure(error, command, io)
  }
}
