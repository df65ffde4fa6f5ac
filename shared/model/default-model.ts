import dataProtectionDomain from './default/data-protection.json'
import governanceDomain from './default/governance.json'
import iamDomain from './default/iam.json'
import incidentResponseDomain from './default/incident-response.json'
import loggingDetectionDomain from './default/logging-detection.json'
import networkDomain from './default/network.json'
import resilienceDomain from './default/resilience.json'
import workloadDomain from './default/workload.json'
import { type MaturityModel, MODEL_SCHEMA_VERSION, validateModel } from './schema'

/**
 * The default Ratchet model as written (see docs/maturity-model.md for the rationale). Each domain's levels
 * and controls are a table in `default/<domain>.json` (data, in the model-file format users import), checked
 * by the same schema as an imported model when this module loads. Levels are cumulative:
 * L1 Initial, L2 Baseline, L3 Consistent, L4 Guardrails, L5 Automated. Every Trusted Advisor rule also carries
 * a question, so accounts without Business support can attest instead of staying unknown.
 */
export const defaultModelInput = {
  schemaVersion: MODEL_SCHEMA_VERSION,
  id: 'ratchet-default',
  name: 'Ratchet default model',
  description:
    'A CSMM-style model over the IAM credential report, Trusted Advisor and IAM Access Analyzer, with manual questions for what the APIs cannot show.',
  params: {
    'access-key-max-age-days': {
      title: 'Maximum access key age',
      description: 'An active access key last rotated longer ago than this fails iam.access-key-rotation.',
      unit: 'days',
      default: 90,
      min: 30,
      max: 365,
    },
    'access-key-unused-days': {
      title: 'Unused access key window',
      description: 'An active access key not used for this long fails iam.unused-access-keys.',
      unit: 'days',
      default: 90,
      min: 30,
      max: 365,
    },
    'console-unused-days': {
      title: 'Unused console password window',
      description: 'A console password not used for this long fails iam.inactive-console-users.',
      unit: 'days',
      default: 90,
      min: 30,
      max: 365,
    },
    'root-use-window-days': {
      title: 'Root sign-in window',
      description: 'A root sign-in within this many days fails iam.root-not-used.',
      unit: 'days',
      default: 90,
      min: 7,
      max: 365,
    },
    'password-min-length': {
      title: 'Minimum password length',
      description: 'The shortest minimum length the account password policy may set.',
      unit: 'characters',
      default: 14,
      min: 8,
      max: 128,
    },
    'password-reuse-prevention': {
      title: 'Password reuse prevention',
      description: 'How many previous passwords the policy must remember.',
      unit: 'passwords',
      default: 24,
      min: 1,
      max: 24,
    },
    'finding-max-age-days': {
      title: 'Maximum age of an open Access Analyzer finding',
      description:
        'ACTIVE findings older than this fail data.external-access-reviewed and iam.unused-access.',
      unit: 'days',
      default: 30,
      min: 1,
      max: 180,
    },
    'break-glass-users-max': {
      title: 'Allowed break-glass IAM users',
      description: 'How many IAM users may remain once people use federation.',
      unit: 'users',
      default: 2,
      min: 0,
      max: 10,
    },
  },
  domains: [
    iamDomain,
    loggingDetectionDomain,
    networkDomain,
    dataProtectionDomain,
    workloadDomain,
    governanceDomain,
    incidentResponseDomain,
    resilienceDomain,
  ],
}

/** The default model, validated by the same schema that checks imported models. */
export const defaultModel: MaturityModel = validateModel(defaultModelInput, 'default-model')
