import { awsDocs, type DomainInput, HALF_YEAR, taSecurityChecks } from './helpers'

const rootBestPractices = awsDocs(
  'Root user best practices',
  'IAM/latest/UserGuide/root-user-best-practices.html',
)
const credentialReport = awsDocs(
  'IAM credential report',
  'IAM/latest/UserGuide/id_credentials_getting-report.html',
)
const identityCenter = awsDocs('What is IAM Identity Center?', 'singlesignon/latest/userguide/what-is.html')

export const iamDomain: DomainInput = {
  id: 'iam',
  name: 'Identity & access management',
  description: 'Who and what can act in the account, and with which credentials.',
  levels: [
    {
      level: 1,
      name: 'Initial',
      meaning: 'The root user is protected and no key is known to be exposed.',
      controls: [
        {
          id: 'iam.root-mfa',
          title: 'The root user has MFA',
          rationale:
            'The root user can do anything, including closing the account; a password alone is not enough.',
          remediation: {
            text: 'Sign in as the root user and register an MFA device (a hardware key is best).',
            links: [
              awsDocs('Enable MFA for the root user', 'IAM/latest/UserGuide/enable-mfa-for-root.html'),
              rootBestPractices,
            ],
          },
          rule: {
            kind: 'credential-report',
            violation: {
              all: [
                { field: 'isRoot', equals: true },
                { field: 'isMfaActive', equals: false },
              ],
            },
            describe: 'root user without MFA',
          },
        },
        {
          id: 'iam.no-exposed-keys',
          title: 'No access key is known to be exposed',
          rationale:
            'AWS scans public code repositories for access keys; an exposed key is in use by someone else within minutes.',
          remediation: {
            text: 'Deactivate and delete the exposed key, review CloudTrail for its use, and move the workload to temporary credentials.',
            links: [
              taSecurityChecks,
              awsDocs('Manage access keys', 'IAM/latest/UserGuide/id-credentials-access-keys-update.html'),
            ],
          },
          rule: { kind: 'trusted-advisor-check', checkIds: ['12Fnkpl8Y5'], flagged: ['warning', 'error'] },
          question: {
            prompt:
              'Without Trusted Advisor: do you monitor for exposed access keys (e.g. AWS Health events, GuardDuty) and have none open?',
            validityDays: HALF_YEAR,
          },
        },
      ],
    },
    {
      level: 2,
      name: 'Baseline',
      meaning: 'Every console user has MFA, the root user has no keys, passwords follow a policy.',
      controls: [
        {
          id: 'iam.root-no-access-keys',
          title: 'The root user has no active access keys',
          rationale: 'Root access keys give unrestricted programmatic access that no policy can limit.',
          remediation: {
            text: 'Delete the root user access keys; use IAM roles instead.',
            links: [rootBestPractices],
          },
          rule: {
            kind: 'credential-report',
            violation: {
              all: [
                { field: 'isRoot', equals: true },
                { field: 'hasActiveAccessKey', equals: true },
              ],
            },
            describe: 'root user with an active access key',
          },
        },
        {
          id: 'iam.root-no-signing-certificates',
          title: 'The root user has no signing certificates',
          rationale:
            'Root X.509 signing certificates are long-lived root credentials, like root access keys.',
          remediation: { text: 'Delete the root user signing certificates.', links: [rootBestPractices] },
          rule: {
            kind: 'account-summary',
            key: 'AccountSigningCertificatesPresent',
            op: 'eq',
            value: 0,
            describe: 'Root signing certificates',
          },
        },
        {
          id: 'iam.console-users-mfa',
          title: 'Every IAM user with a console password has MFA',
          rationale: 'Phished or reused passwords are the most common way into a console.',
          remediation: {
            text: 'Require MFA for each listed user, or remove their console password and use IAM Identity Center.',
            links: [awsDocs('MFA in IAM', 'IAM/latest/UserGuide/id_credentials_mfa.html'), identityCenter],
          },
          rule: {
            kind: 'credential-report',
            violation: {
              all: [
                { field: 'hasPassword', equals: true },
                { field: 'isMfaActive', equals: false },
              ],
            },
            describe: 'users with a console password and no MFA',
          },
        },
        {
          id: 'iam.password-policy',
          title: 'The account password policy is strong',
          rationale: 'IAM user passwords are only as strong as the policy allows.',
          remediation: {
            text: 'Set an account password policy with the minimum length and complexity shown.',
            links: [
              awsDocs(
                'Set an account password policy',
                'IAM/latest/UserGuide/id_credentials_passwords_account-policy.html',
              ),
            ],
          },
          rule: {
            kind: 'password-policy',
            minimumLength: { param: 'password-min-length' },
            requireSymbols: true,
            requireNumbers: true,
            requireUppercase: true,
            requireLowercase: true,
            minimumReusePrevention: { param: 'password-reuse-prevention' },
          },
        },
      ],
    },
    {
      level: 3,
      name: 'Consistent',
      meaning: 'Long-term credentials are rotated and pruned; external access is analysed everywhere.',
      controls: [
        {
          id: 'iam.access-key-rotation',
          title: 'Active access keys are rotated',
          rationale: 'The longer a key lives, the more places it has been copied to.',
          remediation: {
            text: 'Rotate the listed keys (create a new key, switch the workload, deactivate then delete the old one).',
            links: [
              awsDocs('Rotate access keys', 'IAM/latest/UserGuide/id-credentials-access-keys-update.html'),
              credentialReport,
            ],
          },
          rule: {
            kind: 'credential-report',
            violation: { activeKeyOlderThanDays: { param: 'access-key-max-age-days' } },
            describe: 'users with an active key older than the maximum key age',
          },
        },
        {
          id: 'iam.unused-access-keys',
          title: 'No active access key sits unused',
          rationale: 'An unused key has no owner watching it; it only adds risk.',
          remediation: { text: 'Deactivate, then delete, the listed keys.', links: [credentialReport] },
          rule: {
            kind: 'credential-report',
            violation: { activeKeyUnusedForDays: { param: 'access-key-unused-days' } },
            describe: 'users with an active key unused for longer than allowed',
          },
        },
        {
          id: 'iam.inactive-console-users',
          title: 'No console password sits unused',
          rationale: 'Dormant console users are a favourite target: nobody notices when they sign in.',
          remediation: {
            text: 'Remove the console password of the listed users.',
            links: [credentialReport],
          },
          rule: {
            kind: 'credential-report',
            violation: { passwordUnusedForDays: { param: 'console-unused-days' } },
            describe: 'users whose console password was not used for longer than allowed',
          },
        },
        {
          id: 'iam.root-not-used',
          title: 'The root user is not used day to day',
          rationale:
            'Only a handful of tasks need the root user; regular use means regular exposure. A justified use is waived.',
          remediation: {
            text: 'Find out why the root user signed in (CloudTrail), and give the task to a role. Record a waiver for a justified use.',
            links: [
              awsDocs(
                'Tasks that require root user credentials',
                'IAM/latest/UserGuide/root-user-tasks.html',
              ),
            ],
          },
          rule: {
            kind: 'credential-report',
            violation: {
              all: [
                { field: 'isRoot', equals: true },
                { passwordUsedWithinDays: { param: 'root-use-window-days' } },
              ],
            },
            describe: 'root user sign-ins within the window',
          },
        },
        {
          id: 'iam.external-access-analyzer',
          title: 'An external-access analyzer runs in every Region in scope',
          rationale:
            'Access Analyzer is free and regional: without it, resource policies shared outside the account go unseen.',
          remediation: {
            text: 'Create an account (or organization) analyzer in each listed Region.',
            links: [
              awsDocs(
                'Enable IAM Access Analyzer',
                'IAM/latest/UserGuide/access-analyzer-getting-started.html',
              ),
            ],
          },
          rule: {
            kind: 'access-analyzer',
            check: 'analyzer-present',
            analyzerTypes: ['ACCOUNT', 'ORGANIZATION'],
          },
        },
      ],
    },
    {
      level: 4,
      name: 'Guardrails',
      meaning: 'People sign in through federation; unused access is found and removed; SCPs set the limits.',
      controls: [
        {
          id: 'iam.federated-console',
          title: 'People use federation, not IAM user passwords',
          rationale:
            'Federated, short-lived sessions are revoked centrally when someone leaves; IAM passwords are not.',
          remediation: {
            text: 'Move the listed users to IAM Identity Center; keep at most the allowed break-glass users.',
            links: [identityCenter],
          },
          rule: {
            kind: 'credential-report',
            violation: {
              all: [
                { field: 'isRoot', equals: false },
                { field: 'hasPassword', equals: true },
              ],
            },
            maxViolations: { param: 'break-glass-users-max' },
            describe: 'IAM users with a console password',
          },
        },
        {
          id: 'iam.unused-access',
          title: 'Unused access is analysed and removed',
          rationale: 'Permissions nobody uses are pure blast radius; the unused-access analyzer finds them.',
          remediation: {
            text: 'Create an unused-access analyzer and remove (or archive, with a reason) the findings it reports.',
            links: [awsDocs('Unused access findings', 'IAM/latest/UserGuide/access-analyzer-findings.html')],
          },
          rule: {
            kind: 'access-analyzer',
            check: 'no-findings',
            findingKind: 'unused',
            olderThanDays: { param: 'finding-max-age-days' },
            analyzerTypes: ['ACCOUNT_UNUSED_ACCESS', 'ORGANIZATION_UNUSED_ACCESS'],
            requireAnalyzer: true,
          },
        },
        {
          id: 'iam.scp-guardrails',
          title: 'Service control policies guard the account',
          rationale: 'SCPs set limits that even an administrator in the account cannot lift.',
          remediation: {
            text: 'Attach SCPs that protect security services, deny root use and restrict Regions.',
            links: [
              awsDocs(
                'Service control policies',
                'organizations/latest/userguide/orgs_manage_policies_scps.html',
              ),
            ],
          },
          question: {
            prompt:
              'Is the account under SCPs that protect its security services and restrict risky actions?',
            validityDays: HALF_YEAR,
          },
        },
      ],
    },
    {
      level: 5,
      name: 'Automated',
      meaning:
        'No long-term human credentials; elevated access is temporary and policies ship through a pipeline.',
      controls: [
        {
          id: 'iam.no-iam-users',
          title: 'No IAM users beyond approved break-glass users',
          rationale:
            'Every IAM user is a long-term credential; at this level people and workloads use roles only.',
          remediation: {
            text: 'Replace the listed IAM users with roles and Identity Center users.',
            links: [identityCenter],
          },
          rule: {
            kind: 'credential-report',
            violation: { field: 'isRoot', equals: false },
            maxViolations: { param: 'break-glass-users-max' },
            describe: 'IAM users',
          },
        },
        {
          id: 'iam.temporary-elevated-access',
          title: 'Elevated access is just in time',
          rationale: 'Standing administrator access is a standing risk.',
          remediation: {
            text: 'Grant administrative permission sets on request, for a limited time, with approval.',
            links: [
              awsDocs(
                'Temporary elevated access',
                'singlesignon/latest/userguide/temporary-elevated-access.html',
              ),
            ],
          },
          question: {
            prompt: 'Is administrative access granted just in time, with approval and expiry?',
            validityDays: HALF_YEAR,
          },
        },
        {
          id: 'iam.policy-pipeline',
          title: 'IAM policies ship through a validated pipeline',
          rationale: 'Policies checked before deployment do not need to be cleaned up after it.',
          remediation: {
            text: 'Validate policies with Access Analyzer policy checks in CI and deploy them as code only.',
            links: [
              awsDocs(
                'Access Analyzer policy validation',
                'IAM/latest/UserGuide/access-analyzer-policy-validation.html',
              ),
            ],
          },
          question: {
            prompt: 'Are IAM policies deployed only from code, validated by Access Analyzer checks in CI?',
            validityDays: HALF_YEAR,
          },
        },
      ],
    },
  ],
}
