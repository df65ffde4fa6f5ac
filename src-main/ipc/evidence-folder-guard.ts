import { lstat, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { AppError } from '../../shared/errors'

/**
 * The largest evidence file an import reads (64 MiB). The biggest AWS CLI output Ratchet reads, a credential
 * report or a findings list of a large account, is a few MiB; this keeps a stray disk image out of memory.
 */
export const MAX_EVIDENCE_FILE_BYTES = 64 * 1024 * 1024

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`

/**
 * Checks a chosen evidence folder before anything in it is read: no symbolic link anywhere in the two levels
 * the import reads (a link could lead the import out of the folder the user chose), and no file larger than
 * the limit. Throws invalid-evidence-folder naming every offending entry relative to the chosen folder.
 */
export async function checkEvidenceFolder(
  dir: string,
  limits: { maxFileBytes: number } = { maxFileBytes: MAX_EVIDENCE_FILE_BYTES },
): Promise<void> {
  const problems: string[] = []
  const visit = async (relative: string, depth: number): Promise<void> => {
    const entries = await readdir(join(dir, relative), { withFileTypes: true })
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const name = relative ? `${relative}/${entry.name}` : entry.name
      if (entry.isSymbolicLink()) {
        problems.push(`${name}: is a symbolic link; Ratchet reads only the files inside the folder you chose`)
      } else if (entry.isDirectory()) {
        if (depth < 1) await visit(name, depth + 1)
      } else if (entry.isFile()) {
        const { size } = await lstat(join(dir, name))
        if (size > limits.maxFileBytes) {
          problems.push(
            `${name}: is ${mib(size)}; an evidence file may be at most ${mib(limits.maxFileBytes)}`,
          )
        }
      }
    }
  }
  try {
    if ((await lstat(dir)).isSymbolicLink()) problems.push('.: the chosen folder is a symbolic link')
    else await visit('', 0)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable'
    problems.push(`the folder cannot be read (${code})`)
  }
  if (problems.length === 0) return
  throw new AppError(
    'invalid-evidence-folder',
    `Nothing was imported from ${dir}: ${problems.join('; ')}`,
    'Remove the entries named (copy real files instead of links), then import the folder again.',
  )
}
