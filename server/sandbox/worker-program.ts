// The sandbox worker thread's side of worker-protocol.ts: one program at a time, in QuickJS, with
// a ready engine waiting between programs. Tool calls are posted to the request thread and their
// settlements come back as messages; nothing here can reach secrets, the database or the network.
import { DEFAULT_LIMITS, type SandboxLimits } from './limits'
import { runCode, warmUpSandbox } from './run-code'
import { NAMED_TOOL_ERRORS, ToolRefusal, type ToolCallDetails } from './outcome'
import { ABORT_FLAG_INDEX, type ToMainMessage, type ToWorkerMessage } from './worker-protocol'

export type WorkerPort = {
  post(message: ToMainMessage): void
  listen(handler: (message: ToWorkerMessage) => void): void
}

// A fresh thread's engine code runs in the runtime's slow tiers until it has run a while. One
// program here loads the engine; the pool then warms the rest through the message path, as real
// programs arrive (worker-pool.ts, warmUp), so this thread's warm-up is not done twice.
const WARM_UP_RUNS = 1
const WARM_UP_CODE = 'const xs = [1, 2, 3].map((x) => x * 2); console.log(xs.join()); return await tools.warm.up({ xs })'

async function warmUpThread(): Promise<void> {
  for (let i = 0; i < WARM_UP_RUNS; i++) {
    await runCode(WARM_UP_CODE, { limits: DEFAULT_LIMITS, dispatch: async (_path, args) => args })
  }
}

type PendingCall = {
  resolve: (value: unknown) => void
  reject: (error: Error) => void
  annotate: ((details: ToolCallDetails) => void) | undefined
}
type CurrentRun = { runId: number; controller: AbortController; calls: Map<number, PendingCall> }

/** Serves programs on `port`; `provideWasmModule` hands the engine the module the init message carries. */
export function serveSandboxWorker(port: WorkerPort, provideWasmModule: (module: WebAssembly.Module | undefined) => void) {
  let abortFlag: Int32Array<ArrayBufferLike> = new Int32Array(1)
  let ready: Promise<void> = Promise.resolve()
  let current: CurrentRun | undefined
  let nextCallId = 0

  const run = async (runId: number, code: string, limits: SandboxLimits, seed?: number, clockStart?: number) => {
    await ready
    const run: CurrentRun = { runId, controller: new AbortController(), calls: new Map() }
    current = run
    // The request thread dispatches a call right after its notice, so the two travel as one message.
    let seq = 0
    const outcome = await runCode(code, {
      limits,
      seed,
      clockStart,
      signal: run.controller.signal,
      abortRequested: () => Atomics.load(abortFlag, ABORT_FLAG_INDEX) !== 0,
      onLog: (entry) => port.post({ type: 'log', runId, entry }),
      onToolCall: (call) => (seq = call.seq),
      dispatch: (path, args, { annotate }) =>
        new Promise((resolve, reject) => {
          const callId = nextCallId++
          run.calls.set(callId, { resolve, reject, annotate })
          port.post({ type: 'call', runId, callId, seq, path, args })
        }),
    })
    current = undefined
    port.post({ type: 'done', runId, outcome })
    // Load the next program's engine instance now, not when it arrives.
    ready = warmUpSandbox()
  }

  port.listen((message) => {
    switch (message.type) {
      case 'init':
        provideWasmModule(message.wasmModule)
        abortFlag = new Int32Array(message.abortFlag)
        ready = warmUpThread().then(() => port.post({ type: 'ready' }))
        return
      case 'run':
        void run(message.runId, message.code, message.limits, message.seed, message.clockStart)
        return
      case 'settle': {
        if (current?.runId !== message.runId) return
        const call = current.calls.get(message.callId)
        current.calls.delete(message.callId)
        if (!call) return
        call.annotate?.(message.order)
        if (message.ok) call.resolve(message.value)
        else {
          const named = NAMED_TOOL_ERRORS.find((name) => name === message.errorName)
          call.reject(named ? new ToolRefusal(named, message.error) : new Error(message.error))
        }
        return
      }
      case 'abort':
        if (current?.runId === message.runId) current.controller.abort()
        return
    }
  })
}
