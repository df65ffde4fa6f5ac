import { awsDocs, type DomainInput, manual, ONE_YEAR } from './helpers'

const organizations = awsDocs(
  'What is AWS Organizations?',
  'organizations/latest/userguide/orgs_introduction.html',
)
const contacts = awsDocs(
  'Alternate contacts',
  'accounts/latest/reference/manage-acct-update-contact-alternate.html',
)
export const governanceDomain: DomainInput = {
  id: 'governance',
  name: 'Governance & organization',
  description: 'Ownership, standards and the organization structure around the account.',
  levels: [
    {
      level: 1,
      name: 'Initial',
      meaning: 'Someone owns the account and can be reached about security.',
      controls: [
        manual(
          'gov.owner-recorded',
          'The account has a named owner',
          'Findings with no owner are never fixed.',
          'Record the owner in Ratchet and in account tags.',
          organizations,
          'Is a named person accountable for this account?',
        ),
        manual(
          'gov.security-contact',
          'The security alternate contact is set',
          'AWS sends abuse and security notices to this contact.',
          'Set the security alternate contact to a monitored mailbox.',
          contacts,
          'Is the security alternate contact set to a monitored address?',
        ),
      ],
    },
    {
      level: 2,
      name: 'Baseline',
      meaning: 'The account sits in the organization and its Regions are chosen.',
      controls: [
        manual(
          'gov.in-organization',
          'The account is in AWS Organizations',
          'Central guardrails and logging need the organization.',
          'Invite the account into the organization.',
          organizations,
          'Is the account a member of your AWS Organization?',
        ),
        manual(
          'gov.regions-selected',
          'Unused Regions are disabled or denied',
          'Fewer Regions, less to watch.',
          'Disable opt-in Regions and deny unused Regions with an SCP.',
          awsDocs(
            'Specify which Regions an account can use',
            'accounts/latest/reference/manage-acct-regions.html',
          ),
          'Are the Regions this account may use chosen and the rest denied?',
        ),
      ],
    },
    {
      level: 3,
      name: 'Consistent',
      meaning: 'A written standard applies and the owner reviews the scorecard every quarter.',
      controls: [
        manual(
          'gov.security-standard',
          'A written cloud security standard applies',
          'A standard makes expectations decidable.',
          'Publish a cloud security standard and map it to this model.',
          awsDocs('Security pillar', 'wellarchitected/latest/security-pillar/welcome.html'),
          'Does a written cloud security standard apply to this account?',
          ONE_YEAR,
        ),
        manual(
          'gov.quarterly-review',
          'The owner reviews the scorecard each quarter',
          'Reviewed scores improve; unreviewed ones drift.',
          'Put a quarterly review in the owner’s calendar and record it.',
          organizations,
          'Did the owner review this scorecard in the last quarter?',
          90,
        ),
      ],
    },
    {
      level: 4,
      name: 'Guardrails',
      meaning: 'Accounts are vended with guardrails from the start.',
      controls: [
        manual(
          'gov.account-vending',
          'The account was vended with baseline guardrails',
          'Accounts born compliant stay compliant more easily.',
          'Vend accounts through Control Tower or an equivalent pipeline.',
          awsDocs('What is AWS Control Tower?', 'controltower/latest/userguide/what-is-control-tower.html'),
          'Was this account vended (or enrolled) with the baseline guardrails?',
        ),
        manual(
          'gov.protect-security-services',
          'SCPs protect security services and deny unused Regions',
          'Attackers turn off logging first.',
          'Deny stopping CloudTrail, GuardDuty, Config and leaving the organization.',
          awsDocs(
            'Service control policies',
            'organizations/latest/userguide/orgs_manage_policies_scps.html',
          ),
          'Do SCPs prevent disabling security services and leaving the organization?',
        ),
      ],
    },
    {
      level: 5,
      name: 'Automated',
      meaning: 'Everything is code and evidence is collected automatically.',
      controls: [
        manual(
          'gov.everything-as-code',
          'All infrastructure is deployed as code',
          'Code is reviewable, repeatable and auditable.',
          'Deploy through IaC pipelines only; restrict console write access.',
          awsDocs('AWS CloudFormation', 'AWSCloudFormation/latest/UserGuide/Welcome.html'),
          'Is all infrastructure in this account deployed from code?',
        ),
        manual(
          'gov.automated-evidence',
          'Compliance evidence is collected automatically',
          'Automatic evidence is current and cheap.',
          'Collect evidence continuously (e.g. Audit Manager, Ratchet on a schedule).',
          awsDocs('What is AWS Audit Manager?', 'audit-manager/latest/userguide/what-is.html'),
          'Is compliance evidence for this account collected automatically?',
        ),
      ],
    },
  ],
}
