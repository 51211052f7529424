// `npm run deploy:setup` against a stub `wrangler` (and `npm`) on PATH: the stub records every
// call and answers in the real wrangler 4.164 formats (`whoami --json`, `d1 list --json`, the
// `name:` lines of `r2 bucket list`, `secret list --format json`), keeping the pretend account
// in a JSON file so a second run sees what the first one created. The script and wrangler.toml
// are copied into a temporary project so the repository's own config is never rewritten.
import { spawn } from 'node:child_process'
import { chmodSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeEach, expect, test } from 'vitest'
import { repoRoot, tempDir } from '../harness/paths'

type Account = {
  loggedIn: boolean
  databases: Array<{ uuid: string; name: string }>
  buckets: string[]
  secrets: Array<{ name: string; value: string }>
  failMigrations?: boolean
}

type Call = { args: string[]; stdin: string }

const STUB = `#!/usr/bin/env node
const { readFileSync, writeFileSync, appendFileSync } = require('node:fs')
const dir = process.env.STUB_DIR
const args = process.argv.slice(2)
// A pipe may not have its data yet (EAGAIN): wait for it; an ignored stdin reads as empty.
const readStdin = () => { for (;;) { try { return readFileSync(0, 'utf8') } catch (error) { if (error.code !== 'EAGAIN') return '' } } }
const stdin = readStdin()
appendFileSync(dir + '/calls.jsonl', JSON.stringify({ args, stdin }) + '\\n')
const account = JSON.parse(readFileSync(dir + '/account.json', 'utf8'))
const save = () => writeFileSync(dir + '/account.json', JSON.stringify(account))
const firstFlag = args.findIndex((a) => a.startsWith('-'))
const cmd = (firstFlag === -1 ? args : args.slice(0, firstFlag)).join(' ')
const out = (text) => process.stdout.write(text + '\\n')
if (args[0] !== 'whoami' && !account.loggedIn) { process.stderr.write('You are not authenticated\\n'); process.exit(1) }
if (args[0] === 'whoami') {
  if (!account.loggedIn) { out(JSON.stringify({ loggedIn: false })); process.exit(1) }
  out(JSON.stringify({ loggedIn: true, authType: 'OAuth Token', email: 'ops@example.com', accounts: [] }))
} else if (cmd === 'd1 list') {
  out(JSON.stringify(account.databases.map((db) => ({ ...db, created_at: '2026-01-01T00:00:00.000Z', version: 'production', num_tables: 0, file_size: 0 })), null, 2))
} else if (cmd.startsWith('d1 create')) {
  const name = args[2]
  const uuid = '11111111-2222-4333-8444-' + String(account.databases.length).padStart(12, '5')
  account.databases.push({ uuid, name }); save()
  out("✅ Successfully created DB '" + name + "'\\nCreated your new D1 database.\\n\\n[[d1_databases]]\\nbinding = \\"DB\\"\\ndatabase_name = \\"" + name + "\\"\\ndatabase_id = \\"" + uuid + "\\"")
} else if (cmd === 'r2 bucket list') {
  out('Listing buckets...\\n' + account.buckets.map((b) => 'name:           ' + b + '\\ncreation_date:  2026-01-01T00:00:00.000Z').join('\\n\\n'))
} else if (cmd.startsWith('r2 bucket create')) {
  account.buckets.push(args[3]); save(); out("✅ Created bucket '" + args[3] + "' with default storage class of Standard.")
} else if (cmd.startsWith('d1 migrations apply')) {
  if (account.failMigrations) { process.stderr.write('✘ [ERROR] Migration 0003_x.sql failed with the following errors: no such table: foo\\n'); process.exit(1) }
  out('✅ 0001_init.sql')
} else if (args[0] === 'deploy') {
  out('Uploaded executor (2.00 sec)\\nDeployed executor triggers (0.50 sec)\\n  https://executor.ops.workers.dev\\nCurrent Version ID: 0f0f')
} else if (cmd === 'secret list') {
  out(JSON.stringify(account.secrets.map((s) => ({ name: s.name, type: 'secret_text' })), null, 2))
} else if (cmd.startsWith('secret put')) {
  account.secrets.push({ name: args[2], value: stdin }); save(); out('✨ Success! Uploaded secret ' + args[2])
} else if (args[0] === 'run') {
  out('built')
} else { process.stderr.write('stub: unexpected ' + args.join(' ') + '\\n'); process.exit(2) }
`

let project: string
let stubDir: string

beforeEach(() => {
  project = tempDir('executor-deploy-setup-')
  stubDir = join(project, 'stub')
  mkdirSync(join(project, 'scripts'), { recursive: true })
  mkdirSync(stubDir)
  copyFileSync(join(repoRoot, 'scripts/deploy-setup.mjs'), join(project, 'scripts/deploy-setup.mjs'))
  copyFileSync(join(repoRoot, 'wrangler.toml'), join(project, 'wrangler.toml'))
  for (const name of ['wrangler', 'npm']) {
    writeFileSync(join(stubDir, name), STUB)
    chmodSync(join(stubDir, name), 0o755)
  }
  writeFileSync(join(stubDir, 'calls.jsonl'), '')
})

function setAccount(account: Account) {
  writeFileSync(join(stubDir, 'account.json'), JSON.stringify(account))
}
const account = (): Account => JSON.parse(readFileSync(join(stubDir, 'account.json'), 'utf8')) as Account
const calls = (): Call[] =>
  readFileSync(join(stubDir, 'calls.jsonl'), 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Call)
/** Each call up to its first flag: `d1 migrations apply DB --remote -c …` is `d1 migrations apply DB`. */
const commands = () =>
  calls().map(({ args }) => {
    const firstFlag = args.findIndex((a) => a.startsWith('-'))
    return (firstFlag === -1 ? args : args.slice(0, firstFlag)).join(' ')
  })

async function deploySetup(): Promise<{ code: number | null; output: string }> {
  writeFileSync(join(stubDir, 'calls.jsonl'), '')
  const child = spawn(process.execPath, [join(project, 'scripts/deploy-setup.mjs')], {
    cwd: project,
    env: { ...process.env, STUB_DIR: stubDir, PATH: `${stubDir}:${process.env.PATH ?? ''}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
  return { code, output }
}

const fresh: Account = { loggedIn: true, databases: [], buckets: [], secrets: [] }

test('on a fresh account it creates the database, bucket and secret, writes the database id, builds, migrates and deploys', async () => {
  setAccount(fresh)
  const { code, output } = await deploySetup()
  expect(code, output).toBe(0)
  expect(commands()).toEqual([
    'whoami',
    'd1 list',
    'd1 create executor',
    'd1 list',
    'r2 bucket list',
    'r2 bucket create executor-blobs',
    'run build:cloudflare',
    'd1 migrations apply DB',
    'deploy',
    'secret list',
    'secret put EXECUTOR_SECRET_KEY',
  ])
  expect(calls().find((c) => c.args.includes('migrations'))?.args).toContain('--remote')
  const created = account()
  expect(created.databases).toHaveLength(1)
  expect(readFileSync(join(project, 'wrangler.toml'), 'utf8')).toContain(`database_id = "${created.databases[0]?.uuid}"`)
  const [secret] = created.secrets
  expect(secret?.name).toBe('EXECUTOR_SECRET_KEY')
  expect(secret?.value).toMatch(/^[0-9a-f]{64}$/)
  // The key reached wrangler on stdin only: never in its arguments or in what the script printed.
  expect(output).not.toContain(secret?.value)
  expect(JSON.stringify(calls().map((c) => c.args))).not.toContain(secret?.value)
  expect(output).toContain('https://executor.ops.workers.dev')
  expect(output).toContain('ACCESS_AUD')
})

test('a second run reuses the database, bucket and secret and leaves wrangler.toml as it was', async () => {
  setAccount(fresh)
  expect((await deploySetup()).code).toBe(0)
  const toml = readFileSync(join(project, 'wrangler.toml'), 'utf8')
  const before = account()
  const { code, output } = await deploySetup()
  expect(code, output).toBe(0)
  expect(commands()).toEqual([
    'whoami',
    'd1 list',
    'r2 bucket list',
    'run build:cloudflare',
    'd1 migrations apply DB',
    'deploy',
    'secret list',
  ])
  expect(account()).toEqual(before)
  expect(readFileSync(join(project, 'wrangler.toml'), 'utf8')).toBe(toml)
  expect(output).toContain('EXECUTOR_SECRET_KEY is set (left unchanged)')
})

test('an existing database found by name has its id written into wrangler.toml', async () => {
  setAccount({ ...fresh, databases: [{ uuid: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee', name: 'executor' }], buckets: ['executor-blobs'] })
  const { code, output } = await deploySetup()
  expect(code, output).toBe(0)
  expect(commands()).not.toContain('d1 create executor')
  expect(commands()).not.toContain('r2 bucket create executor-blobs')
  expect(readFileSync(join(project, 'wrangler.toml'), 'utf8')).toContain('database_id = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"')
})

test('when wrangler is not logged in it stops before touching anything and says how to log in', async () => {
  setAccount({ ...fresh, loggedIn: false })
  const { code, output } = await deploySetup()
  expect(code).toBe(1)
  expect(commands()).toEqual(['whoami'])
  expect(output).toContain('not logged in')
  expect(output).toContain('wrangler login')
})

test('a failing migration stops the setup before deploying and names the step', async () => {
  setAccount({ ...fresh, failMigrations: true })
  const { code, output } = await deploySetup()
  expect(code).toBe(1)
  expect(commands().at(-1)).toBe('d1 migrations apply DB')
  expect(commands()).not.toContain('deploy')
  expect(output).toContain('D1 migrations failed')
  expect(output).toContain('no such table: foo')
})
