/**
 * Runs the fake AWS server by hand:
 *   npm run fake-aws -- --scenario test/fixtures/scenarios/small-org.yaml [--port 4566]
 *   npm run fake-aws -- --generate 500 [--seed 7]
 * Prints the endpoint and the environment to export, then serves until Ctrl-C.
 */
import { parseArgs } from 'node:util'
import { generateOrganization } from './generator'
import { ScenarioError } from './scenario-loader'
import { startFakeAws } from './server'

function usage(): string {
  return (
    'usage: npm run fake-aws -- --scenario <file.json|file.yaml> [--port <n>]\n' +
    '       npm run fake-aws -- --generate <accounts> [--seed <n>] [--port <n>]'
  )
}

async function main(): Promise<number> {
  let values: { scenario?: string; port?: string; generate?: string; seed?: string; help?: boolean }
  try {
    values = parseArgs({
      options: {
        scenario: { type: 'string', short: 's' },
        port: { type: 'string', short: 'p' },
        generate: { type: 'string' },
        seed: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage()}`)
    return 2
  }
  if (values.help || (!values.scenario && !values.generate)) {
    console.error(usage())
    return values.help ? 0 : 2
  }
  const port = values.port === undefined ? undefined : Number(values.port)
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65_535)) {
    console.error(`--port must be an integer between 0 and 65535, got "${values.port}"`)
    return 2
  }
  const scenario = values.scenario
    ? values.scenario
    : generateOrganization({ seed: Number(values.seed ?? 1), accounts: Number(values.generate) })
  const fake = await startFakeAws({ scenario, ...(port === undefined ? {} : { port }) })
  const first = fake.scenario.accounts[0]
  const env = { ...fake.env }
  if (first) {
    const keys = fake.staticCredentials(first.id)
    env.AWS_ACCESS_KEY_ID = keys.accessKeyId
    env.AWS_SECRET_ACCESS_KEY = keys.secretAccessKey
  }
  console.log(`fake-aws listening on ${fake.endpoint} (${fake.scenario.accounts.length} accounts)`)
  console.log(`\n# export these (static keys belong to ${first?.id} "${first?.name}"):`)
  for (const [key, value] of Object.entries(env)) console.log(`export ${key}=${value}`)
  console.log('\n# static keys for the other accounts: AKIA<account-id>FAKE / fake-secret-<account-id>')
  console.log(`# SSO: start URL ${fake.scenario.sso.startUrl}, region ${fake.scenario.sso.region}`)
  console.log('\nPress Ctrl-C to stop.')
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve)
    process.once('SIGTERM', resolve)
  })
  console.log(`\n${fake.counts.total()} requests served. Bye.`)
  await fake.close()
  return 0
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ScenarioError ? error.message : error)
    process.exit(1)
  },
)
