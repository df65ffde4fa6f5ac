import { z } from 'zod'

/**
 * The Regions enabled by default in every AWS account: the default Access Analyzer scope for the app and the
 * CLI alike. Opt-in Regions are left out unless the user adds them.
 */
export const defaultRegions: readonly string[] = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'ca-central-1',
  'sa-east-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-central-1',
  'eu-north-1',
  'ap-south-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-southeast-1',
  'ap-southeast-2',
]

/** A Region code such as eu-west-1. */
export const regionSchema = z
  .string()
  .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be a Region code such as eu-west-1')
