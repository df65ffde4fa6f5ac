import {
  GenerateCredentialReportCommand,
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  type GetCredentialReportCommandOutput,
} from '@aws-sdk/client-iam'
import type {
  CredentialReportPart,
  PasswordPolicy,
  RawPayload,
  SourceResult,
  SourceStatus,
} from '../../shared/evidence/schema'
import { type CollectContext, errorFacts, failure, raw, settleAll } from './context'
import { parseCredentialReport } from './credential-report-csv'

export interface CredentialReportOptions {
  /** Reuse an existing report younger than this; 0 always asks IAM to generate (IAM itself reuses < 4 h). */
  maxAgeMs: number
  /**
   * A report younger than maxAgeMs is known to exist (say, from the account's last collection): read it
   * with one GetCredentialReport first. Otherwise that probe would be a redundant call, so generate at once
   * (GenerateCredentialReport answers COMPLETE straight away when IAM has a recent report).
   */
  isRecentReportKnown: boolean
  /** Polling GenerateCredentialReport: first wait, doubling up to maxPollDelayMs, at most maxPolls times. */
  pollDelayMs: number
  maxPollDelayMs: number
  maxPolls: number
}

export const defaultCredentialReportOptions: CredentialReportOptions = {
  maxAgeMs: 4 * 60 * 60 * 1000,
  isRecentReportKnown: false,
  pollDelayMs: 1000,
  maxPollDelayMs: 8000,
  maxPolls: 30,
}

type ReportOutput = Omit<GetCredentialReportCommandOutput, '$metadata'>

const missingReportCodes = new Set([
  'CredentialReportNotPresentException',
  'CredentialReportExpiredException',
  'ReportNotPresent',
  'ReportExpired',
])

/**
 * The IAM credential report plus the password policy and account summary. With a maximum age, an existing
 * report young enough is read with one call; otherwise GenerateCredentialReport is polled (with backoff)
 * until COMPLETE and the report is read.
 */
export async function collectCredentialReport(
  ctx: CollectContext,
  options: CredentialReportOptions,
): Promise<SourceResult<'credentialReport'>> {
  const rawPayloads: RawPayload[] = []
  const done = (status: SourceResult<'credentialReport'>['status']): SourceResult<'credentialReport'> => ({
    status,
    collectedAt: ctx.now().toISOString(),
    raw: rawPayloads,
    records: null,
  })
  const iam = ctx.clients.iam()
  // The secondary calls may each fail on their own; the report and whatever else was read are kept.
  const policyAndSummary = settleAll([
    part(ctx, 'passwordPolicy', readPasswordPolicy),
    part(ctx, 'accountSummary', readSummary),
  ] as const)

  let report: ReportOutput | undefined
  try {
    if (options.maxAgeMs > 0 && options.isRecentReportKnown) {
      try {
        const existing = await ctx.send((abortSignal) =>
          iam.send(new GetCredentialReportCommand({}), { abortSignal }),
        )
        const generated = existing.GeneratedTime?.getTime() ?? 0
        if (ctx.now().getTime() - generated <= options.maxAgeMs) report = existing
      } catch (error) {
        if (!missingReportCodes.has(errorFacts(error).code)) throw error
      }
    }
    if (!report) {
      await generate(ctx, options, rawPayloads)
      report = await ctx.send((abortSignal) => iam.send(new GetCredentialReportCommand({}), { abortSignal }))
    }
  } catch (error) {
    await policyAndSummary.catch(() => {})
    return done(failure(error, ctx))
  }
  rawPayloads.push(raw('GetCredentialReport', report))

  const [policy, summary] = await policyAndSummary
  const gaps: Partial<Record<CredentialReportPart, SourceStatus>> = {}
  if ('gap' in policy) gaps.passwordPolicy = policy.gap
  else rawPayloads.push(policy.raw)
  if ('gap' in summary) gaps.accountSummary = summary.gap
  else rawPayloads.push(summary.raw)

  try {
    // Streamed through csv-parse from the bytes IAM returned, with the size cap.
    // The header is read once, by the parser: it names the columns (an older report has fewer).
    const { columns, users } = await parseCredentialReport([report.Content ?? new Uint8Array()], {
      fileName: 'The credential report IAM returned',
    })
    return {
      status: { state: 'ok' },
      collectedAt: ctx.now().toISOString(),
      raw: rawPayloads,
      records: {
        generatedAt: (report.GeneratedTime ?? ctx.now()).toISOString(),
        users,
        columns,
        passwordPolicy: 'gap' in policy ? null : policy.policy,
        accountSummary: 'gap' in summary ? {} : summary.map,
        ...(Object.keys(gaps).length > 0 ? { gaps } : {}),
      },
    }
  } catch (error) {
    return done({
      state: 'error',
      code: 'malformed-report',
      message: `credential report: ${errorFacts(error).message}`,
    })
  }
}

/** One secondary call: its result, or the gap it leaves (cancellation still stops the source). */
async function part<T>(
  ctx: CollectContext,
  name: CredentialReportPart,
  read: (ctx: CollectContext) => Promise<T>,
): Promise<T | { gap: SourceStatus; name: CredentialReportPart }> {
  try {
    return await read(ctx)
  } catch (error) {
    return { gap: failure(error, ctx), name }
  }
}

async function generate(ctx: CollectContext, options: CredentialReportOptions, rawPayloads: RawPayload[]) {
  const iam = ctx.clients.iam()
  let delay = options.pollDelayMs
  for (let poll = 0; ; poll++) {
    const state = await ctx.send((abortSignal) =>
      iam.send(new GenerateCredentialReportCommand({}), { abortSignal }),
    )
    rawPayloads.push(raw('GenerateCredentialReport', state))
    if (state.State === 'COMPLETE') return
    if (poll + 1 >= options.maxPolls) {
      throw Object.assign(
        new Error(`The credential report was still ${state.State} after ${options.maxPolls} polls`),
        {
          name: 'ReportTimeout',
        },
      )
    }
    await ctx.sleep(delay)
    delay = Math.min(delay * 2, options.maxPollDelayMs)
  }
}

async function readPasswordPolicy(
  ctx: CollectContext,
): Promise<{ policy: PasswordPolicy | null; raw: RawPayload }> {
  const iam = ctx.clients.iam()
  try {
    const output = await ctx.send((abortSignal) =>
      iam.send(new GetAccountPasswordPolicyCommand({}), { abortSignal }),
    )
    const policy = toPasswordPolicy({ ...output.PasswordPolicy })
    return { policy, raw: raw('GetAccountPasswordPolicy', output) }
  } catch (error) {
    const { code, message } = errorFacts(error)
    if (code !== 'NoSuchEntityException' && code !== 'NoSuchEntity') throw error
    // No policy is a fact worth keeping: record the answer AWS gave.
    return {
      policy: null,
      raw: raw('GetAccountPasswordPolicy', { error: { code: 'NoSuchEntity', message } }),
    }
  }
}

async function readSummary(ctx: CollectContext): Promise<{ map: Record<string, number>; raw: RawPayload }> {
  const iam = ctx.clients.iam()
  const output = await ctx.send((abortSignal) => iam.send(new GetAccountSummaryCommand({}), { abortSignal }))
  const map: Record<string, number> = {}
  for (const [key, value] of Object.entries(output.SummaryMap ?? {}))
    if (typeof value === 'number') map[key] = value
  return { map, raw: raw('GetAccountSummary', output) }
}

/** GetAccountPasswordPolicy's PasswordPolicy (SDK output or CLI JSON) as the schema's camel-case record. */
export function toPasswordPolicy(p: Record<string, unknown>): PasswordPolicy {
  const policy: PasswordPolicy = {}
  const num = (key: string) => (typeof p[key] === 'number' ? (p[key] as number) : undefined)
  const flag = (key: string) => (typeof p[key] === 'boolean' ? (p[key] as boolean) : undefined)
  const set = <K extends keyof PasswordPolicy>(key: K, value: PasswordPolicy[K] | undefined) => {
    if (value !== undefined) policy[key] = value
  }
  set('minimumPasswordLength', num('MinimumPasswordLength'))
  set('requireSymbols', flag('RequireSymbols'))
  set('requireNumbers', flag('RequireNumbers'))
  set('requireUppercaseCharacters', flag('RequireUppercaseCharacters'))
  set('requireLowercaseCharacters', flag('RequireLowercaseCharacters'))
  set('allowUsersToChangePassword', flag('AllowUsersToChangePassword'))
  set('expirePasswords', flag('ExpirePasswords'))
  set('maxPasswordAge', num('MaxPasswordAge'))
  set('passwordReusePrevention', num('PasswordReusePrevention'))
  set('hardExpiry', flag('HardExpiry'))
  return policy
}
