// A child process a test started: its output is kept for assertions and failure messages, and
// every one is killed when the test file ends, so no server outlives its test.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process'
import { removeTempDirs } from './paths'

export type Running = {
  child: ChildProcess
  output: () => string
  /** resolves with the exit code (or signal name) once the process has ended */
  exited: Promise<number | string>
  stop: (signal?: NodeJS.Signals) => Promise<number | string>
}

const running = new Set<Running>()

export function run(command: string, args: string[], options: SpawnOptions = {}): Running {
  // Its own process group, so stopping it also stops what it spawned (wrangler's launcher runs
  // the real CLI as a child, which a plain kill of the launcher would leave running).
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true, ...options })
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'))
  })
  const handle: Running = {
    child,
    output: () => output,
    exited,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) killGroup(child, signal)
      const result = await exited
      running.delete(handle)
      return result
    },
  }
  running.add(handle)
  void exited.then(() => running.delete(handle))
  return handle
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, signal)
  } catch {
    child.kill(signal)
  }
}

/** Kills everything still running and removes the test file's temp dirs; harness callers register it with afterAll. */
export async function stopAll() {
  await Promise.all([...running].map((r) => r.stop('SIGKILL')))
  removeTempDirs()
}

/** Polls `url` until it answers 200 (or any status, with `anyStatus`), the process ends or `timeoutMs` passes. */
export async function waitForHealthy(url: string, proc: Running, timeoutMs = 30_000, anyStatus = false): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let ended = false
  void proc.exited.then(() => (ended = true))
  while (Date.now() < deadline) {
    if (ended) throw new Error(`process exited before ${url} was healthy:\n${proc.output()}`)
    try {
      const response = await fetch(url)
      if (response.ok || anyStatus) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`${url} not healthy after ${timeoutMs} ms:\n${proc.output()}`)
}
