// A child process a test started: its output is kept for assertions and failure messages, and
// every one is killed when the test file ends, so no server outlives its test.
//
// Each child leads its own process group and is stopped through the group: wrangler's CLI is a
// wrapper around a second Node process that runs workerd, so a signal to the wrapper alone
// leaves the real server running (with dev auth on).
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process'
import { connect } from 'node:net'
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
  // Its own process group, so stopping it stops what it started too (wrangler's launcher runs
  // the real CLI, which runs workerd: killing the launcher alone would orphan both).
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options, detached: true })
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => {
      // Whatever the leader started and did not take down with it goes with it.
      signalGroup(child, 'SIGKILL')
      resolve(code ?? signal ?? 'unknown')
    })
  })
  const handle: Running = {
    child,
    output: () => output,
    exited,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) signalGroup(child, signal)
      const result = await exited
      running.delete(handle)
      return result
    },
  }
  running.add(handle)
  void exited.then(() => running.delete(handle))
  return handle
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.pid === undefined) return
  try {
    process.kill(-child.pid, signal)
  } catch {
    // the group is already gone
  }
}

// A test worker that ends without its afterAll (a crash, a timeout) still takes its servers down.
process.once('exit', () => {
  for (const handle of running) signalGroup(handle.child, 'SIGKILL')
})

/** Kills everything still running; harness callers register it with afterAll. */
export async function stopAll() {
  await Promise.all([...running].map((r) => r.stop('SIGKILL')))
  removeTempDirs()
}

/** Polls `url` until it answers 200 (or any status, with `anyStatus`), the process ends or `timeoutMs` passes. */
/** Until something accepts TCP connections on 127.0.0.1:port, without sending it a request. */
export async function waitForPort(port: number, proc: Running, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null || proc.child.signalCode !== null) {
      throw new Error(`process exited before port ${port} was open:\n${proc.output()}`)
    }
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port }, () => {
        socket.destroy()
        resolve(true)
      })
      socket.once('error', () => resolve(false))
    })
    if (open) return
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`port ${port} not open after ${timeoutMs} ms:\n${proc.output()}`)
}

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
