import { parse as parseYaml } from 'yaml'

/**
 * Reads a JSON or YAML document, chosen by the file's extension (anything but `.json` is YAML, a superset of
 * JSON). A syntax error is thrown through `toError` with the file name and the parser's message.
 */
export function parseJsonOrYaml(
  text: string,
  fileName: string,
  toError: (message: string, detail: string) => Error,
): unknown {
  const isJson = /\.json$/i.test(fileName)
  try {
    return isJson ? JSON.parse(text) : parseYaml(text)
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error)
    throw toError(`${fileName} is not valid ${isJson ? 'JSON' : 'YAML'}: ${detail}`, detail)
  }
}
