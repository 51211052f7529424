// Starts the built container target (.output/, from `npm run build`) with Bun on a random
// loopback port and a temporary data dir: later issues' HTTP tests start one in one line.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { freePort } from './ports'
import { binDir, bunBin, repoRoot, tempDir } from './paths'
import { run, waitForHealthy, type Running } from './process'

export type BunServer = {
  url: string
  port: number
  dataDir: string
  proc: Running
  logs: () => string
  stop: (signal?: NodeJS.Signals) => Promise<number | string>
}

export type BunServerOptions = {
  env?: Record<string, string>
  dataDir?: string
  /** the directory holding `.output/` (Dockerfile test: a copy with nothing else beside it) */
  appDir?: string
  command?: string[]
}

export const builtServerEntry = join(repoRoot, '.output/server/index.mjs')

export function assertBuilt() {
  if (!existsSync(builtServerEntry)) {
    throw new Error('The container build is missing: run `npm run build` first (npm test does).')
  }
}

/** Spawns the server without waiting: for tests that expect it to fail at boot. */
export async function spawnBunServer(options: BunServerOptions = {}) {
  assertBuilt()
  const port = options.env?.PORT ? Number(options.env.PORT) : await freePort()
  const dataDir = options.dataDir ?? tempDir()
  const [command, ...args] = options.command ?? [bunBin, '.output/server/index.mjs']
  const proc = run(command ?? bunBin, args, {
    cwd: options.appDir ?? repoRoot,
    env: {
      PATH: `${binDir}:${process.env.PATH ?? ''}`,
      HOME: process.env.HOME,
      EXECUTOR_HOST: '127.0.0.1',
      EXECUTOR_DATA_DIR: dataDir,
      PORT: String(port),
      // The origin tests (like a browser) reach it at; set to '' to exercise the fallback chain.
      EXECUTOR_WEB_BASE_URL: `http://127.0.0.1:${port}`,
      ...options.env,
    },
  })
  return { proc, port, dataDir, url: `http://127.0.0.1:${port}` }
}

export async function startBunServer(options: BunServerOptions = {}): Promise<BunServer> {
  const { proc, port, dataDir, url } = await spawnBunServer(options)
  await waitForHealthy(`${url}/api/health`, proc)
  return { url, port, dataDir, proc, logs: proc.output, stop: proc.stop }
}
