// `npm run dev:worker`: the Worker under `wrangler dev` on a fresh clone, no manual step.
// 1. Local secrets: .dev.vars in the checkout (gitignored) is made once with a random
//    EXECUTOR_SECRET_KEY (it encrypts stored credentials, so it must survive restarts) and dev auth
//    on; edit it to change either. Wrangler reads .dev.vars beside the config it runs, which is
//    the build output, so the file is copied there after every build.
// 2. The Worker build, then the D1 migrations, applied to the same local state `wrangler dev`
//    uses: both get --persist-to, since each would otherwise keep state beside its own config.
// 3. `wrangler dev` on 127.0.0.1 (PORT, default 8787), and the URL once it answers.
import { spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..')
const bin = join(root, 'node_modules/.bin')
const devVars = join(root, '.dev.vars')
const builtConfig = '.output-worker/server/wrangler.json'
const persistTo = '.wrangler/state'
const port = process.env.PORT ?? '8787'
const url = `http://127.0.0.1:${port}`
// Wrangler also loads .env from its working directory into its own environment; that file is
// Docker Compose's, so the migration step gets an empty one instead. (`wrangler dev` cannot: an
// env file replaces .dev.vars for it.)
const noDotEnv = ['--env-file', process.platform === 'win32' ? 'NUL' : '/dev/null']
const offline = { CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false', NO_UPDATE_NOTIFIER: '1' }

function step(command, args, env = {}) {
  const result = spawnSync(join(bin, command), args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...offline, ...env } })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

if (!existsSync(devVars)) {
  writeFileSync(
    devVars,
    [
      '# Local secrets and settings for `npm run dev:worker` (made once; never commit this file).',
      `EXECUTOR_SECRET_KEY=${randomBytes(32).toString('hex')}`,
      '# Every request is the owner dev@localhost. Local only: set to false to try Cloudflare Access.',
      'ENABLE_DEV_AUTH=true',
      '',
    ].join('\n'),
    { mode: 0o600 },
  )
  console.log('Generated .dev.vars (EXECUTOR_SECRET_KEY, ENABLE_DEV_AUTH=true).')
}
const devAuth = /^\s*ENABLE_DEV_AUTH\s*=\s*"?true"?\s*$/m.test(readFileSync(devVars, 'utf8'))

step('vite', ['build', '--logLevel', 'warn'], { EXECUTOR_TARGET: 'cloudflare' })
copyFileSync(devVars, join(root, '.output-worker/server/.dev.vars'))
step('wrangler', ['d1', 'migrations', 'apply', 'DB', '--local', '-c', 'wrangler.toml', '--persist-to', persistTo, ...noDotEnv])

const wrangler = spawn(
  join(bin, 'wrangler'),
  ['dev', '-c', builtConfig, '--persist-to', persistTo, '--ip', '127.0.0.1', '--port', port],
  { cwd: root, stdio: 'inherit', env: { ...process.env, ...offline } },
)
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => wrangler.kill(signal))
wrangler.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))

for (let waited = 0; waited < 120_000 && wrangler.exitCode === null; waited += 250) {
  if (await fetch(`${url}/api/health`).then((r) => r.ok, () => false)) {
    const warning = devAuth
      ? [
          '',
          '  ⚠  DEV AUTH IS ON: every request to this Worker is signed in as the owner (dev@localhost).',
          '     Keep it on 127.0.0.1. Set ENABLE_DEV_AUTH=false in .dev.vars to turn it off.',
        ]
      : []
    console.log([...warning, '', `Executor (Worker) is running at ${url}`, ''].join('\n'))
    break
  }
  await new Promise((r) => setTimeout(r, 250))
}
