// Container boot: keys, migrations, seeding, restart, config errors, shutdown.
import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { request as httpRequest } from 'node:http'
import { createClient } from '@libsql/client'
import { afterAll, expect, test } from 'vitest'
import { spawnBunServer, startBunServer } from '../harness/bun-server'
import { repoRoot, tempDir } from '../harness/paths'
import { stopAll } from '../harness/process'

afterAll(stopAll)

const migrationCount = readdirSync(join(repoRoot, 'db/migrations')).filter((f) => f.endsWith('.sql')).length

async function query(dbPath: string, sql: string) {
  const client = createClient({ url: `file:${dbPath}` })
  try {
    return (await client.execute(sql)).rows
  } finally {
    client.close()
  }
}

const logLines = (logs: string) =>
  logs
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { level: string; msg: string } & Record<string, unknown>)

test('first boot generates 0600 key files, migrates in WAL mode and seeds the organization', async () => {
  const server = await startBunServer({ env: { EXECUTOR_ORG_NAME: 'Acme Corp', EXECUTOR_ORG_SLUG: 'acme' } })
  for (const file of ['auth-secret.key', 'secret.key']) {
    const path = join(server.dataDir, file)
    expect(statSync(path).mode & 0o777).toBe(0o600)
    expect(readFileSync(path, 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/)
  }
  const messages = logLines(server.logs()).map((l) => l.msg)
  expect(messages).toContain('schema migrations applied')
  expect(messages).toContain('data migration applied')
  // The server lists only after boot completed.
  expect(messages.indexOf('executor ready')).toBeLessThan(messages.indexOf('listening'))
  expect(await server.stop()).toBe(0)

  const dbPath = join(server.dataDir, 'data.db')
  expect(await query(dbPath, 'PRAGMA journal_mode')).toEqual([expect.objectContaining({ journal_mode: 'wal' })])
  expect(await query(dbPath, 'SELECT name, slug FROM organization')).toEqual([
    expect.objectContaining({ name: 'Acme Corp', slug: 'acme' }),
  ])
  expect(await query(dbPath, 'SELECT name FROM data_migration')).toEqual([
    expect.objectContaining({ name: '0001_seed_organization' }),
  ])
})

test('a second boot on the same data dir is a no-op that reuses keys and data', async () => {
  const first = await startBunServer()
  const keys = readFileSync(join(first.dataDir, 'secret.key'), 'utf8')
  await first.stop()
  const second = await startBunServer({ dataDir: first.dataDir })
  const messages = logLines(second.logs()).map((l) => l.msg)
  expect(messages).not.toContain('schema migrations applied')
  expect(messages).not.toContain('data migration applied')
  expect(readFileSync(join(first.dataDir, 'secret.key'), 'utf8')).toBe(keys)
  await second.stop()
  const dbPath = join(first.dataDir, 'data.db')
  expect(await query(dbPath, 'SELECT count(*) AS n FROM organization')).toEqual([expect.objectContaining({ n: 1 })])
  expect(await query(dbPath, 'SELECT count(*) AS n FROM __drizzle_migrations')).toEqual([
    expect.objectContaining({ n: migrationCount }),
  ])
})

test('two processes booting on one fresh data dir agree on keys, migrations and the organization', async () => {
  const dataDir = tempDir()
  const [a, b] = await Promise.all([startBunServer({ dataDir }), startBunServer({ dataDir })])
  await Promise.all([a.stop(), b.stop()])
  const dbPath = join(dataDir, 'data.db')
  expect(await query(dbPath, 'SELECT count(*) AS n FROM __drizzle_migrations')).toEqual([expect.objectContaining({ n: migrationCount })])
  expect(await query(dbPath, 'SELECT count(*) AS n FROM organization')).toEqual([expect.objectContaining({ n: 1 })])
  expect(readFileSync(join(dataDir, 'secret.key'), 'utf8')).toMatch(/^[0-9a-f]{64}$/)
})

test('a changed EXECUTOR_ORG_NAME renames the organization and says so once', async () => {
  const first = await startBunServer()
  await first.stop()
  const second = await startBunServer({ dataDir: first.dataDir, env: { EXECUTOR_ORG_NAME: 'Renamed Inc' } })
  const updates = logLines(second.logs()).filter((l) => l.msg === 'organization updated from configuration')
  expect(updates).toHaveLength(1)
  await second.stop()
  expect(await query(join(first.dataDir, 'data.db'), 'SELECT name FROM organization')).toEqual([
    expect.objectContaining({ name: 'Renamed Inc' }),
  ])
})

test('uses explicit secrets instead of generating key files', async () => {
  const server = await startBunServer({
    env: { BETTER_AUTH_SECRET: 'a'.repeat(40), EXECUTOR_SECRET_KEY: 'b'.repeat(40) },
  })
  await server.stop()
  expect(() => statSync(join(server.dataDir, 'secret.key'))).toThrow()
  expect(() => statSync(join(server.dataDir, 'auth-secret.key'))).toThrow()
})

const invalidConfigs: [string, Record<string, string>, string][] = [
  ['a short session secret', { BETTER_AUTH_SECRET: 'too-short' }, 'BETTER_AUTH_SECRET'],
  ['one bootstrap variable without the other', { EXECUTOR_BOOTSTRAP_ADMIN_EMAIL: 'a@example.com' }, 'EXECUTOR_BOOTSTRAP_ADMIN_PASSWORD'],
  ['a reserved org slug', { EXECUTOR_ORG_SLUG: 'api' }, 'EXECUTOR_ORG_SLUG'],
  ['a malformed org slug', { EXECUTOR_ORG_SLUG: 'Bad--Slug' }, 'EXECUTOR_ORG_SLUG'],
  ['an unparseable public URL', { EXECUTOR_WEB_BASE_URL: 'not a url' }, 'EXECUTOR_WEB_BASE_URL'],
  ['a port out of range', { PORT: '70000', EXECUTOR_WEB_BASE_URL: '' }, 'PORT'],
  ['a bind address that is not an IP address', { EXECUTOR_HOST: 'not-a-host' }, 'EXECUTOR_HOST'],
]

test.each(invalidConfigs)('refuses to start with %s: exit 1 and one line naming the variable', async (_, env, variable) => {
  const { proc } = await spawnBunServer({ env })
  expect(await proc.exited).toBe(1)
  const lines = proc.output().trim().split('\n')
  expect(lines).toHaveLength(1)
  expect(lines[0]).toContain(variable)
  expect(proc.output()).not.toContain('too-short')
})

test('refuses to start when the data dir cannot be created', async () => {
  const file = join(tempDir(), 'not-a-dir')
  writeFileSync(file, 'x')
  const { proc } = await spawnBunServer({ dataDir: join(file, 'data') })
  expect(await proc.exited).toBe(1)
  expect(proc.output().trim().split('\n')).toEqual([expect.stringContaining('EXECUTOR_DATA_DIR')])
})

test('warns exactly once in production when the public origin falls back to localhost', async () => {
  const server = await startBunServer({ env: { NODE_ENV: 'production', EXECUTOR_WEB_BASE_URL: '' } })
  await server.stop()
  const warnings = logLines(server.logs()).filter((l) => l.level === 'warn')
  expect(warnings).toHaveLength(1)
  expect(warnings[0]?.msg).toContain('EXECUTOR_WEB_BASE_URL')
})

test('takes the public origin from a platform variable, never from the Host header', async () => {
  const server = await startBunServer({ env: { RAILWAY_PUBLIC_DOMAIN: 'executor.up.railway.app', EXECUTOR_WEB_BASE_URL: '' } })
  const response = await fetch(`${server.url}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { host: 'evil.example', origin: 'http://evil.example', 'content-type': 'application/json' },
    body: '{}',
  })
  expect(response.status).toBe(403)
  const body = (await response.json()) as { code: string; message: string }
  expect(body.code).toBe('INVALID_ORIGIN')
  expect(body.message).toContain("public origin is https://executor.up.railway.app")
  await server.stop()
  const listening = logLines(server.logs()).find((l) => l.msg === 'listening')
  expect(listening?.publicOrigin).toBe('https://executor.up.railway.app')
})

test('SIGTERM lets an in-flight request finish, then exits 0; data survives that and kill -9', async () => {
  const server = await startBunServer({ env: { EXECUTOR_ORG_NAME: 'Durable' } })
  // A request whose body is still arriving is certainly in flight when the signal lands.
  const request = httpRequest(`${server.url}/api/health`, { method: 'POST', headers: { 'content-type': 'application/json' } })
  const answered = new Promise<number>((resolve, reject) => {
    request.on('response', (response) => {
      response.resume()
      resolve(response.statusCode ?? 0)
    })
    request.on('error', reject)
  })
  request.write('{"half": ')
  await new Promise((r) => setTimeout(r, 200))
  const exited = server.stop('SIGTERM')
  await new Promise((r) => setTimeout(r, 200))
  request.end('true}')
  expect(await answered).toBe(405)
  expect(await exited).toBe(0)
  expect(logLines(server.logs()).map((l) => l.msg)).toContain('shutting down')

  const again = await startBunServer({ dataDir: server.dataDir, env: { EXECUTOR_ORG_NAME: 'Durable' } })
  expect(await again.stop('SIGKILL')).toBe('SIGKILL')
  const third = await startBunServer({ dataDir: server.dataDir, env: { EXECUTOR_ORG_NAME: 'Durable' } })
  await third.stop()
  expect(await query(join(server.dataDir, 'data.db'), 'SELECT name FROM organization')).toEqual([
    expect.objectContaining({ name: 'Durable' }),
  ])
  expect(await query(join(server.dataDir, 'data.db'), 'PRAGMA integrity_check')).toEqual([
    expect.objectContaining({ integrity_check: 'ok' }),
  ])
})

test('refuses to start on a port that is already in use: exit 1 and one line naming PORT', async () => {
  const holder = createServer()
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve))
  const address = holder.address()
  const port = address && typeof address === 'object' ? address.port : 0
  try {
    const { proc } = await spawnBunServer({ env: { PORT: String(port) } })
    expect(await proc.exited).toBe(1)
    const lines = proc.output().trim().split('\n')
    expect(lines).toEqual([`executor: PORT ${port} is already in use on 127.0.0.1; stop whatever holds it or set PORT to a free port`])
  } finally {
    await new Promise((resolve) => holder.close(resolve))
  }
})

test('database files are 0600 even when the data dir is 0755 and the umask is permissive', async () => {
  const dataDir = tempDir()
  chmodSync(dataDir, 0o755)
  const server = await startBunServer({ dataDir })
  // While it runs, SQLite's write-ahead log and shared-memory index exist beside the database.
  for (const file of ['data.db', 'data.db-wal', 'data.db-shm']) {
    expect({ file, mode: (statSync(join(dataDir, file)).mode & 0o777).toString(8) }).toEqual({ file, mode: '600' })
  }
  await server.stop()
  // A database left readable by an older version is tightened at the next boot.
  chmodSync(join(dataDir, 'data.db'), 0o644)
  const again = await startBunServer({ dataDir })
  expect((statSync(join(dataDir, 'data.db')).mode & 0o777).toString(8)).toBe('600')
  await again.stop()
})

test('the boot-time warm-up leaves no trace: no history rows, no log lines of its own', async () => {
  const server = await startBunServer()
  const lines = logLines(server.logs())
  // Between start and `executor ready` the warm-up made dozens of MCP execute calls and sandbox
  // runs; none of it reached the log (no request or execution lines, no warning).
  expect(lines.filter((l) => l.path === '/mcp' || ['execution', 'MCP warm-up failed', 'sandbox warm-up failed'].includes(l.msg))).toEqual([])
  expect(lines.filter((l) => l.level === 'warn' || l.level === 'error')).toEqual([])
  expect(await server.stop()).toBe(0)
  const dbPath = join(server.dataDir, 'data.db')
  expect(await query(dbPath, 'SELECT count(*) AS n FROM execution')).toEqual([expect.objectContaining({ n: 0 })])
  expect(await query(dbPath, 'SELECT count(*) AS n FROM tool_call')).toEqual([expect.objectContaining({ n: 0 })])
})
