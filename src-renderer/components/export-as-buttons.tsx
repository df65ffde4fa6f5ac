import { download } from './download'

/** "Export as JSON" and "Export as YAML": `file` gives each format's file name and text. */
export function ExportAsButtons({
  file,
  isDisabled = false,
}: {
  file: (format: 'json' | 'yaml') => { fileName: string; text: string }
  isDisabled?: boolean
}) {
  return (['json', 'yaml'] as const).map((format) => (
    <button
      key={format}
      type="button"
      disabled={isDisabled}
      onClick={() => {
        const { fileName, text } = file(format)
        download(fileName, text)
      }}
    >
      Export as {format.toUpperCase()}
    </button>
  ))
}
