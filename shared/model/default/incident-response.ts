import { awsDocs, type DomainInput, manual, ONE_YEAR } from './helpers'

const irGuide = awsDocs(
  'AWS Security Incident Response Guide',
  'security-ir/latest/userguide/security-incident-response-guide.html',
)
export const incidentResponseDomain: DomainInput = {
  id: 'incident-response',
  name: 'Incident response',
  description: 'Whether the team can act fast and well when something happens.',
  levels: [
    {
      level: 1,
      name: 'Initial',
      meaning: 'Someone can be reached when something happens.',
      controls: [
        manual(
          'ir.reachable-contact',
          'A security contact is reachable at all hours',
          'Incidents do not wait for office hours.',
          'Name an on-call security contact and test reaching them.',
          irGuide,
          'Can a security contact for this account be reached at any hour?',
        ),
      ],
    },
    {
      level: 2,
      name: 'Baseline',
      meaning: 'Playbooks exist for the likely incidents.',
      controls: [
        manual(
          'ir.playbooks',
          'Playbooks cover leaked keys and exposed data',
          'Playbooks turn panic into steps.',
          'Write playbooks for a leaked access key and for publicly exposed data.',
          irGuide,
          'Do playbooks exist for leaked credentials and exposed data?',
          ONE_YEAR,
        ),
      ],
    },
    {
      level: 3,
      name: 'Consistent',
      meaning: 'Response is practised and critical findings close within an SLA.',
      controls: [
        manual(
          'ir.tabletop',
          'A tabletop exercise ran in the last 12 months',
          'Practice finds the gaps before an incident does.',
          'Run a tabletop on a realistic cloud scenario and record the actions.',
          irGuide,
          'Did the team run a tabletop exercise in the last 12 months?',
          ONE_YEAR,
        ),
        manual(
          'ir.critical-sla',
          'Critical findings are closed within an SLA',
          'Criticals left open are incidents waiting to happen.',
          'Track critical Trusted Advisor and Access Analyzer findings to closure.',
          irGuide,
          'Are critical findings closed within an agreed SLA?',
        ),
      ],
    },
    {
      level: 4,
      name: 'Guardrails',
      meaning: 'Top playbooks run automatically.',
      controls: [
        manual(
          'ir.automated-playbooks',
          'The top playbooks are automated',
          'Automation contains incidents in minutes.',
          'Automate key revocation and resource isolation.',
          awsDocs(
            'Security Hub and EventBridge',
            'securityhub/latest/userguide/securityhub-cloudwatch-events.html',
          ),
          'Are the most common playbooks automated?',
        ),
      ],
    },
    {
      level: 5,
      name: 'Automated',
      meaning: 'Orchestrated response and regular adversary testing.',
      controls: [
        manual(
          'ir.orchestration',
          'Response is orchestrated end to end',
          'Orchestration ties detection, ticketing and response together.',
          'Use a SOAR or ticketing integration for every finding.',
          irGuide,
          'Are findings orchestrated from detection to closure (SOAR/ticketing)?',
        ),
        manual(
          'ir.adversary-testing',
          'Red or purple team exercises test detection',
          'Only a real attempt proves detection works.',
          'Run red/purple team exercises against this account’s workloads.',
          irGuide,
          'Was this account in scope of a red or purple team exercise in the last year?',
          ONE_YEAR,
        ),
      ],
    },
  ],
}
