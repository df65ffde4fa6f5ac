import { paginateListAccountAliases } from '@aws-sdk/client-iam'
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts'
import type { RawPayload, SourceResult } from '../../shared/evidence/schema'
import { type CollectContext, failure, paged, raw } from './context'

/** Thrown when the credentials belong to another account than the target: nothing else may be collected. */
export class AccountMismatchError extends Error {
  constructor(expected: string, actual: string) {
    super(`The credentials are for account ${actual}, not ${expected}.`)
    this.name = 'AccountMismatchError'
  }
}

/**
 * Confirms the account: STS GetCallerIdentity, then IAM ListAccountAliases. The caller identity is required
 * to name the bundle; the aliases are a nicety, so a denied ListAccountAliases still leaves identity ok.
 */
export async function collectIdentity(ctx: CollectContext): Promise<SourceResult<'identity'>> {
  const rawPayloads: RawPayload[] = []
  const sts = ctx.clients.sts()
  let caller: { Account?: string | undefined; Arn?: string | undefined; UserId?: string | undefined }
  try {
    caller = await ctx.send((abortSignal) => sts.send(new GetCallerIdentityCommand({}), { abortSignal }))
  } catch (error) {
    return {
      status: failure(error, ctx),
      collectedAt: ctx.now().toISOString(),
      raw: rawPayloads,
      records: null,
    }
  }
  rawPayloads.push(raw('GetCallerIdentity', caller))
  const accountId = caller.Account ?? ''
  if (ctx.expectedAccountId !== undefined && accountId !== ctx.expectedAccountId) {
    throw new AccountMismatchError(ctx.expectedAccountId, accountId)
  }

  const aliases: string[] = []
  const iam = ctx.clients.iam()
  try {
    for await (const page of paginateListAccountAliases({ client: paged(ctx, iam) }, {})) {
      rawPayloads.push(raw('ListAccountAliases', page))
      aliases.push(...(page.AccountAliases ?? []))
    }
  } catch (error) {
    failure(error, ctx)
  }

  return {
    status: { state: 'ok' },
    collectedAt: ctx.now().toISOString(),
    raw: rawPayloads,
    records: { accountId, arn: caller.Arn ?? '', userId: caller.UserId ?? '', aliases },
  }
}
