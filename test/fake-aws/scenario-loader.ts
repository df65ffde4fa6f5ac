import { readFile } from 'node:fs/promises'
import { isNode, LineCounter, parseDocument } from 'yaml'
import type { z } from 'zod'
import { type Scenario, scenarioSchema } from './scenario-schema'

/** A scenario that could not be read, parsed or validated. The message names file, path and expectation. */
export class ScenarioError extends Error {
  constructor(
    readonly file: string,
    readonly issues: readonly string[],
  ) {
    super(`Invalid scenario ${file}:\n${issues.map((i) => `  - ${i}`).join('\n')}`)
    this.name = 'ScenarioError'
  }
}

/** Renders a zod issue path as `accounts[3].iamUsers[0].mfa`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`
    else out += out === '' ? String(key) : `.${String(key)}`
  }
  return out === '' ? '(root)' : out
}

/** What the issue expected, without its path. */
function expectation(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unexpected key(s) ${issue.keys.join(', ')}`
  if (issue.code === 'invalid_type') {
    const isMissing = issue.message.includes('received undefined')
    return `expected ${issue.expected}${isMissing ? ' (missing)' : ''}`
  }
  if (issue.code === 'invalid_value') return `expected one of ${issue.values.map(String).join(', ')}`
  if (issue.code === 'invalid_union') {
    const options = issue.errors.map((alt) => (alt[0] ? expectation(alt[0]).replace(/^expected /, '') : '?'))
    return `expected ${options.join(', or ')}`
  }
  return issue.message
}

/** Locates a path in the YAML source: the line of the deepest node that exists. */
type Locate = (path: readonly PropertyKey[]) => number | undefined

function describeIssue(issue: z.core.$ZodIssue, locate?: Locate): string {
  const line = locate?.(issue.path)
  return `${formatPath(issue.path)}${line ? ` (line ${line})` : ''}: ${expectation(issue)}`
}

/** Validates an in-memory scenario; `source` names it in errors. */
export function parseScenario(data: unknown, source = '<inline scenario>', locate?: Locate): Scenario {
  const result = scenarioSchema.safeParse(data)
  if (!result.success)
    throw new ScenarioError(
      source,
      result.error.issues.map((i) => describeIssue(i, locate)),
    )
  return result.data
}

function parseYamlText(path: string, text: string): { data: unknown; locate: Locate } {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, prettyErrors: true })
  const first = doc.errors[0]
  if (first) throw new ScenarioError(path, [`YAML syntax error: ${first.message.split('\n')[0]}`])
  const locate: Locate = (issuePath) => {
    for (let n = issuePath.length; n >= 0; n--) {
      const node = doc.getIn(issuePath.slice(0, n) as (string | number)[], true)
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line
    }
    return undefined
  }
  return { data: doc.toJS(), locate }
}

/** Reads a scenario file (.json, .yaml or .yml) and validates it. Throws ScenarioError. */
export async function loadScenario(path: string): Promise<Scenario> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    throw new ScenarioError(path, [`cannot read file: ${(error as Error).message}`])
  }
  if (/\.ya?ml$/i.test(path)) {
    const { data, locate } = parseYamlText(path, text)
    return parseScenario(data, path, locate)
  }
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    throw new ScenarioError(path, [`JSON syntax error: ${(error as Error).message}`])
  }
  return parseScenario(data, path)
}
