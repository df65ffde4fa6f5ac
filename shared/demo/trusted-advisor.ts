import type { CredentialUser, TaCheck, TaResource } from '../evidence/schema'
import { type Ctx, DAY, draw, hasIssue, iso, prefix } from './context'

/** The Trusted Advisor checks the demo reports (security and fault tolerance). */
export const taChecks: Array<{
  id: string
  name: string
  pillar: string
  type: string
  severity: 'warning' | 'error'
}> = [
  { id: '12Fnkpl8Y5', name: 'Exposed Access Keys', pillar: 'security', type: 'iam-key', severity: 'error' },
  { id: 'Yw2K9puPzl', name: 'IAM Password Policy', pillar: 'security', type: 'account', severity: 'warning' },
  { id: 'zXCkfM1nI3', name: 'IAM Use', pillar: 'security', type: 'account', severity: 'warning' },
  { id: 'vjafUGJ9H0', name: 'AWS CloudTrail Logging', pillar: 'security', type: 'trail', severity: 'error' },
  {
    id: 'HCP4007jGY',
    name: 'Security Groups - Specific Ports Unrestricted',
    pillar: 'security',
    type: 'sg',
    severity: 'error',
  },
  {
    id: '1iG5NDGVre',
    name: 'Security Groups - Unrestricted Access',
    pillar: 'security',
    type: 'sg',
    severity: 'warning',
  },
  {
    id: 'nNauJisYIT',
    name: 'Amazon RDS Security Group Access Risk',
    pillar: 'security',
    type: 'rds',
    severity: 'warning',
  },
  { id: 'xSqX82fQu', name: 'ELB Security Groups', pillar: 'security', type: 'elb', severity: 'warning' },
  { id: 'a2sEc6ILx', name: 'ELB Listener Security', pillar: 'security', type: 'elb', severity: 'warning' },
  {
    id: 'ePs02jT06w',
    name: 'Amazon EBS Public Snapshots',
    pillar: 'security',
    type: 'ebs-snap',
    severity: 'error',
  },
  {
    id: 'rSs93HQwa1',
    name: 'Amazon RDS Public Snapshots',
    pillar: 'security',
    type: 'rds-snap',
    severity: 'error',
  },
  {
    id: 'Pfx0RwqBli',
    name: 'Amazon S3 Bucket Permissions',
    pillar: 'security',
    type: 's3',
    severity: 'error',
  },
  {
    id: 'L4dfs2Q4C5',
    name: 'AWS Lambda Functions Using Deprecated Runtimes',
    pillar: 'security',
    type: 'lambda',
    severity: 'warning',
  },
  { id: 'opQPADkZvH', name: 'Amazon RDS Backups', pillar: 'fault_tolerance', type: 'rds', severity: 'error' },
  {
    id: 'H7IgTzjTYb',
    name: 'Amazon EBS Snapshots',
    pillar: 'fault_tolerance',
    type: 'ebs',
    severity: 'warning',
  },
  {
    id: 'R365s2Qddf',
    name: 'Amazon S3 Bucket Versioning',
    pillar: 'fault_tolerance',
    type: 's3',
    severity: 'warning',
  },
  {
    id: 'f2iK5R6Dep',
    name: 'Amazon RDS Multi-AZ',
    pillar: 'fault_tolerance',
    type: 'rds',
    severity: 'warning',
  },
  { id: 'BueAdJ7NrP', name: 'Amazon S3 Bucket Logging', pillar: 'security', type: 's3', severity: 'warning' },
  { id: '7DAFEmoDos', name: 'MFA on Root Account', pillar: 'security', type: 'account', severity: 'error' },
  {
    id: 'DqdJqYeRm5',
    name: 'IAM Access Key Rotation',
    pillar: 'security',
    type: 'iam-key',
    severity: 'warning',
  },
]

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
