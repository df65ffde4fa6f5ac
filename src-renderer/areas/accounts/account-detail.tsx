import { useEffect, useRef, useState } from 'react'
import { type Account, type DomainId, domainIds, type Level } from '../../../shared/domain/types'
import { cellState, describeCell, domainCell, LevelBadge } from '../../components/level'
import { useAppStore } from '../../store/app-store'
import { useAccountScorecard } from '../../store/scorecards'
import { useDeskModel } from '../../store/use-desk-model'
import { HeldBy } from '../baselines/held-by'
import { CollectionFailedBanner } from '../collect/collection-banner'
import { AccountContext } from './account-context'
import { DomainPanel } from './domain-panel'
import { Questionnaire } from './questionnaire'
import { WaiverList } from './waiver-list'

/** One account: its context, its level per domain, and the controls behind each level. */
export function AccountDetail({
  account,
  domainId,
  controlId,
}: {
  account: Account
  domainId: DomainId | undefined
  controlId: string | undefined
}) {
  const desk = useDeskModel()
  const card = useAccountScorecard(account.id)
  const isLoaded = useAppStore((s) => s.isDeskDetailsLoaded)
  const openOverview = useAppStore((s) => s.openOverview)
  const openAccount = useAppStore((s) => s.openAccount)
  const updateAccount = useAppStore((s) => s.updateAccount)
  const openCurrentExport = useAppStore((s) => s.openCurrentExport)
  const [tab, setTab] = useState<'domains' | 'questions'>('domains')
  const headingRef = useRef<HTMLHeadingElement>(null)
  const hasFocusControl = controlId !== undefined
  useEffect(() => {
    // Opening an account (Enter on the heatmap) moves focus to its heading, never to the page body; when it
    // opens at a control, that control keeps the scroll position.
    if (account.id) headingRef.current?.focus({ preventScroll: hasFocusControl })
  }, [account.id, hasFocusControl])
  const titles = desk.domainTitles
  const current = domainId ?? card?.domains.find((d) => d.level === card.level)?.domainId ?? 'iam'
  const domain = card?.domains.find((d) => d.domainId === current)
  const setTarget = (level: Level | undefined) => {
    const targets = { ...account.targets }
    if (level === undefined) delete targets[current]
    else targets[current] = level
    void updateAccount(account.id, { targets })
  }
  return (
    <article className="account-detail" data-testid="account-detail" aria-labelledby="account-title">
      <header className="detail-header">
        <button type="button" onClick={openOverview}>
          ← All accounts
        </button>
        <h2 id="account-title" ref={headingRef} tabIndex={-1}>
          {account.name}
        </h2>
        <code className="muted">{account.id}</code>
        {account.origin === 'demo' ? <span className="demo-tag">Demo</span> : null}
        <span className="headline">
          Level <LevelBadge level={card?.level ?? 0} label={`Headline level ${card?.level ?? 0}`} /> grade{' '}
          <strong>{card?.grade ?? '–'}</strong>
        </span>
        <button type="button" onClick={() => void openCurrentExport(account.id)}>
          Export…
        </button>
      </header>
      <CollectionFailedBanner accountId={account.id} />
      <AccountContext key={account.id} account={account} />
      <HeldBy accountId={account.id} />
      <fieldset className="detail-tabs">
        <legend className="visually-hidden">Account views</legend>
        <button type="button" aria-pressed={tab === 'domains'} onClick={() => setTab('domains')}>
          Domains
        </button>
        <button type="button" aria-pressed={tab === 'questions'} onClick={() => setTab('questions')}>
          Questionnaire
        </button>
      </fieldset>
      {tab === 'questions' ? (
        <>
          <Questionnaire account={account} />
          <WaiverList account={account} />
        </>
      ) : null}
      <div className="detail-body" hidden={tab !== 'domains'}>
        <nav aria-label="Domains" className="domain-nav">
          <ul>
            {domainIds.map((d) => {
              const result = card?.domains.find((x) => x.domainId === d)
              const state = cellState(domainCell(result))
              return (
                <li key={d}>
                  <button
                    type="button"
                    className="domain-tab"
                    aria-current={d === current ? 'true' : undefined}
                    onClick={() => openAccount(account.id, d)}
                  >
                    {/* The name is the visible title, then the level in words (label in name, WCAG 2.5.3). */}
                    <span aria-hidden="true">
                      <LevelBadge
                        level={state.level}
                        isHeldByUnknown={state.isHeldByUnknown}
                        isBelowTarget={card?.belowTarget.includes(d) ?? false}
                      />
                    </span>
                    <span>{titles[d]}</span>
                    <span className="visually-hidden">
                      {describeCell(domainCell(result), titles[d]).slice(titles[d].length)}
                    </span>
                  </button>
                </li>
              )
            })}
          </ul>
        </nav>
        {domain ? (
          <DomainPanel
            key={current}
            account={account}
            domain={domain}
            focusControlId={controlId}
            onTargetChange={setTarget}
          />
        ) : isLoaded ? (
          <p className="muted">No score yet for this account.</p>
        ) : (
          <p className="muted">Reading this account’s evidence and answers…</p>
        )}
      </div>
    </article>
  )
}
