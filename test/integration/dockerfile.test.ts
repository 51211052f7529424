// No Docker engine runs here, so this runs the Dockerfile's own commands outside Docker: the
// build stage's build command must be what produced .output/, and the runtime stage's CMD, ENV
// and HEALTHCHECK must serve from a directory holding nothing but .output/ (as the image does).
import { cpSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { startBunServer, type BunServer } from '../harness/bun-server'
import { binDir, repoRoot, tempDir } from '../harness/paths'
import { freePort } from '../harness/ports'
import { run, stopAll } from '../harness/process'

type Stage = { name: string; from: string; lines: string[] }

function parseDockerfile(text: string): Stage[] {
  const stages: Stage[] = []
  for (const raw of text.replace(/\\\n/g, ' ').split('\n')) {
    const line = raw.trim()
    if (line === '' || line.startsWith('#')) continue
    const from = line.match(/^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/i)
    if (from) stages.push({ from: from[1] ?? '', name: from[2] ?? '', lines: [] })
    else stages.at(-1)?.lines.push(line)
  }
  return stages
}

const stages = parseDockerfile(readFileSync(join(repoRoot, 'Dockerfile'), 'utf8'))
const runtime = stages.at(-1)
const instruction = (stage: Stage | undefined, name: string) =>
  stage?.lines.filter((l) => l.toUpperCase().startsWith(`${name} `)).map((l) => l.slice(name.length + 1).trim()) ?? []

function runtimeEnv(): Record<string, string> {
  const env: Record<string, string> = {}
  for (const line of instruction(runtime, 'ENV')) {
    for (const [, key, value] of line.matchAll(/(\w+)=(\S+)/g)) if (key && value) env[key] = value
  }
  return env
}

let server: BunServer
let dataDir: string

beforeAll(async () => {
  const appDir = tempDir('executor-image-')
  cpSync(join(repoRoot, '.output'), join(appDir, '.output'), { recursive: true })
  dataDir = tempDir('executor-volume-')
  const cmd = JSON.parse(instruction(runtime, 'CMD')[0] ?? '[]') as string[]
  server = await startBunServer({
    appDir,
    dataDir,
    // Tests bind loopback only; everything else is the image's own environment.
    env: { ...runtimeEnv(), EXECUTOR_DATA_DIR: dataDir, EXECUTOR_HOST: '127.0.0.1', PORT: String(await freePort()) },
    command: [cmd[0] === 'bun' ? join(binDir, 'bun') : (cmd[0] ?? ''), ...cmd.slice(1)],
  })
})
afterAll(stopAll)

test('the image is multi-stage: npm ci, npm run build, then a slim Bun runtime as a non-root user', () => {
  expect(stages.map((s) => s.name)).toEqual(['install', 'build', 'runtime'])
  expect(instruction(stages[0], 'RUN')).toContain('npm ci --no-audit --no-fund')
  expect(instruction(stages[1], 'RUN')).toEqual(['npm run build'])
  expect(runtime?.from).toMatch(/^oven\/bun:[\d.]+-slim$/)
  expect(instruction(runtime, 'USER')).toEqual(['bun'])
  expect(instruction(runtime, 'VOLUME')).toEqual(['/data'])
  expect(instruction(runtime, 'EXPOSE')).toEqual(['4788'])
  expect(instruction(runtime, 'COPY')).toEqual(['--from=build --chown=bun:bun /app/.output ./.output'])
  expect(runtimeEnv()).toEqual({ NODE_ENV: 'production', EXECUTOR_HOST: '0.0.0.0', PORT: '4788', EXECUTOR_DATA_DIR: '/data' })
})

test('the build command is the one npm test ran to produce .output', () => {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
  expect(pkg.scripts.build).toBe('vite build')
  expect(statSync(join(repoRoot, '.output/server/index.mjs')).isFile()).toBe(true)
})

test('the CMD serves health from a directory holding only .output/, data in the volume', async () => {
  const response = await fetch(`${server.url}/api/health`)
  expect(await response.json()).toEqual({ status: 'ok' })
  for (const file of ['auth-secret.key', 'secret.key']) {
    expect(statSync(join(dataDir, file)).mode & 0o777).toBe(0o600)
  }
  expect(statSync(join(dataDir, 'data.db')).isFile()).toBe(true)
})

test('the HEALTHCHECK command succeeds against the running server and honours PORT', async () => {
  const healthcheck = instruction(runtime, 'HEALTHCHECK')[0] ?? ''
  const [, command] = healthcheck.match(/CMD\s+(.+)$/) ?? []
  expect(command).toMatch(/^bun -e /)
  const script = JSON.parse(command?.replace(/^bun -e /, '') ?? '""') as string
  const probe = (port: number) =>
    run(join(binDir, 'bun'), ['-e', script], { env: { ...process.env, PORT: String(port) } })
  expect(await probe(server.port).exited).toBe(0)
  const closedPort = server.port === 1 ? 2 : 1
  expect(await probe(closedPort).exited).toBe(1)
})
