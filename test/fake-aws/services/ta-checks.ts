/** A Trusted Advisor check as ListChecks describes it (ids from the AWS check reference). */
export interface CheckInfo {
  id: string
  name: string
  pillars: string[]
  awsServices: string[]
  /** Column headings of the resource metadata, by position. */
  columns: string[]
}

const sec = ['security']
const ft = ['fault_tolerance']

/** The security checks the maturity model uses, plus the related fault-tolerance ones. */
export const CHECKS: readonly CheckInfo[] = [
  {
    id: 'ePs02jT06w',
    name: 'Amazon EBS Public Snapshots',
    pillars: sec,
    awsServices: ['EBS'],
    columns: ['Status', 'Region', 'Volume ID', 'Snapshot ID', 'Description'],
  },
  {
    id: 'rSs93HQwa1',
    name: 'Amazon RDS Public Snapshots',
    pillars: sec,
    awsServices: ['RDS'],
    columns: ['Status', 'Region', 'DB Instance or Cluster ID', 'Snapshot ID'],
  },
  {
    id: 'nNauJisYIT',
    name: 'Amazon RDS Security Group Access Risk',
    pillars: sec,
    awsServices: ['RDS'],
    columns: ['Region', 'RDS Security Group Name', 'Ingress Rule', 'Status', 'Reason'],
  },
  {
    id: 'c9D319e7sG',
    name: 'Amazon Route 53 MX Resource Record Sets and Sender Policy Framework',
    pillars: sec,
    awsServices: ['Route 53'],
    columns: ['Hosted Zone Name', 'Hosted Zone ID', 'Resource Record Set Name', 'Status'],
  },
  {
    id: 'Pfx0RwqBli',
    name: 'Amazon S3 Bucket Permissions',
    pillars: sec,
    awsServices: ['S3'],
    columns: [
      'Region',
      'Region API Parameter',
      'Bucket Name',
      'ACL Allows List',
      'ACL Allows Upload/Delete',
      'Status',
      'Policy Allows Access',
    ],
  },
  {
    id: 'vjafUGJ9H0',
    name: 'AWS CloudTrail Logging',
    pillars: sec,
    awsServices: ['CloudTrail'],
    columns: ['Region', 'Trail Name', 'Logging Status', 'Bucket Name', 'Last Delivery Error', 'Status'],
  },
  {
    id: 'L4dfs2Q4C5',
    name: 'AWS Lambda Functions Using Deprecated Runtimes',
    pillars: sec,
    awsServices: ['Lambda'],
    columns: ['Status', 'Region', 'Function ARN', 'Runtime', 'Days to Deprecation', 'Deprecation Date'],
  },
  {
    id: 'N425c450f2',
    name: 'CloudFront Custom SSL Certificates in the IAM Certificate Store',
    pillars: sec,
    awsServices: ['CloudFront'],
    columns: ['Status', 'Distribution ID', 'Distribution Domain Name', 'Certificate Name', 'Reason'],
  },
  {
    id: 'N430c450f2',
    name: 'CloudFront SSL Certificate on the Origin Server',
    pillars: sec,
    awsServices: ['CloudFront'],
    columns: ['Status', 'Distribution ID', 'Distribution Domain Name', 'Origin', 'Reason'],
  },
  {
    id: 'a2sEc6ILx',
    name: 'ELB Listener Security',
    pillars: sec,
    awsServices: ['ELB'],
    columns: ['Region', 'Load Balancer Name', 'Load Balancer Port', 'Status', 'Reason'],
  },
  {
    id: 'xSqX82fQu',
    name: 'ELB Security Groups',
    pillars: sec,
    awsServices: ['ELB'],
    columns: ['Region', 'Load Balancer Name', 'Status', 'Security Group IDs', 'Reason'],
  },
  {
    id: '12Fnkpl8Y5',
    name: 'Exposed Access Keys',
    pillars: sec,
    awsServices: ['IAM'],
    columns: [
      'Access Key ID',
      'User Name (IAM or Root)',
      'Fraud Type',
      'Case ID',
      'Time Updated',
      'Location',
      'Deadline',
      'Usage (USD per Day)',
    ],
  },
  {
    id: 'DqdJqYeRm5',
    name: 'IAM Access Key Rotation',
    pillars: sec,
    awsServices: ['IAM'],
    columns: ['Status', 'IAM User', 'Access Key', 'Key Last Rotated', 'Reason'],
  },
  {
    id: 'Yw2K9puPzl',
    name: 'IAM Password Policy',
    pillars: sec,
    awsServices: ['IAM'],
    columns: ['Password Policy', 'Uppercase', 'Lowercase', 'Number', 'Non-alphanumeric', 'Status', 'Reason'],
  },
  { id: 'zXCkfM1nI3', name: 'IAM Use', pillars: sec, awsServices: ['IAM'], columns: [] },
  { id: '7DAFEmoDos', name: 'MFA on Root Account', pillars: sec, awsServices: ['IAM'], columns: [] },
  {
    id: 'HCP4007jGY',
    name: 'Security Groups - Specific Ports Unrestricted',
    pillars: sec,
    awsServices: ['EC2'],
    columns: ['Region', 'Security Group Name', 'Security Group ID', 'Protocol', 'Status', 'Ports'],
  },
  {
    id: '1iG5NDGVre',
    name: 'Security Groups - Unrestricted Access',
    pillars: sec,
    awsServices: ['EC2'],
    columns: ['Region', 'Security Group Name', 'Security Group ID', 'Protocol', 'Port', 'Status', 'IP Range'],
  },
  {
    id: 'opQPADkZvH',
    name: 'Amazon RDS Backups',
    pillars: ft,
    awsServices: ['RDS'],
    columns: ['Region/AZ', 'DB Instance', 'VPC ID', 'Backup Retention Period', 'Status'],
  },
  {
    id: 'f2iK5R6Dep',
    name: 'Amazon RDS Multi-AZ',
    pillars: ft,
    awsServices: ['RDS'],
    columns: ['Region/AZ', 'DB Instance', 'VPC ID', 'Multi-AZ', 'Status'],
  },
  {
    id: 'H7IgTzjTYb',
    name: 'Amazon EBS Snapshots',
    pillars: ft,
    awsServices: ['EBS'],
    columns: [
      'Region/AZ',
      'Volume ID',
      'Volume Name',
      'Snapshot ID',
      'Snapshot Name',
      'Snapshot Age',
      'Volume Attachment',
      'Status',
      'Reason',
    ],
  },
  {
    id: 'BueAdJ7NrP',
    name: 'Amazon S3 Bucket Logging',
    pillars: ft,
    awsServices: ['S3'],
    columns: [
      'Region',
      'Bucket Name',
      'Target Name',
      'Target Exists',
      'Same Owner',
      'Write Enabled',
      'Status',
      'Reason',
    ],
  },
  {
    id: 'R365s2Qddf',
    name: 'Amazon S3 Bucket Versioning',
    pillars: ft,
    awsServices: ['S3'],
    columns: ['Region', 'Bucket Name', 'Versioning', 'MFA Delete Enabled', 'Status'],
  },
]

export const CHECKS_BY_ID: ReadonlyMap<string, CheckInfo> = new Map(CHECKS.map((c) => [c.id, c]))

/** The CheckSummary wire shape. */
export function checkSummary(check: CheckInfo) {
  return {
    id: check.id,
    arn: `arn:aws:trustedadvisor:::check/${check.id}`,
    name: check.name,
    description: `Checks ${check.name}.`,
    pillars: check.pillars,
    awsServices: check.awsServices,
    source: 'ta_check',
    metadata: Object.fromEntries(check.columns.map((c, i) => [String(i), c])),
  }
}
