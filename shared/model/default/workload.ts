import { awsDocs, type DomainInput, HALF_YEAR, taSecurityChecks } from './helpers'

const lambdaRuntimes = awsDocs('Lambda runtimes', 'lambda/latest/dg/lambda-runtimes.html')

export const workloadDomain: DomainInput = {
  id: 'workload',
  name: 'Workload & vulnerabilities',
  description: 'Whether compute is current, scanned and built securely.',
  levels: [
    {
      level: 1,
      name: 'Initial',
      meaning: 'No function runs on a runtime past its deprecation.',
      controls: [
        {
          id: 'work.no-deprecated-runtimes',
          title: 'No Lambda function uses a deprecated runtime',
          rationale: 'Deprecated runtimes get no security patches.',
          remediation: {
            text: 'Upgrade the listed functions to a supported runtime.',
            links: [lambdaRuntimes, taSecurityChecks],
          },
          rule: { kind: 'trusted-advisor-check', checkIds: ['L4dfs2Q4C5'], flagged: ['error'] },
          question: {
            prompt:
              'Without Trusted Advisor: have you verified no Lambda function runs a deprecated runtime?',
            validityDays: HALF_YEAR,
          },
        },
      ],
    },
    {
      level: 2,
      name: 'Baseline',
      meaning: 'Runtimes are current and vulnerabilities are scanned.',
      controls: [
        {
          id: 'work.current-runtimes',
          title: 'No Lambda function uses a runtime nearing deprecation',
          rationale: 'Upgrading before the deadline avoids a rushed change.',
          remediation: {
            text: 'Upgrade functions flagged as approaching deprecation.',
            links: [lambdaRuntimes, taSecurityChecks],
          },
          rule: { kind: 'trusted-advisor-check', checkIds: ['L4dfs2Q4C5'], flagged: ['warning', 'error'] },
          question: {
            prompt: 'Without Trusted Advisor: are all Lambda runtimes current?',
            validityDays: HALF_YEAR,
          },
        },
        {
          id: 'work.vulnerability-scanning',
          title: 'Workloads are scanned for vulnerabilities',
          rationale: 'Known vulnerabilities are the cheapest way in.',
          remediation: {
            text: 'Enable Amazon Inspector for EC2, ECR and Lambda.',
            links: [awsDocs('What is Amazon Inspector?', 'inspector/latest/user/what-is-inspector.html')],
          },
          question: {
            prompt: 'Is Amazon Inspector (or equivalent) scanning EC2, containers and functions?',
            validityDays: HALF_YEAR,
          },
        },
      ],
    },
    {
      level: 3,
      name: 'Consistent',
      meaning: 'Patches meet an SLA, instance metadata is protected, secrets stay out of code.',
      controls: [
        {
          id: 'work.patch-sla',
          title: 'Critical patches are applied within an SLA',
          rationale: 'Scanning without patching only documents the risk.',
          remediation: {
            text: 'Use Patch Manager baselines and track time to patch.',
            links: [awsDocs('Patch Manager', 'systems-manager/latest/userguide/patch-manager.html')],
          },
          question: {
            prompt: 'Are critical vulnerabilities patched within an agreed SLA?',
            validityDays: HALF_YEAR,
          },
        },
        {
          id: 'work.imdsv2',
          title: 'Instances require IMDSv2',
          rationale: 'IMDSv2 blocks the SSRF path to instance credentials.',
          remediation: {
            text: 'Require IMDSv2 on instances and set it as the account default.',
            links: [
              awsDocs(
                'Configure the instance metadata service',
                'AWSEC2/latest/UserGuide/configuring-instance-metadata-service.html',
              ),
            ],
          },
          question: { prompt: 'Do all instances require IMDSv2?', validityDays: HALF_YEAR },
        },
        {
          id: 'work.secrets-management',
          title: 'Secrets live in a secrets manager, not in code',
          rationale: 'Secrets in code end up in every clone and log.',
          remediation: {
            text: 'Store secrets in Secrets Manager and scan repositories for leaks.',
            links: [awsDocs('What is AWS Secrets Manager?', 'secretsmanager/latest/userguide/intro.html')],
          },
          question: {
            prompt: 'Are secrets kept in a secrets manager and repositories scanned for leaked secrets?',
            validityDays: HALF_YEAR,
          },
        },
      ],
    },
    {
      level: 4,
      name: 'Guardrails',
      meaning: 'Images come from a hardened pipeline and CI blocks insecure builds.',
      controls: [
        {
          id: 'work.image-pipeline',
          title: 'Machine and container images come from a hardened pipeline',
          rationale: 'A golden image pipeline patches once and everywhere.',
          remediation: {
            text: 'Build images with EC2 Image Builder (or equivalent) and use only those.',
            links: [
              awsDocs(
                'What is EC2 Image Builder?',
                'imagebuilder/latest/userguide/what-is-image-builder.html',
              ),
            ],
          },
          question: {
            prompt: 'Do workloads run only images from a hardened, regularly rebuilt pipeline?',
            validityDays: HALF_YEAR,
          },
        },
        {
          id: 'work.ci-security-gates',
          title: 'CI blocks builds with critical findings',
          rationale: 'Security gates stop vulnerabilities before they ship.',
          remediation: {
            text: 'Fail builds on critical dependency, IaC and secret findings.',
            links: [awsDocs('Security pillar', 'wellarchitected/latest/security-pillar/welcome.html')],
          },
          question: {
            prompt: 'Does CI block builds with critical security findings?',
            validityDays: HALF_YEAR,
          },
        },
      ],
    },
    {
      level: 5,
      name: 'Automated',
      meaning: 'Infrastructure is immutable and runtime threats are detected.',
      controls: [
        {
          id: 'work.immutable-infrastructure',
          title: 'Infrastructure is immutable',
          rationale: 'Replacing instead of patching in place removes drift and persistence.',
          remediation: {
            text: 'Deploy by replacing instances and containers; disallow interactive changes.',
            links: [awsDocs('Security pillar', 'wellarchitected/latest/security-pillar/welcome.html')],
          },
          question: {
            prompt: 'Are workloads replaced rather than changed in place?',
            validityDays: HALF_YEAR,
          },
        },
        {
          id: 'work.runtime-protection',
          title: 'Runtime threats are detected',
          rationale: 'Some attacks only show at run time.',
          remediation: {
            text: 'Enable GuardDuty Runtime Monitoring or an EDR agent.',
            links: [awsDocs('GuardDuty Runtime Monitoring', 'guardduty/latest/ug/runtime-monitoring.html')],
          },
          question: {
            prompt: 'Is runtime threat detection running on the workloads?',
            validityDays: HALF_YEAR,
          },
        },
      ],
    },
  ],
}
