#!/usr/bin/env node
// `npm run deploy:setup`: one command from a Cloudflare login to a deployed Worker, safe to run
// again (it reuses what exists and changes nothing it does not need to). Steps, in order: login
// check, D1 database (its id written into wrangler.toml), R2 bucket, build, D1 migrations, deploy,
// then EXECUTOR_SECRET_KEY if the Worker has none. The secret comes after the first deploy because
// wrangler can neither list nor set secrets of a Worker that does not exist yet without asking
// interactively. The generated key goes to wrangler on stdin and is never printed.
// `wrangler` and `npm` are taken from PATH (npm run puts the project's wrangler first).
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const configPath = join(root, 'wrangler.toml')
const builtConfig = join(root, '.output-worker/server/wrangler.json')
const SECRET_NAME = 'EXECUTOR_SECRET_KEY'
const PLACEHOLDER_ID = '00000000-0000-4000-8000-000000000000'

class StepFailed extends Error {}

/** Runs wrangler; on failure stops the whole setup naming the step. */
function wrangler(step, args, { input, allowFailure = false } = {}) {
  const result = spawnSync('wrangler', args, {
    cwd: root,
    input,
    encoding: 'utf8',
    stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
  })
  if (result.error) throw new StepFailed(`${step}: could not run wrangler (${result.error.message})`)
  if (result.status !== 0 && !allowFailure) {
    throw new StepFailed(`${step} failed (wrangler ${args.join(' ')} exited with ${result.status}):\n${tail(result.stdout + result.stderr)}`)
  }
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}`, stdout: result.stdout }
}

function tail(text) {
  return text.trim().split('\n').slice(-20).join('\n')
}

function say(line) {
  console.log(line)
}

/** The first JSON value in wrangler's stdout (it may print a banner before it). */
function parseJson(step, text) {
  const start = text.search(/[[{]/)
  try {
    return JSON.parse(text.slice(start))
  } catch {
    throw new StepFailed(`${step}: wrangler's answer was not the JSON expected:\n${tail(text)}`)
  }
}

function readToml() {
  return readFileSync(configPath, 'utf8')
}

/** The value of `key = "..."` inside the wrangler.toml block that holds `binding = "<binding>"`. */
function bindingValue(toml, table, binding, key) {
  const block = bindingBlock(toml, table, binding)
  return block?.text.match(new RegExp(`^\\s*${key}\\s*=\\s*"([^"]*)"`, 'm'))?.[1]
}

function bindingBlock(toml, table, binding) {
  const blocks = toml.split(/^(?=\[)/m)
  let offset = 0
  for (const text of blocks) {
    if (text.startsWith(`[[${table}]]`) && new RegExp(`^\\s*binding\\s*=\\s*"${binding}"`, 'm').test(text)) {
      return { text, offset }
    }
    offset += text.length
  }
  return undefined
}

function writeDatabaseId(id) {
  const toml = readToml()
  const block = bindingBlock(toml, 'd1_databases', 'DB')
  if (!block) throw new StepFailed(`D1 database: ${configPath} has no [[d1_databases]] block with binding = "DB"`)
  const updated = block.text.replace(/^(\s*database_id\s*=\s*)"[^"]*"/m, `$1"${id}"`)
  writeFileSync(configPath, toml.slice(0, block.offset) + updated + toml.slice(block.offset + block.text.length))
}

function checkLogin() {
  const { ok, stdout } = wrangler('Login check', ['whoami', '--json'], { allowFailure: true })
  let loggedIn = false
  try {
    loggedIn = ok && parseJson('Login check', stdout).loggedIn === true
  } catch {
    loggedIn = false
  }
  if (!loggedIn) {
    throw new StepFailed(
      'Login check: wrangler is not logged in to Cloudflare. Run `npx wrangler login` (or set CLOUDFLARE_API_TOKEN and CLOUDFLARE_ACCOUNT_ID), then run `npm run deploy:setup` again.',
    )
  }
  say('✓ Logged in to Cloudflare')
}

function ensureDatabase() {
  const name = bindingValue(readToml(), 'd1_databases', 'DB', 'database_name')
  if (!name) throw new StepFailed(`D1 database: ${configPath} has no database_name for binding "DB"`)
  const find = () => parseJson('D1 database', wrangler('D1 database', ['d1', 'list', '--json']).stdout).find((db) => db.name === name)
  let database = find()
  if (database) {
    say(`✓ D1 database "${name}" exists (${database.uuid})`)
  } else {
    wrangler('D1 database', ['d1', 'create', name])
    database = find()
    if (!database) throw new StepFailed(`D1 database: "${name}" was created but does not appear in \`wrangler d1 list\``)
    say(`✓ Created D1 database "${name}" (${database.uuid})`)
  }
  const current = bindingValue(readToml(), 'd1_databases', 'DB', 'database_id')
  if (current !== database.uuid) {
    writeDatabaseId(database.uuid)
    say(`✓ Wrote its id into ${configPath}${current && current !== PLACEHOLDER_ID ? ` (it was ${current})` : ''}`)
  }
}

function ensureBucket() {
  const name = bindingValue(readToml(), 'r2_buckets', 'BLOBS', 'bucket_name')
  if (!name) {
    say('- No R2 bucket bound as BLOBS in wrangler.toml; skipping')
    return
  }
  const listing = wrangler('R2 bucket', ['r2', 'bucket', 'list']).stdout
  // `wrangler r2 bucket list` prints one `name: <bucket>` line per bucket (no JSON option).
  const names = [...listing.matchAll(/^name:\s*(\S+)\s*$/gm)].map((match) => match[1])
  if (names.includes(name)) {
    say(`✓ R2 bucket "${name}" exists`)
    return
  }
  wrangler('R2 bucket', ['r2', 'bucket', 'create', name])
  say(`✓ Created R2 bucket "${name}"`)
}

function build() {
  const result = spawnSync('npm', ['run', 'build:cloudflare'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  if (result.status !== 0) throw new StepFailed(`Build failed (npm run build:cloudflare):\n${tail(`${result.stdout}${result.stderr}`)}`)
  say('✓ Built the Worker (.output-worker/)')
}

function migrate() {
  wrangler('D1 migrations', ['d1', 'migrations', 'apply', 'DB', '--remote', '-c', configPath], { input: 'y\n' })
  say('✓ Applied D1 migrations')
}

function deploy() {
  const { output } = wrangler('Deploy', ['deploy', '-c', builtConfig])
  const url = output.match(/https:\/\/\S+\.workers\.dev/)?.[0]
  say(`✓ Deployed${url ? ` to ${url}` : ''}`)
  return url
}

function ensureSecret() {
  const secrets = parseJson('Secret key', wrangler('Secret key', ['secret', 'list', '--format', 'json', '-c', configPath]).stdout)
  if (secrets.some((secret) => secret.name === SECRET_NAME)) {
    say(`✓ ${SECRET_NAME} is set (left unchanged)`)
    return
  }
  const key = randomBytes(32).toString('hex')
  wrangler('Secret key', ['secret', 'put', SECRET_NAME, '-c', configPath], { input: key })
  // Cloudflare never shows a secret again: losing it means rotating, not recovering.
  say(`✓ Generated and set ${SECRET_NAME} (stored only as a Cloudflare secret)`)
}

function printAccessSteps(url) {
  const origin = url ?? 'https://<worker>.<subdomain>.workers.dev'
  say(`
Executor is deployed${url ? ` at ${url}` : ''}. Until Cloudflare Access guards it, every API and MCP request is refused (401).
Protect it with Access:
  1. Zero Trust dashboard → Access → Applications → Add an application → Self-hosted.
     Domain: ${origin.replace(/^https:\/\//, '')}; add a policy allowing your people (emails, groups or an IdP).
  2. Copy the application's Audience (AUD) tag, and your team domain (<team>.cloudflareaccess.com).
  3. Set them, and who administers Executor, as vars in wrangler.toml (or the dashboard):
       ACCESS_TEAM_DOMAIN = "<team>.cloudflareaccess.com"
       ACCESS_AUD = "<aud tag>"
       ADMIN_EMAILS = "you@example.com"
     then run \`npm run deploy:setup\` again to deploy them.
  4. For MCP clients without a browser, add a service token to the policy (Service Auth) and send
     CF-Access-Client-Id / CF-Access-Client-Secret headers.`)
}

try {
  checkLogin()
  ensureDatabase()
  ensureBucket()
  build()
  migrate()
  const url = deploy()
  ensureSecret()
  printAccessSteps(url)
} catch (error) {
  if (!(error instanceof StepFailed)) throw error
  console.error(`✗ ${error.message}`)
  console.error('Nothing after this step ran. Fix the problem and run `npm run deploy:setup` again; finished steps are skipped.')
  process.exit(1)
}
