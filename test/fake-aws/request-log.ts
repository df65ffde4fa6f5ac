/** How a request ended. */
/** `hung`: the request was held open and never answered. */
export type Outcome = 'ok' | 'throttled' | 'error' | 'denied' | 'dropped' | 'hung'

/** One counted request. accountId is null when the call carries no account (SSO-OIDC, ListAccounts). */
export interface RequestLogEntry {
  accountId: string | null
  api: string
  region: string
  outcome: Outcome
  status: number
}

export interface RequestFilter {
  accountId?: string | null
  api?: string
  outcome?: Outcome
  region?: string
}

/** Counts every request the fake server answers (or drops). */
export class RequestLog {
  #entries: RequestLogEntry[] = []

  record(entry: RequestLogEntry): void {
    this.#entries.push(entry)
  }

  /** Number of requests matching every given filter field. */
  total(filter: RequestFilter = {}): number {
    return this.#entries.filter((e) => matches(e, filter)).length
  }

  /** A copy of all entries, in arrival order. */
  entries(): RequestLogEntry[] {
    return this.#entries.map((e) => ({ ...e }))
  }

  reset(): void {
    this.#entries = []
  }
}

function matches(e: RequestLogEntry, f: RequestFilter): boolean {
  return (
    (f.accountId === undefined || e.accountId === f.accountId) &&
    (f.api === undefined || e.api === f.api) &&
    (f.outcome === undefined || e.outcome === f.outcome) &&
    (f.region === undefined || e.region === f.region)
  )
}
