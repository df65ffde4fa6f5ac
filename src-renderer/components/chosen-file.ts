import { AppError } from '../../shared/errors'
import { MAX_MODEL_FILE_BYTES } from '../../shared/model/schema'

const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`

/**
 * The text of a file the user chose, read only when its size is within the limit: a huge file is refused by
 * its size, before a byte of it is read into the renderer. Model, baselines and account-details files share
 * the model file's cap.
 */
export async function chosenFileText(
  file: File,
  what: string,
  maxBytes = MAX_MODEL_FILE_BYTES,
): Promise<string> {
  if (file.size > maxBytes) {
    throw new AppError(
      'file-too-large',
      `${file.name} is ${mib(file.size)}; ${what} may be at most ${mib(maxBytes)}.`,
      'Choose a smaller file; nothing was changed.',
    )
  }
  return file.text()
}
