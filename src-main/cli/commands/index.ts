import type { CliCommand } from '../command'
import { checkCommand } from './check'
import { collectCommand } from './collect'
import { compareCommand } from './compare'
import { demoCommand } from './demo'
import { exportCommand } from './export'
import { scoreCommand } from './score'
import { snapshotCommand } from './snapshot'

/** Every sub-command, in the order `--help` lists them. Later features add theirs here. */
export const commands: CliCommand[] = [
  checkCommand,
  collectCommand,
  compareCommand,
  demoCommand,
  exportCommand,
  scoreCommand,
  snapshotCommand,
]
