import type { CredentialUser, TaCheck, TaResource } from '../evidence/schema'
import { type Ctx, DAY, draw, hasIssue, iso, prefix } from './context'

type Severity = 'warning' | 'error'

/** The Trusted Advisor checks the demo reports (security and fault tolerance): id, name, pillar, resource type. */
const checkTable: Array<[id: string, name: string, pillar: string, type: string, severity: Severity]> = [
  ['12Fnkpl8Y5', 'Exposed Access Keys', 'security', 'iam-key', 'error'],
  ['Yw2K9puPzl', 'IAM Password Policy', 'security', 'account', 'warning'],
  ['zXCkfM1nI3', 'IAM Use', 'security', 'account', 'warning'],
  ['vjafUGJ9H0', 'AWS CloudTrail Logging', 'security', 'trail', 'error'],
  ['HCP4007jGY', 'Security Groups - Specific Ports Unrestricted', 'security', 'sg', 'error'],
  ['1iG5NDGVre', 'Security Groups - Unrestricted Access', 'security', 'sg', 'warning'],
  ['nNauJisYIT', 'Amazon RDS Security Group Access Risk', 'security', 'rds', 'warning'],
  ['xSqX82fQu', 'ELB Security Groups', 'security', 'elb', 'warning'],
  ['a2sEc6ILx', 'ELB Listener Security', 'security', 'elb', 'warning'],
  ['ePs02jT06w', 'Amazon EBS Public Snapshots', 'security', 'ebs-snap', 'error'],
  ['rSs93HQwa1', 'Amazon RDS Public Snapshots', 'security', 'rds-snap', 'error'],
  ['Pfx0RwqBli', 'Amazon S3 Bucket Permissions', 'security', 's3', 'error'],
  ['L4dfs2Q4C5', 'AWS Lambda Functions Using Deprecated Runtimes', 'security', 'lambda', 'warning'],
  ['opQPADkZvH', 'Amazon RDS Backups', 'fault_tolerance', 'rds', 'error'],
  ['H7IgTzjTYb', 'Amazon EBS Snapshots', 'fault_tolerance', 'ebs', 'warning'],
  ['R365s2Qddf', 'Amazon S3 Bucket Versioning', 'fault_tolerance', 's3', 'warning'],
  ['f2iK5R6Dep', 'Amazon RDS Multi-AZ', 'fault_tolerance', 'rds', 'warning'],
  ['BueAdJ7NrP', 'Amazon S3 Bucket Logging', 'security', 's3', 'warning'],
  ['7DAFEmoDos', 'MFA on Root Account', 'security', 'account', 'error'],
  ['DqdJqYeRm5', 'IAM Access Key Rotation', 'security', 'iam-key', 'warning'],
]

/** The checks as objects, for the evidence builders. */
export const taChecks = checkTable.map(([id, name, pillar, type, severity]) => ({
  id,
  name,
  pillar,
  type,
  severity,
}))

function resourceArn(c: Ctx, type: string, n: number, region: string): { arn: string; id: string } {
  const a = c.accountId
  const p = prefix(c)
  switch (type) {
    case 's3':
      return { arn: `arn:aws:s3:::${p}-assets-${n}`, id: `${p}-assets-${n}` }
    case 'sg':
      return {
        arn: `arn:aws:ec2:${region}:${a}:security-group/sg-0${n}a1f${a.slice(-4)}`,
        id: `sg-0${n}a1f${a.slice(-4)}`,
      }
    case 'rds':
      return { arn: `arn:aws:rds:${region}:${a}:db:${p}-db-${n}`, id: `${p}-db-${n}` }
    case 'rds-snap':
      return { arn: `arn:aws:rds:${region}:${a}:snapshot:${p}-snap-${n}`, id: `${p}-snap-${n}` }
    case 'ebs':
    case 'ebs-snap':
      return {
        arn: `arn:aws:ec2:${region}:${a}:volume/vol-0${n}b7${a.slice(-6)}`,
        id: `vol-0${n}b7${a.slice(-6)}`,
      }
    case 'elb':
      return {
        arn: `arn:aws:elasticloadbalancing:${region}:${a}:loadbalancer/${p}-lb-${n}`,
        id: `${p}-lb-${n}`,
      }
    case 'lambda':
      return { arn: `arn:aws:lambda:${region}:${a}:function:${p}-fn-${n}`, id: `${p}-fn-${n}` }
    case 'trail':
      return { arn: `arn:aws:cloudtrail:${region}:${a}:trail/${p}-trail`, id: `${p}-trail` }
    case 'iam-key':
      return { arn: `arn:aws:iam::${a}:user/service/ci-deploy`, id: 'ci-deploy' }
    default:
      return { arn: `arn:aws:iam::${a}:root`, id: a }
  }
}

/** Checks behind level-1 controls: accounts in decent shape rarely fail these, so their levels mean something. */
const basicChecks = new Set([
  'ePs02jT06w',
  'rSs93HQwa1',
  'Pfx0RwqBli',
  'opQPADkZvH',
  'HCP4007jGY',
  'vjafUGJ9H0',
  'L4dfs2Q4C5',
])

function isFlagged(c: Ctx, checkId: string): boolean {
  const x = draw(c, `ta-${checkId}`)
  return basicChecks.has(checkId) ? x > c.q + (1 - c.q) * 0.65 : x > c.q
}

/** One Trusted Advisor check as the account would report it, consistent with its credential report. */
export function taCheck(c: Ctx, def: (typeof taChecks)[number], users: CredentialUser[]): TaCheck {
  const region = c.profile.regions[0] ?? 'us-east-1'
  let flagged = 0
  if (def.id === '7DAFEmoDos') flagged = users.some((u) => u.isRoot && !u.isMfaActive) ? 1 : 0
  else if (def.id === 'DqdJqYeRm5') {
    flagged = users.filter((u) =>
      u.accessKeys.some(
        (k) => k.isActive && k.lastRotated && c.at.getTime() - Date.parse(k.lastRotated) > 90 * DAY,
      ),
    ).length
  } else if (def.id === '12Fnkpl8Y5') flagged = hasIssue(c, 'ta-exposed') && c.q < 0.25 ? 1 : 0
  else if (isFlagged(c, def.id)) flagged = 1 + Math.floor(draw(c, 'count', def.id) * 3)
  const resources: TaResource[] = Array.from({ length: flagged }, (_, i) => {
    const { arn, id } = resourceArn(c, def.type, i + 1, region)
    return {
      arn,
      awsResourceId: id,
      regionCode: def.type === 's3' || def.type === 'account' || def.type === 'iam-key' ? 'global' : region,
      status: def.severity,
      metadata: { Region: region, 'Resource Id': id },
      isExcluded: false,
    }
  })
  return {
    checkId: def.id,
    checkArn: `arn:aws:trustedadvisor:::check/${def.id}`,
    name: def.name,
    recommendationArn: `arn:aws:trustedadvisor::${c.accountId}:recommendation/${def.id}-demo`,
    status: flagged > 0 ? def.severity : 'ok',
    pillars: [def.pillar],
    source: 'ta_check',
    counts: {
      ok: 3 + Math.floor(draw(c, 'ok', def.id) * 20),
      warning: def.severity === 'warning' ? flagged : 0,
      error: def.severity === 'error' ? flagged : 0,
      excluded: 0,
    },
    resources,
    lastUpdatedAt: iso(c.at, 1),
  }
}
