import { awsDocs, type DomainInput, HALF_YEAR, taSecurityChecks } from './helpers'

const securityGroups = awsDocs('Security groups', 'vpc/latest/userguide/vpc-security-groups.html')

export const networkDomain: DomainInput = {
  id: 'network',
  name: 'Network',
  description: 'What is reachable from the internet, and how traffic is segmented.',
  levels: [
    {
      level: 1,
      name: 'Initial',
      meaning: 'No high-risk port is open to the world.',
      controls: [
        {
          id: 'net.no-high-risk-ports',
          title: 'No security group opens a high-risk port to the world',
          rationale:
            'Databases, RDP and similar ports open to 0.0.0.0/0 are scanned and attacked constantly.',
          remediation: {
            text: 'Restrict the listed security group rules to known sources.',
            links: [securityGroups, taSecurityChecks],
          },
          rule: { kind: 'trusted-advisor-check', checkIds: ['HCP4007jGY'], flagged: ['error'] },
          question: {
            prompt:
              'Without Trusted Advisor: have you verified no security group opens high-risk ports to 0.0.0.0/0?',
            validityDays: HALF_YEAR,
          },
        },
      ],
    },
    {
      level: 2,
      name: 'Baseline',
      meaning: 'Security groups allow only intended public traffic.',
      controls: [
        {
          id: 'net.no-open-ports',
          title: 'No security group opens sensitive ports to the world',
          rationale:
            'Trusted Advisor’s yellow findings (e.g. SSH, FTP) are the next most common entry points.',
          remediation: {
            text: 'Replace direct access with Session Manager or restrict the source.',
            links: [securityGroups, taSecurityChecks],
          },
          rule: { kind: 'trusted-advisor-check', checkIds: ['HCP4007jGY'], flagged: ['warning', 'error'] },
          question: {
            prompt:
              'Without Trusted Advisor: have you verified no security group opens SSH/RDP/FTP or similar to 0.0.0.0/0?',
            validityDays: HALF_YEAR,
          },
        },
        {
          id: 'net.no-unrestricted-access',
          title: 'Security groups are not open to all traffic',
          rationale:
            'Rules open to 0.0.0.0/0 on ports other than web and mail ports expose more than intended.',
          remediation: {
            text: 'Narrow the listed rules to the ports and sources required.',
            links: [securityGroups, taSecurityChecks],
          },
          rule: { kind: 'trusted-advisor-check', checkIds: ['1iG5NDGVre'], flagged: ['warning', 'error'] },
          question: {
            prompt:
              'Without Trusted Advisor: are security group rules open to 0.0.0.0/0 limited to web and mail ports?',
            validityDays: HALF_YEAR,
          },
        },
        {
          id: 'net.rds-security-groups',
          title: 'RDS security groups do not allow broad access',
          rationale: 'A database reachable from anywhere is one weak password away from a breach.',
          remediation: {
            text: 'Restrict database security groups to application subnets.',
            links: [taSecurityChecks],
          },
          rule: { kind: 'trusted-advisor-check', checkIds: ['nNauJisYIT'], flagged: ['warning', 'error'] },
          question: {
            prompt: 'Without Trusted Advisor: are database security groups limited to application sources?',
            validityDays: HALF_YEAR,
          },
        },
      ],
    },
    {
      level: 3,
      name: 'Consistent',
      meaning: 'Load balancers are hardened, workloads are segmented and managed without SSH.',
      controls: [
        {
          id: 'net.load-balancers',
          title: 'Load balancers use secure listeners and tight security groups',
          rationale:
            'The load balancer is the front door; weak ciphers and open groups undo everything behind it.',
          remediation: {
            text: 'Use current TLS policies and restrict load balancer security groups to listener ports.',
            links: [
              awsDocs(
                'HTTPS listeners',
                'elasticloadbalancing/latest/application/create-https-listener.html',
              ),
              taSecurityChecks,
            ],
          },
          rule: {
            kind: 'trusted-advisor-check',
            checkIds: ['xSqX82fQu', 'a2sEc6ILx'],
            flagged: ['warning', 'error'],
          },
          question: {
            prompt:
              'Without Trusted Advisor: do load balancers use current TLS policies and tight security groups?',
            validityDays: HALF_YEAR,
          },
        },
        {
          id: 'net.managed-access',
          title: 'Instances are managed through Session Manager, not SSH or RDP',
          rationale: 'Session Manager needs no open inbound port and logs every session.',
          remediation: {
            text: 'Use Systems Manager Session Manager and close port 22/3389.',
            links: [awsDocs('Session Manager', 'systems-manager/latest/userguide/session-manager.html')],
          },
          question: {
            prompt: 'Are instances administered through Session Manager (no inbound SSH/RDP)?',
            validityDays: HALF_YEAR,
          },
        },
        {
          id: 'net.segmentation',
          title: 'Workloads are segmented into private subnets',
          rationale: 'Segmentation limits how far an attacker moves after a foothold.',
          remediation: {
            text: 'Keep workloads in private subnets; expose only load balancers.',
            links: [
              awsDocs('VPC security best practices', 'vpc/latest/userguide/vpc-security-best-practices.html'),
            ],
          },
          question: {
            prompt: 'Are workloads in private subnets, with only load balancers exposed?',
            validityDays: HALF_YEAR,
          },
        },
      ],
    },
    {
      level: 4,
      name: 'Guardrails',
      meaning: 'Preventive controls stop risky network changes before they land.',
      controls: [
        {
          id: 'net.preventive-controls',
          title: 'Risky network changes are prevented or auto-remediated',
          rationale: 'Detection after the fact leaves a window; guardrails close it.',
          remediation: {
            text: 'Use Firewall Manager security group policies or Config auto-remediation.',
            links: [
              awsDocs('AWS Firewall Manager', 'waf/latest/developerguide/fms-chapter.html'),
              awsDocs('Config remediation', 'config/latest/developerguide/remediation.html'),
            ],
          },
          question: {
            prompt: 'Are open security groups prevented or automatically remediated?',
            validityDays: HALF_YEAR,
          },
        },
      ],
    },
    {
      level: 5,
      name: 'Automated',
      meaning: 'Egress is controlled and access is zero-trust.',
      controls: [
        {
          id: 'net.egress-control',
          title: 'Outbound traffic is filtered',
          rationale: 'Egress filtering blocks exfiltration and command-and-control.',
          remediation: {
            text: 'Route egress through AWS Network Firewall or proxies with allow-lists.',
            links: [
              awsDocs(
                'AWS Network Firewall',
                'network-firewall/latest/developerguide/what-is-aws-network-firewall.html',
              ),
            ],
          },
          question: {
            prompt: 'Is outbound traffic filtered against an allow-list?',
            validityDays: HALF_YEAR,
          },
        },
        {
          id: 'net.zero-trust',
          title: 'Private applications use zero-trust access',
          rationale: 'Identity- and device-aware access removes the trusted network.',
          remediation: {
            text: 'Put internal applications behind Verified Access or an equivalent.',
            links: [awsDocs('AWS Verified Access', 'verified-access/latest/ug/what-is-verified-access.html')],
          },
          question: {
            prompt: 'Are internal applications reached through zero-trust access (no VPN-wide trust)?',
            validityDays: HALF_YEAR,
          },
        },
      ],
    },
  ],
}
