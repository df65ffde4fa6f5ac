import { useAppStore } from '../store/app-store'
import { chosenFileText } from './chosen-file'

/**
 * A file input for a text file the user imports (a model, baselines, account details): the file is refused by
 * its size before it is read, its text goes to `onText`, and any failure becomes a notice naming the file.
 */
export function TextFileInput({
  id,
  accept,
  what,
  onText,
}: {
  id: string
  accept: string
  /** "a model file": how the size refusal names it. */
  what: string
  onText(fileName: string, text: string): Promise<unknown>
}) {
  const reportError = useAppStore((s) => s.reportError)
  return (
    <input
      id={id}
      type="file"
      accept={accept}
      onChange={async (e) => {
        const file = e.target.files?.[0]
        e.target.value = ''
        if (file) await chosenFileText(file, what).then((text) => onText(file.name, text), reportError)
      }}
    />
  )
}
