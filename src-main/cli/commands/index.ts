import type { CliCommand } from '../command'

/** Every sub-command, in the order `--help` lists them. Later features add theirs here. */
export const commands: CliCommand[] = []
