// The container's SandboxRunner: programs run in Bun worker threads (server/sandbox/worker-pool.ts)
// started from .output/server/sandbox-worker.mjs, which the build puts beside the server entry.
// Each thread receives the QuickJS module this thread already compiled, so none reads or
// compiles the .wasm itself.
import wasmModule from '@jitl/quickjs-wasmfile-release-sync/wasm?module'
import { existsSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { dirname, join } from 'node:path'
import { createWorkerPool, type SandboxThread, type WorkerPoolRunner } from '../sandbox/worker-pool'

export const SANDBOX_WORKER_SCRIPT = 'sandbox-worker.mjs'

export type WorkerPoolRunnerOptions = {
  /** threads kept warm; one per core when undefined */
  warmThreads: number | undefined
  /** the global cap on programs running at once: the pool never needs more threads */
  maxThreads: number
  onRetire?: (reason: string) => void
}

/** The pool, or undefined when the worker script is missing (a dev server, not the build). */
export function createWorkerPoolRunner(options: WorkerPoolRunnerOptions): WorkerPoolRunner | undefined {
  const script = locateWorkerScript()
  if (!script) return undefined
  const maxThreads = options.maxThreads
  return createWorkerPool({
    spawn: () => spawnThread(script),
    wasmModule,
    warmThreads: Math.min(options.warmThreads ?? availableParallelism(), maxThreads),
    maxThreads,
    onRetire: options.onRetire,
  })
}

/** Beside the running entry (`bun .output/server/index.mjs`), wherever .output/ was copied. */
function locateWorkerScript(): string | undefined {
  const entry = process.argv[1]
  if (!entry) return undefined
  const script = join(dirname(entry), SANDBOX_WORKER_SCRIPT)
  return existsSync(script) ? script : undefined
}

// Bun's Worker: `unref` keeps idle threads from holding the process open at exit, and `close`
// fires whenever the thread ends, terminated or not.
type BunWorker = Worker & { unref(): void }

function spawnThread(script: string): SandboxThread {
  const worker = new Worker(script) as BunWorker
  worker.unref()
  let terminated = false
  return {
    post: (message) => worker.postMessage(message),
    onMessage: (handler) => worker.addEventListener('message', (event) => handler(event.data)),
    onExit: (handler) => {
      worker.addEventListener('error', (event) => {
        if (!terminated) handler(event.message || 'uncaught error')
      })
      worker.addEventListener('close', () => {
        if (!terminated) handler('the thread exited')
      })
    },
    terminate: () => {
      terminated = true
      worker.terminate()
    },
  }
}
