/** A parsed INI file: section name → key → value. Nested (indented) sub-keys are flattened as `parent.child`. */
export type IniFile = Map<string, Map<string, string>>

/** Parses the AWS shared config/credentials INI dialect: `[section]`, `key = value`, `#`/`;` comments. */
export function parseIni(text: string): IniFile {
  const sections: IniFile = new Map()
  let current: Map<string, string> | undefined
  let parentKey: string | undefined
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.replace(/^\s*[#;].*$/, '')
    if (line.trim() === '') continue
    const header = /^\s*\[([^\]]+)\]\s*$/.exec(line)
    if (header?.[1]) {
      current = new Map()
      sections.set(header[1].trim(), current)
      parentKey = undefined
      continue
    }
    if (!current) continue
    const isIndented = /^\s/.test(line)
    const eq = line.indexOf('=')
    if (eq < 0) continue
    const key = line.slice(0, eq).trim().toLowerCase()
    const value = line.slice(eq + 1).trim()
    if (isIndented && parentKey) {
      current.set(`${parentKey}.${key}`, value)
    } else {
      current.set(key, value)
      parentKey = value === '' ? key : undefined
    }
  }
  return sections
}
