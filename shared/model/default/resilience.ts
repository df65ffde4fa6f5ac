import { awsDocs, type DomainInput, HALF_YEAR, manual, ONE_YEAR, taFaultToleranceChecks } from './helpers'

const backup = awsDocs('What is AWS Backup?', 'aws-backup/latest/devguide/whatisbackup.html')
export const resilienceDomain: DomainInput = {
  id: 'resilience',
  name: 'Resilience',
  description: 'Whether data and services survive failure and ransomware.',
  levels: [
    {
      level: 1,
      name: 'Initial',
      meaning: 'Databases are backed up.',
      controls: [
        {
          id: 'res.rds-backups',
          title: 'RDS databases have automated backups',
          rationale: 'A database without backups is one mistake from permanent loss.',
          remediation: {
            text: 'Enable automated backups with a retention of at least 7 days.',
            links: [
              awsDocs(
                'RDS automated backups',
                'AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html',
              ),
              taFaultToleranceChecks,
            ],
          },
          rule: { kind: 'trusted-advisor-check', checkIds: ['opQPADkZvH'], flagged: ['error'] },
          question: {
            prompt: 'Without Trusted Advisor: do all RDS databases have automated backups?',
            validityDays: HALF_YEAR,
          },
        },
      ],
    },
    {
      level: 2,
      name: 'Baseline',
      meaning: 'Volumes are snapshotted.',
      controls: [
        {
          id: 'res.ebs-snapshots',
          title: 'EBS volumes have recent snapshots',
          rationale: 'Snapshots are the last line against deletion and ransomware.',
          remediation: {
            text: 'Back up volumes with AWS Backup or Data Lifecycle Manager.',
            links: [backup, taFaultToleranceChecks],
          },
          rule: { kind: 'trusted-advisor-check', checkIds: ['H7IgTzjTYb'], flagged: ['error'] },
          question: {
            prompt: 'Without Trusted Advisor: are all EBS volumes backed up?',
            validityDays: HALF_YEAR,
          },
        },
      ],
    },
    {
      level: 3,
      name: 'Consistent',
      meaning: 'Production data is redundant and restores are tested.',
      controls: [
        {
          id: 'res.rds-multi-az',
          title: 'Databases run Multi-AZ',
          rationale: 'A single-AZ database goes down with its zone.',
          remediation: {
            text: 'Convert production databases to Multi-AZ; waive non-production ones.',
            links: [
              awsDocs('Multi-AZ deployments', 'AmazonRDS/latest/UserGuide/Concepts.MultiAZ.html'),
              taFaultToleranceChecks,
            ],
          },
          rule: { kind: 'trusted-advisor-check', checkIds: ['f2iK5R6Dep'], flagged: ['warning', 'error'] },
          question: {
            prompt: 'Without Trusted Advisor: do production databases run Multi-AZ?',
            validityDays: HALF_YEAR,
          },
        },
        {
          id: 'res.s3-versioning',
          title: 'S3 buckets have versioning',
          rationale: 'Versioning recovers objects from overwrites and deletes.',
          remediation: {
            text: 'Enable versioning on buckets holding data you cannot recreate; waive the rest.',
            links: [
              awsDocs('S3 Versioning', 'AmazonS3/latest/userguide/Versioning.html'),
              taFaultToleranceChecks,
            ],
          },
          rule: { kind: 'trusted-advisor-check', checkIds: ['R365s2Qddf'], flagged: ['warning', 'error'] },
          question: {
            prompt: 'Without Trusted Advisor: do buckets with irreplaceable data have versioning?',
            validityDays: HALF_YEAR,
          },
        },
        manual(
          'res.restore-test',
          'A restore was tested in the last 12 months',
          'Untested backups are hopes, not backups.',
          'Restore a production backup into a test account and record the result.',
          backup,
          'Was a restore from backup tested in the last 12 months?',
          ONE_YEAR,
        ),
      ],
    },
    {
      level: 4,
      name: 'Guardrails',
      meaning: 'Backups are isolated and locked; the DR plan is tested.',
      controls: [
        manual(
          'res.backup-isolation',
          'Backups are copied cross-account and locked',
          'Ransomware with admin rights deletes local backups first.',
          'Copy backups to a separate account vault with Vault Lock.',
          awsDocs('AWS Backup Vault Lock', 'aws-backup/latest/devguide/vault-lock.html'),
          'Are backups copied to another account and protected by Vault Lock?',
        ),
        manual(
          'res.dr-plan-tested',
          'The disaster recovery plan was tested',
          'A DR plan is only as good as its last test.',
          'Run a DR test against the RTO/RPO targets.',
          awsDocs('What is AWS Resilience Hub?', 'resilience-hub/latest/userguide/what-is.html'),
          'Was the DR plan tested against its targets in the last 12 months?',
          ONE_YEAR,
        ),
      ],
    },
    {
      level: 5,
      name: 'Automated',
      meaning: 'Recovery across Regions is automated and failure is practised.',
      controls: [
        manual(
          'res.multi-region-dr',
          'Multi-Region recovery is automated',
          'Manual recovery is slow and error-prone under stress.',
          'Automate failover with Elastic Disaster Recovery or equivalent.',
          awsDocs('What is Elastic Disaster Recovery?', 'drs/latest/userguide/what-is-drs.html'),
          'Is recovery to another Region automated?',
        ),
        manual(
          'res.chaos-engineering',
          'Failure is injected regularly',
          'Resilience that is exercised stays real.',
          'Run fault injection experiments on a schedule.',
          awsDocs('What is AWS FIS?', 'fis/latest/userguide/what-is.html'),
          'Are fault-injection experiments run regularly?',
        ),
      ],
    },
  ],
}
