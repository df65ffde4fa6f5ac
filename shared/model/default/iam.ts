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

/** A credential-report rule over the root user's row: the root row matching `predicate` is the violation. */
function rootRule(
  predicate: { field: 'isMfaActive' | 'hasActiveAccessKey'; equals: boolean },
  describe: string,
) {
  return {
    kind: 'credential-report' as const,
    violation: { all: [{ field: 'isRoot' as const, equals: true }, predicate] },
    describe,
  }
}

/** Remediation and rule of an unused-access control over the given finding types. */
function unusedAccess(findingTypes: string[]) {
  return {
    remediation: {
      text: 'Create an unused-access analyzer and remove (or archive, with a reason) the findings it reports.',
      links: [awsDocs('Unused access findings', 'IAM/latest/UserGuide/access-analyzer-findings.html')],
    },
    rule: {
      kind: 'access-analyzer' as const,
      check: 'no-findings' as const,
      findingKind: 'unused' as const,
      findingTypes,
      olderThanDays: { param: 'finding-max-age-days' },
      analyzerTypes: ['ACCOUNT_UNUSED_ACCESS', 'ORGANIZATION_UNUSED_ACCESS'],
      requireAnalyzer: true,
    },
  }
}

export const iamDomain: DomainInput = {
  id: 'iam',
  name: 'Identity & access management',
  description: 'Who and what can act in the account, and with which credentials.',
  levels: [
    {
      level: 1,
      name: 'Initial',
      meaning: 'The root user is protected (MFA, no access keys) and no key is known to be exposed.',
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
            ...rootRule({ field: 'isMfaActive', equals: false }, 'root user without MFA'),
            // Trusted Advisor's root-MFA check decides when the credential report cannot be obtained.
            fallback: {
              kind: 'trusted-advisor-check',
              checkIds: ['7DAFEmoDos'],
              flagged: ['warning', 'error'],
            },
          },
        },
        {
          id: 'iam.root-no-access-keys',
          title: 'The root user has no active access keys',
          rationale: 'Root access keys give unrestricted programmatic access that no policy can limit.',
          remediation: {
            text: 'Delete the root user access keys; use IAM roles instead.',
            links: [rootBestPractices],
          },
          rule: rootRule(
            { field: 'hasActiveAccessKey', equals: true },
            'root user with an active access key',
          ),
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
      meaning: 'Every console user has MFA, passwords follow a policy, users hold one key at most.',
      controls: [
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
          id: 'iam.single-active-key',
          title: 'No user holds two active access keys',
          rationale:
            'Two active keys are for a rotation in progress; left in place, one of them is forgotten and never rotated.',
          remediation: {
            text: 'Finish the rotation: deactivate, then delete, the older key of each listed user.',
            links: [credentialReport],
          },
          rule: {
            kind: 'credential-report',
            violation: { activeKeysAtLeast: 2 },
            describe: 'users with two active access keys',
          },
        },
        {
          id: 'iam.no-keys-at-user-setup',
          title: 'Console users were not handed access keys at setup',
          rationale:
            'A key created with a console user and never used is a credential nobody asked for (CIS AWS Foundations 1.11).',
          remediation: {
            text: 'Delete the listed unused keys; create keys only when a workload needs them, and prefer roles.',
            links: [credentialReport],
          },
          rule: {
            kind: 'credential-report',
            violation: { all: [{ field: 'hasPassword', equals: true }, { keyCreatedAtUserSetup: true }] },
            describe: 'console users with an unused key created at setup',
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
          id: 'iam.unused-access',
          title: 'Unused roles, keys and passwords are found and removed',
          rationale:
            'Roles, access keys and passwords nobody uses are pure blast radius; the unused-access analyzer finds them.',
          ...unusedAccess(['UnusedIAMRole', 'UnusedIAMUserAccessKey', 'UnusedIAMUserPassword']),
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
      meaning: 'People sign in through federation; unused permissions are trimmed; SCPs set the limits.',
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
          id: 'iam.unused-permissions',
          title: 'Unused permissions are trimmed from the roles and users that remain',
          rationale:
            'Least privilege, refined: the permissions a used role never exercises (UnusedPermission findings).',
          ...unusedAccess(['UnusedPermission']),
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
