import { type DomainId, domainIds } from '../../../shared/domain/types'
import type { AccountGroup, GroupKey } from '../../../shared/overview/groups'
import { LevelBadge } from '../../components/level'
import { domainAbbreviations } from './domain-abbreviations'
import { LinkButton } from './link-button'

const levels = [0, 1, 2, 3, 4, 5] as const

/** The overview grouped by owner, environment or tag: a row per group. Presentational. */
export function AccountGroupsTable({
  groupKey,
  groups,
  domainTitle,
  onPick,
}: {
  groupKey: GroupKey
  groups: AccountGroup[]
  domainTitle(id: DomainId): string
  /** Shows the heatmap filtered to that group. */
  onPick(value: string): void
}) {
  return (
    <table className="table groups-table" aria-label={`Accounts by ${groupKey}`} data-testid="account-groups">
      <thead>
        <tr>
          <th scope="col">{groupKey === 'tag' ? 'Tag' : groupKey === 'owner' ? 'Owner' : 'Environment'}</th>
          <th scope="col">Accounts</th>
          <th scope="col">By level</th>
          <th scope="col">Below target</th>
          {domainIds.map((id) => (
            <th scope="col" key={id} title={`${domainTitle(id)}: the lowest level in the group`}>
              <abbr title={domainTitle(id)}>{domainAbbreviations[id]}</abbr>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {groups.map((group) => (
          <tr key={group.value} data-testid="group-row">
            <th scope="row">
              <LinkButton onClick={() => onPick(group.value)}>{group.value}</LinkButton>
            </th>
            <td>{group.accountIds.length}</td>
            <td className="group-levels">
              {levels
                .filter((l) => (group.byLevel[l] ?? 0) > 0)
                .map((l) => `L${l} ${group.byLevel[l]}`)
                .join(' · ')}
            </td>
            <td>{group.belowTarget}</td>
            {domainIds.map((id) => {
              const lowest = group.lowest[id]
              return (
                <td key={id}>
                  {lowest === null ? (
                    '–'
                  ) : (
                    <LevelBadge level={lowest} label={`${domainTitle(id)}: lowest level ${lowest}`} />
                  )}
                </td>
              )
            })}
          </tr>
        ))}
      </tbody>
    </table>
  )
}
