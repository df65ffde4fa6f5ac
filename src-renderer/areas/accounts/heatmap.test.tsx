import { cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { account as card, control } from '../../../shared/compare/fixtures.test-support'
import type { DomainId } from '../../../shared/domain/types'
import type { AccountScorecard } from '../../../shared/scoring/types'
import { tinyAccount } from '../../../shared/snapshot/fixtures.test-support'
import { fallbackDomainTitles } from '../../store/desk-model'
import { summaryOfCard } from '../../workers/summary'
import { Heatmap } from './heatmap'
import type { OverviewRow } from './overview-model'

beforeAll(() => {
  // No layout here: give the heatmap's scroll box a size so the virtualizer renders rows.
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('heatmap-scroll') ? 600 : 0
    },
  })
})
afterEach(cleanup)

const account = (id: string, name: string) => tinyAccount(id, name, { criticality: 'medium', targets: {} })

/** A card whose iam domain is assessed 3 and evidence-verified 1, governance has no automated control. */
const assessed: AccountScorecard = (() => {
  const c = card('1', {
    iam: {
      level: 3,
      controls: [
        control('root-mfa', 'pass'),
        control('pw', 'unknown', { unknownReason: 'access-denied' }),
        control('q', 'unknown', { unknownReason: 'not-answered' }),
      ],
    },
    governance: { level: 2, controls: [control('policy', 'attested')] },
  })
  return {
    ...c,
    evidenceLevel: 1,
    domains: c.domains.map((d) => ({ ...d, evidenceLevel: d.domainId === 'iam' ? 1 : null })),
  }
})()
const unassessed: AccountScorecard = {
  ...card('2', { iam: { level: 0, controls: [] } }),
  grade: 'unassessed',
}
const domainOf = (id: string): DomainId | undefined => (id === 'policy' ? 'governance' : 'iam')

/** Draws the heatmap over `rows`, as the overview does. */
function renderRows(rows: OverviewRow[], unknownFilter = '') {
  render(
    <Heatmap
      rows={rows}
      sort={{ key: 'name', isDescending: false }}
      selected={new Set()}
      onSort={() => undefined}
      onToggle={() => undefined}
      onOpen={() => undefined}
      titles={fallbackDomainTitles}
      domainOf={domainOf}
      unknownFilter={unknownFilter}
    />,
  )
  return screen.getAllByTestId('heatmap-row') as HTMLElement[]
}

function renderHeatmap(unknownFilter = '') {
  const [first, second] = renderRows(
    [
      { account: account('1', 'payments'), summary: summaryOfCard(assessed) },
      { account: account('2', 'empty'), summary: summaryOfCard(unassessed) },
    ],
    unknownFilter,
  )
  if (!first || !second) throw new Error('two rows are drawn')
  return { first, second }
}

describe('the heatmap with 1,000 accounts', () => {
  it('renders only the visible rows', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => ({
      account: account(String(100000000000 + i), `account-${String(i).padStart(4, '0')}`),
      summary: undefined,
    }))
    const rendered = renderRows(rows)
    expect(rendered.length).toBeGreaterThan(10)
    expect(rendered.length).toBeLessThan(40)
    expect(screen.getByTestId('heatmap').getAttribute('aria-rowcount')).toBe('1001')
  })
})

describe('heatmap cells', () => {
  it('show the assessed level and beside it the evidence-verified one, "–" (never 0) without automated evidence', () => {
    const { first } = renderHeatmap()
    const iam = within(first).getByTestId('cell-iam')
    expect(within(iam).getByTestId('evidence-level').textContent).toBe('1')
    expect(iam.getAttribute('aria-label')).toContain('Identity & access: level 3, 1 evidence-verified')
    const governance = within(first).getByTestId('cell-governance')
    expect(within(governance).getByTestId('evidence-level').textContent).toBe('–')
    expect(governance.getAttribute('aria-label')).toContain('level 2, no automated evidence')
  })

  it('reads "unassessed" for an account with no usable evidence, never level 0 or grade F', () => {
    const { second } = renderHeatmap()
    expect(within(second).getByTestId('unassessed').textContent).toBe('unassessed')
    expect(second.querySelector('.hm-grade')).toBeNull()
    const iam = within(second).getByTestId('cell-iam')
    expect(iam.textContent).toBe('–')
    expect(iam.getAttribute('aria-label')).toContain('unassessed')
    expect(iam.textContent).not.toContain('0')
  })

  it('marks each unknown category with its own marker and says it in words', () => {
    const { first } = renderHeatmap()
    const iam = within(first).getByTestId('cell-iam')
    const marks = iam.querySelector('[data-unknown]')
    expect(marks?.getAttribute('data-unknown')).toBe('not-answered access-denied')
    expect(marks?.textContent).toBe('?⊘')
    expect(iam.getAttribute('aria-label')).toContain('unknown: 1 not answered, 1 access denied')
    expect(within(first).getByTestId('cell-governance').querySelector('[data-unknown]')).toBeNull()
  })

  it('highlights the cells of the filtered category, reachable by keyboard', () => {
    const { first } = renderHeatmap('access-denied')
    const iam = within(first).getByTestId('cell-iam')
    expect(iam.closest('td')?.className).toContain('is-unknown-match')
    expect(within(first).getByTestId('cell-governance').closest('td')?.className).not.toContain(
      'is-unknown-match',
    )
    const name = within(first).getAllByRole('button')[0] as HTMLElement
    name.focus()
    fireEvent.keyDown(name, { key: 'ArrowRight' })
    expect(document.activeElement).toBe(iam)
  })
})
