// Entry of a sandbox worker thread, bundled on its own into .output/server/sandbox-worker.mjs by
// scripts/build-sandbox-worker.mjs. Besides the Web Worker globals it imports only server/sandbox
// and node:os (sandbox-worker-entry.test.ts checks): no database, platform or credentials.
import { setPriority } from 'node:os'
import { provideWasmModule } from '../sandbox/wasm-module.worker'
import { serveSandboxWorker } from '../sandbox/worker-program'
import type { ToMainMessage, ToWorkerMessage } from '../sandbox/worker-protocol'

type WorkerScope = {
  postMessage(message: ToMainMessage): void
  onmessage: ((event: { data: ToWorkerMessage }) => void) | null
}

const scope = globalThis as unknown as WorkerScope

// Programs yield the CPU to the request thread: on Linux a nice value is per thread, and 0 means
// the calling one. Spinning programs then barely delay /api/health even on two cores.
const SANDBOX_THREAD_NICE = 10
try {
  setPriority(0, SANDBOX_THREAD_NICE)
} catch {
  // Not permitted or not supported: programs share the CPU evenly with the request thread.
}

serveSandboxWorker(
  {
    post: (message) => scope.postMessage(message),
    listen: (handler) => {
      scope.onmessage = (event) => handler(event.data)
    },
  },
  provideWasmModule,
)
