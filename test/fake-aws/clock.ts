import type { TimeRef } from './scenario-schema'

const DAY_MS = 86_400_000

/** Renders scenario times: numbers are days before the scenario `now`, strings are served verbatim. */
export class ScenarioClock {
  constructor(readonly nowMs: number) {}

  /** ISO-8601 with milliseconds (`2024-01-31T12:00:00.000Z`), or the absolute string as written. */
  iso(ref: TimeRef): string {
    return typeof ref === 'string' ? ref : new Date(this.nowMs - ref * DAY_MS).toISOString()
  }

  /** The credential-report format, `2014-10-15T16:31:25+00:00`. */
  report(ref: TimeRef): string {
    const ms = typeof ref === 'string' ? Date.parse(ref) : this.nowMs - ref * DAY_MS
    return `${new Date(ms).toISOString().slice(0, 19)}+00:00`
  }
}
