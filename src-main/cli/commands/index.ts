import type { CliCommand } from '../command'
import { checkCommand } from './check'
import { collectCommand } from './collect'
import { compareCommand } from './compare'
import { exportCommand } from './export'
import { scoreCommand } from './score'

/** Every sub-command, in the order `--help` lists them. Later features add theirs here. */
export const commands: CliCommand[] = [
  checkCommand,
  collectCommand,
  compareCommand,
  exportCommand,
  scoreCommand,
]
