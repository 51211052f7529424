// Starts the built Worker target (.output-worker/, from `npm run build:cloudflare`) under
// `wrangler dev` on random loopback ports, with local D1/R2 state in a temporary directory
// that the D1 migrations are applied to first, as `wrangler d1 migrations apply` does in prod.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { devNull } from 'node:os'
import { dirname, join } from 'node:path'
import { freePort } from './ports'
import { binDir, repoRoot, tempDir, wranglerBin } from './paths'
import { run, waitForHealthy, waitForPort, type Running } from './process'

export type WorkerServer = {
  url: string
  persistDir: string
  proc: Running
  logs: () => string
  stop: () => Promise<number | string>
}

// Keep wrangler on loopback: no Request.cf lookup, no telemetry, no update check.
const offlineEnv = {
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  WRANGLER_SEND_METRICS: 'false',
  WRANGLER_SEND_ERROR_REPORTS: 'false',
  NO_UPDATE_NOTIFIER: '1',
}

export const TEST_WORKER_SECRET = 'worker-test-secret-key-0123456789'

/** wrangler's environment: offline, and the project's Node 22 first on PATH (wrangler needs it). */
export function wranglerEnv() {
  return { ...offlineEnv, PATH: `${binDir}:${process.env.PATH ?? ''}` }
}

function env() {
  return { ...process.env, ...wranglerEnv() }
}

// Wrangler reads .env (and .env.local) from its working directory into its own environment, and
// .dev.vars beside the config into the Worker's (`npm run dev:worker` writes one there with dev
// auth on). An explicit empty env file turns off both: tests set every variable themselves.
const noEnvFiles = ['--env-file', devNull]

/** wrangler's arguments to apply the D1 migrations to the local state in `persistDir`. */
export function migrateArgs(persistDir: string): string[] {
  return ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persistDir, '-c', 'wrangler.toml', ...noEnvFiles]
}

export type DevOptions = {
  config: string
  port: number
  inspectorPort: number
  persistDir: string
  vars: Record<string, string>
  testScheduled?: boolean
}

/** wrangler's arguments to serve the built Worker on 127.0.0.1 with local state in `persistDir`. */
export function devArgs(options: DevOptions): string[] {
  return [
    'dev',
    '-c', options.config,
    '--ip', '127.0.0.1',
    '--port', String(options.port),
    '--inspector-port', String(options.inspectorPort),
    '--persist-to', options.persistDir,
    '--show-interactive-dev-session=false',
    ...(options.testScheduled ? ['--test-scheduled'] : []),
    ...noEnvFiles,
    ...Object.entries(options.vars).flatMap(([key, value]) => ['--var', `${key}:${value}`]),
  ]
}

export async function applyD1Migrations(persistDir: string) {
  const proc = run(wranglerBin, migrateArgs(persistDir), {
    cwd: repoRoot,
    env: env(),
  })
  const code = await proc.exited
  if (code !== 0) throw new Error(`wrangler d1 migrations apply failed (${code}):\n${proc.output()}`)
}

/** Runs SQL against the local D1 a `wrangler dev` started by startWorker uses (it may be running). */
export async function d1Execute(persistDir: string, statement: string) {
  const proc = run(wranglerBin, ['d1', 'execute', 'DB', '--local', '--persist-to', persistDir, '-c', 'wrangler.toml', '--command', statement], {
    cwd: repoRoot,
    env: env(),
  })
  const code = await proc.exited
  if (code !== 0) throw new Error(`wrangler d1 execute failed (${code}):\n${proc.output()}`)
}

/** The rows a query against that local D1 returns (through `wrangler d1 execute --json`). */
export async function d1Query(persistDir: string, statement: string): Promise<Record<string, unknown>[]> {
  const proc = run(wranglerBin, ['d1', 'execute', 'DB', '--local', '--persist-to', persistDir, '-c', 'wrangler.toml', '--json', '--command', statement], {
    cwd: repoRoot,
    env: env(),
    stdio: ['ignore', 'pipe', 'ignore'],
  })
  const code = await proc.exited
  if (code !== 0) throw new Error(`wrangler d1 execute failed (${code}):\n${proc.output()}`)
  const [result] = JSON.parse(proc.output()) as Array<{ results: Record<string, unknown>[] }>
  return result?.results ?? []
}

export type WorkerOptions = {
  persistDir?: string
  vars?: Record<string, string>
  /** apply the D1 migrations first (default true) */
  migrate?: boolean
  /**
   * wait for a healthy answer (default), for any answer (tests of a broken boot), or only for the
   * port to accept connections, so the test's own request is the first the Worker sees
   */
  waitFor?: 'healthy' | 'listening' | 'port'
  /** run without these bindings (e.g. `BLOBS`: a Worker deployed with no R2 bucket) */
  withoutBindings?: string[]
  /** answer `GET /__scheduled?cron=…` by running the Worker's scheduled handler (wrangler's --test-scheduled) */
  testScheduled?: boolean
}

/**
 * The built config minus some bindings, written into the persist directory; the entry and assets
 * are named by absolute path, as the copy lives elsewhere than the build.
 */
function configWithout(builtConfig: string, persistDir: string, bindings: string[]): string {
  const config = JSON.parse(readFileSync(builtConfig, 'utf8')) as Record<string, unknown> & { main: string; assets?: { directory: string } }
  const dir = dirname(builtConfig)
  const keep = (entry: { binding?: string; name?: string }) => !bindings.includes(entry.binding ?? entry.name ?? '')
  for (const list of ['r2_buckets', 'd1_databases', 'kv_namespaces']) {
    const entries = config[list]
    if (Array.isArray(entries)) config[list] = entries.filter(keep)
  }
  config.main = join(dir, config.main)
  if (config.assets) config.assets.directory = join(dir, config.assets.directory)
  const path = join(persistDir, 'wrangler.variant.json')
  writeFileSync(path, JSON.stringify(config, null, 2))
  return path
}

export async function startWorker(options: WorkerOptions = {}): Promise<WorkerServer> {
  const builtConfig = join(repoRoot, '.output-worker/server/wrangler.json')
  if (!existsSync(builtConfig)) {
    throw new Error('The Worker build is missing: run `npm run build:cloudflare` first (npm test does).')
  }
  const persistDir = options.persistDir ?? tempDir('executor-worker-')
  if (options.migrate !== false) await applyD1Migrations(persistDir)
  const config = options.withoutBindings ? configWithout(builtConfig, persistDir, options.withoutBindings) : builtConfig
  const [port, inspectorPort] = [await freePort(), await freePort()]
  const vars = { EXECUTOR_SECRET_KEY: TEST_WORKER_SECRET, ...options.vars }
  const proc = run(wranglerBin, devArgs({ config, port, inspectorPort, persistDir, vars, testScheduled: options.testScheduled }), { cwd: repoRoot, env: env() })
  const url = `http://127.0.0.1:${port}`
  if (options.waitFor === 'port') await waitForPort(port, proc, 60_000)
  else await waitForHealthy(`${url}/api/health`, proc, 60_000, options.waitFor === 'listening')
  return { url, persistDir, proc, logs: proc.output, stop: () => proc.stop() }
}
