import { runCli } from './main'

const code = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  env: process.env,
  // npm run changes the working directory to the package root; INIT_CWD is where the user ran it.
  cwd: process.env.INIT_CWD ?? process.cwd(),
})
process.exitCode = code
