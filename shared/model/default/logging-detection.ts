import { awsDocs, type DomainInput, HALF_YEAR, ONE_YEAR, taSecurityChecks } from './helpers'

const trail = awsDocs(
  'Creating a trail',
  'awscloudtrail/latest/userguide/cloudtrail-create-and-update-a-trail.html',
)
const guardDuty = awsDocs('What is Amazon GuardDuty?', 'guardduty/latest/ug/what-is-guardduty.html')

export const loggingDetectionDomain: DomainInput = {
  id: 'logging-detection',
  name: 'Logging & detection',
  description: 'Whether API activity is recorded and threats are noticed.',
  levels: [
    {
      level: 1,
      name: 'Initial',
      meaning: 'API activity is recorded somewhere and GuardDuty watches for common threats.',
      controls: [
        {
          id: 'log.cloudtrail-on',
          title: 'CloudTrail records API activity',
          rationale: 'Without a trail there is nothing to investigate after an incident.',
          remediation: {
            text: 'Create a multi-Region trail that logs to a protected S3 bucket.',
            links: [trail, taSecurityChecks],
          },
          rule: { kind: 'trusted-advisor-check', checkIds: ['vjafUGJ9H0'], flagged: ['error'] },
          question: {
            prompt: 'Without Trusted Advisor: is a CloudTrail trail logging in this account?',
            validityDays: HALF_YEAR,
          },
        },
        {
          id: 'log.guardduty',
          title: 'GuardDuty runs in every Region in use',
          rationale:
            'GuardDuty detects credential misuse, crypto-mining and reconnaissance with no agents to run.',
          remediation: {
            text: 'Enable GuardDuty in each Region (delegated administrator for the organization).',
            links: [guardDuty],
          },
          question: {
            prompt: 'Is GuardDuty enabled in every Region this account uses?',
            validityDays: HALF_YEAR,
          },
        },
      ],
    },
    {
      level: 2,
      name: 'Baseline',
      meaning: 'Every Region is logged.',
      controls: [
        {
          id: 'log.cloudtrail-all-regions',
          title: 'CloudTrail logs every Region, with no delivery errors',
          rationale: 'Attackers use the Regions nobody watches.',
          remediation: {
            text: 'Make the trail multi-Region and fix the delivery errors Trusted Advisor reports.',
            links: [trail, taSecurityChecks],
          },
          rule: { kind: 'trusted-advisor-check', checkIds: ['vjafUGJ9H0'], flagged: ['warning', 'error'] },
          question: {
            prompt: 'Without Trusted Advisor: does a multi-Region trail deliver logs without errors?',
            validityDays: HALF_YEAR,
          },
        },
      ],
    },
    {
      level: 3,
      name: 'Consistent',
      meaning: 'Findings are triaged within an SLA and logs are kept long enough to investigate.',
      controls: [
        {
          id: 'log.findings-triaged',
          title: 'Security findings are triaged within an agreed SLA',
          rationale: 'A finding nobody reads is not detection.',
          remediation: {
            text: 'Route GuardDuty and Security Hub findings to an owner with an SLA.',
            links: [
              awsDocs('What is AWS Security Hub?', 'securityhub/latest/userguide/what-is-securityhub.html'),
            ],
          },
          question: {
            prompt: 'Are security findings for this account triaged within an agreed SLA?',
            validityDays: HALF_YEAR,
          },
        },
        {
          id: 'log.retention',
          title: 'Audit logs are kept for at least a year',
          rationale: 'Intrusions are often found months after they start.',
          remediation: {
            text: 'Set S3 lifecycle rules (or CloudTrail Lake retention) to at least 365 days.',
            links: [trail],
          },
          question: { prompt: 'Are CloudTrail logs retained for at least one year?', validityDays: ONE_YEAR },
        },
        {
          id: 'log.root-login-alert',
          title: 'Root sign-ins raise an alert',
          rationale: 'Root use should be rare enough that every use is worth a look.',
          remediation: {
            text: 'Create an EventBridge rule or CloudWatch alarm on root console sign-ins.',
            links: [
              awsDocs(
                'CloudWatch alarms for CloudTrail',
                'awscloudtrail/latest/userguide/cloudwatch-alarms-for-cloudtrail.html',
              ),
            ],
          },
          question: {
            prompt: 'Does a root sign-in to this account raise an alert to a person?',
            validityDays: HALF_YEAR,
          },
        },
      ],
    },
    {
      level: 4,
      name: 'Guardrails',
      meaning: 'Logging and detection are organization-wide and cannot be turned off from the account.',
      controls: [
        {
          id: 'log.org-trail',
          title: 'An organization trail writes to an immutable central archive',
          rationale: 'An attacker with account admin cannot delete logs that live elsewhere and are locked.',
          remediation: {
            text: 'Create an organization trail to a log-archive account bucket with Object Lock.',
            links: [
              awsDocs(
                'Organization trails',
                'awscloudtrail/latest/userguide/creating-trail-organization.html',
              ),
            ],
          },
          question: {
            prompt:
              'Is this account covered by an organization trail to an immutable archive in another account?',
            validityDays: HALF_YEAR,
          },
        },
        {
          id: 'log.org-guardduty',
          title: 'GuardDuty is managed for the whole organization',
          rationale:
            'Central management enables GuardDuty for new accounts and stops members turning it off.',
          remediation: {
            text: 'Use a delegated GuardDuty administrator with auto-enable for all members.',
            links: [guardDuty],
          },
          question: {
            prompt: 'Is GuardDuty managed by a delegated administrator with auto-enable?',
            validityDays: HALF_YEAR,
          },
        },
      ],
    },
    {
      level: 5,
      name: 'Automated',
      meaning: 'Custom detections run centrally and common findings are answered automatically.',
      controls: [
        {
          id: 'log.custom-detections',
          title: 'Custom detections run on centralized logs',
          rationale: 'Managed detections miss what is specific to your environment.',
          remediation: {
            text: 'Centralize logs (e.g. Security Lake or a SIEM) and maintain detections as code.',
            links: [
              awsDocs(
                'What is Amazon Security Lake?',
                'security-lake/latest/userguide/what-is-security-lake.html',
              ),
            ],
          },
          question: {
            prompt: 'Do custom detections, maintained as code, run on this account’s logs?',
            validityDays: HALF_YEAR,
          },
        },
        {
          id: 'log.automated-response',
          title: 'Common findings trigger an automated response',
          rationale: 'Machines answer in seconds; people answer in hours.',
          remediation: {
            text: 'Wire findings to EventBridge rules that contain or fix common cases.',
            links: [
              awsDocs(
                'Security Hub and EventBridge',
                'securityhub/latest/userguide/securityhub-cloudwatch-events.html',
              ),
            ],
          },
          question: {
            prompt: 'Do common findings trigger an automated containment or fix?',
            validityDays: HALF_YEAR,
          },
        },
      ],
    },
  ],
}
