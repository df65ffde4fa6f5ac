import { awsDocs, type DomainInput, HALF_YEAR, taSecurityChecks } from './helpers'

const blockPublicAccess = awsDocs(
  'S3 Block Public Access',
  'AmazonS3/latest/userguide/access-control-block-public-access.html',
)
const accessAnalyzerFindings = awsDocs(
  'Access Analyzer findings',
  'IAM/latest/UserGuide/access-analyzer-findings.html',
)

export const dataProtectionDomain: DomainInput = {
  id: 'data-protection',
  name: 'Data protection',
  description: 'Whether data is kept private, encrypted and discoverable.',
  levels: [
    {
      level: 1,
      name: 'Initial',
      meaning:
        'No snapshot is public, no bucket is open for anyone to write or list, and S3 Block Public Access is on for the account.',
      controls: [
        {
          id: 'data.no-public-snapshots',
          title: 'No EBS or RDS snapshot is public',
          rationale: 'A public snapshot is a full copy of a disk or database for anyone to restore.',
          remediation: {
            text: 'Make the listed snapshots private.',
            links: [
              awsDocs(
                'Share an EBS snapshot',
                'ebs/latest/userguide/ebs-modifying-snapshot-permissions.html',
              ),
              awsDocs('Share an RDS snapshot', 'AmazonRDS/latest/UserGuide/USER_ShareSnapshot.html'),
              taSecurityChecks,
            ],
          },
          rule: {
            kind: 'trusted-advisor-check',
            checkIds: ['ePs02jT06w', 'rSs93HQwa1'],
            flagged: ['warning', 'error'],
          },
          question: {
            prompt: 'Without Trusted Advisor: have you verified no EBS or RDS snapshot is public?',
            validityDays: HALF_YEAR,
          },
        },
        {
          id: 'data.no-open-buckets',
          title: 'No S3 bucket lets everyone write or list',
          rationale: 'Open write or list access is how buckets are defaced, abused for hosting, or leaked.',
          remediation: {
            text: 'Remove public grants from the listed buckets and turn on Block Public Access.',
            links: [blockPublicAccess, taSecurityChecks],
          },
          rule: { kind: 'trusted-advisor-check', checkIds: ['Pfx0RwqBli'], flagged: ['error'] },
          question: {
            prompt: 'Without Trusted Advisor: have you verified no bucket grants public write or list?',
            validityDays: HALF_YEAR,
          },
        },
        {
          id: 'data.account-block-public-access',
          title: 'S3 Block Public Access is on for the account',
          rationale: 'The account-level setting protects every bucket, including tomorrow’s.',
          remediation: {
            text: 'Turn on all four Block Public Access settings at the account level.',
            links: [blockPublicAccess],
          },
          question: {
            prompt: 'Is S3 Block Public Access enabled at the account level?',
            validityDays: HALF_YEAR,
          },
        },
      ],
    },
    {
      level: 2,
      name: 'Baseline',
      meaning: 'No bucket or resource is publicly readable, and nothing is shared outside the organization.',
      controls: [
        {
          id: 'data.bucket-permissions',
          title: 'No S3 bucket is publicly readable',
          rationale: 'Public read access is the most common cause of cloud data leaks.',
          remediation: {
            text: 'Remove public read from the listed buckets; serve public content through CloudFront.',
            links: [blockPublicAccess, taSecurityChecks],
          },
          rule: { kind: 'trusted-advisor-check', checkIds: ['Pfx0RwqBli'], flagged: ['warning', 'error'] },
          question: {
            prompt: 'Without Trusted Advisor: have you verified no bucket is publicly readable?',
            validityDays: HALF_YEAR,
          },
        },
        {
          id: 'data.no-public-access-findings',
          title: 'Access Analyzer reports no public resources',
          rationale: 'Access Analyzer proves from policies which resources anyone on the internet can reach.',
          remediation: {
            text: 'Remove the public access from each listed resource, or archive the finding if it is intended.',
            links: [accessAnalyzerFindings],
          },
          rule: {
            kind: 'access-analyzer',
            check: 'no-findings',
            findingKind: 'external',
            access: 'public',
            analyzerTypes: ['ACCOUNT', 'ORGANIZATION'],
          },
        },
        {
          id: 'data.no-access-outside-organization',
          title: 'Nothing is shared outside the organization',
          rationale:
            'Cross-account access inside the organization is design; access from outside the zone of trust (another company, an unknown account) is exposure, told by the finding’s principal.',
          remediation: {
            text: 'Remove each listed grant to a principal outside the organization, or archive the finding with an archive rule naming the trusted partner.',
            links: [accessAnalyzerFindings],
          },
          rule: {
            kind: 'access-analyzer',
            check: 'no-findings',
            findingKind: 'external',
            access: 'outside-organization',
            analyzerTypes: ['ACCOUNT', 'ORGANIZATION'],
          },
        },
      ],
    },
    {
      level: 3,
      name: 'Consistent',
      meaning: 'Cross-account access is reviewed promptly; unencrypted disks are blocked by default.',
      controls: [
        {
          id: 'data.external-access-reviewed',
          title: 'Cross-account access findings are resolved or archived promptly',
          rationale:
            'Sharing outside the account should be a decision, recorded by archiving the finding with a rule.',
          remediation: {
            text: 'Resolve the listed findings, or archive the intended ones with an archive rule.',
            links: [accessAnalyzerFindings],
          },
          rule: {
            kind: 'access-analyzer',
            check: 'no-findings',
            findingKind: 'external',
            access: 'cross-account',
            olderThanDays: { param: 'finding-max-age-days' },
            analyzerTypes: ['ACCOUNT', 'ORGANIZATION'],
          },
        },
        {
          id: 'data.ebs-default-encryption',
          title: 'EBS encryption by default is on in every Region in use',
          rationale: 'Default encryption removes the chance of an unencrypted volume or snapshot.',
          remediation: {
            text: 'Enable EBS encryption by default in each Region.',
            links: [awsDocs('EBS encryption by default', 'ebs/latest/userguide/encryption-by-default.html')],
          },
          question: {
            prompt: 'Is EBS encryption by default enabled in every Region in use?',
            validityDays: HALF_YEAR,
          },
        },
      ],
    },
    {
      level: 4,
      name: 'Guardrails',
      meaning: 'Public sharing is blocked by policy and sensitive data is located.',
      controls: [
        {
          id: 'data.block-public-sharing-policy',
          title: 'SCPs or RCPs block public sharing',
          rationale: 'A policy guardrail keeps the account private even if a setting is changed.',
          remediation: {
            text: 'Attach SCPs/RCPs that deny disabling Block Public Access and public snapshot sharing.',
            links: [
              awsDocs(
                'Resource control policies',
                'organizations/latest/userguide/orgs_manage_policies_rcps.html',
              ),
            ],
          },
          question: {
            prompt: 'Do SCPs or RCPs prevent making data public in this account?',
            validityDays: HALF_YEAR,
          },
        },
        {
          id: 'data.sensitive-data-discovery',
          title: 'Sensitive data is discovered',
          rationale: 'You cannot protect data you do not know you hold.',
          remediation: {
            text: 'Run Amazon Macie on buckets that may hold sensitive data.',
            links: [awsDocs('What is Amazon Macie?', 'macie/latest/user/what-is-macie.html')],
          },
          question: {
            prompt: 'Is sensitive data in S3 discovered (e.g. Amazon Macie)?',
            validityDays: HALF_YEAR,
          },
        },
      ],
    },
    {
      level: 5,
      name: 'Automated',
      meaning: 'A data perimeter limits access to trusted identities, resources and networks.',
      controls: [
        {
          id: 'data.perimeter',
          title: 'A data perimeter is enforced',
          rationale:
            'Perimeter policies stop data leaving through trusted credentials used from untrusted places.',
          remediation: {
            text: 'Apply identity, resource and network perimeter policies.',
            links: [
              awsDocs(
                'Building a data perimeter on AWS',
                'whitepapers/latest/building-a-data-perimeter-on-aws/building-a-data-perimeter-on-aws.html',
              ),
            ],
          },
          question: {
            prompt: 'Is a data perimeter (trusted identities, resources, networks) enforced?',
            validityDays: HALF_YEAR,
          },
        },
        {
          id: 'data.automated-discovery',
          title: 'Sensitive-data discovery runs automatically',
          rationale: 'New buckets and objects are classified without anyone remembering to.',
          remediation: {
            text: 'Enable Macie automated sensitive data discovery.',
            links: [awsDocs('Automated sensitive data discovery', 'macie/latest/user/discovery-asdd.html')],
          },
          question: {
            prompt: 'Does automated sensitive-data discovery cover all buckets?',
            validityDays: HALF_YEAR,
          },
        },
      ],
    },
  ],
}
