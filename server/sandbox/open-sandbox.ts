// One execution's QuickJS runtime and context with the prelude installed, fresh for each
// execution so runs stay isolated. A runtime per execution, not only a context, because memory
// and stack limits and the interrupt handler belong to the runtime.
import type { QuickJSContext, QuickJSHandle, QuickJSRuntime, QuickJSWASMModule } from 'quickjs-emscripten-core'
import type { ExecutionClock } from './execution-clock'
import { createInterruptPacer, QUICKJS_TICKS_PER_CHECK } from './interrupt-pacing'
import type { SandboxLimits } from './limits'
import type { LogBuffer } from './log-buffer'
import { LOG_LEVELS, type LogEntry, type ToolDispatcher } from './outcome'
import { PRELUDE_SOURCE } from './prelude'
import { parseThrown, type Thrown } from './sandbox-errors'
import { createToolBridge, type ToolBridge } from './tool-bridge'

// Reading what the code threw needs a little heap even when the code used all of it.
const DESCRIBE_HEADROOM_BYTES = 512 * 1024

export type Sandbox = {
  readonly runtime: QuickJSRuntime
  readonly context: QuickJSContext
  readonly bridge: ToolBridge
  /** the prelude's serialize(value): JSON text, undefined, or an error result */
  serialize(value: QuickJSHandle): ReturnType<QuickJSContext['callFunction']>
  /** what a thrown value is, or undefined when even that could not be read */
  describe(thrown: QuickJSHandle): Thrown | undefined
  /** frees the context and runtime; call once, and never after an engine fault */
  dispose(): void
}

export function openSandbox(
  module: QuickJSWASMModule,
  options: {
    counterOffset: number | undefined
    limits: SandboxLimits
    dispatch: ToolDispatcher
    onLog?: ((entry: LogEntry) => void) | undefined
    onToolCall?: ((call: { path: string; seq: number }) => void) | undefined
    clock: ExecutionClock
    /** the program's Math.random seed and the epoch ms its clock starts at (see prelude.ts) */
    seed: number
    clockStart: number
    logs: LogBuffer
    /** the interrupt handler, given performance.now() and the ticks run since the last check */
    shouldInterrupt(now: number, ticks: number): boolean
    onToolLimit(): void
    onToolSettle(): void
    onFault(error: unknown): void
  },
): Sandbox | { error: string } {
  const { limits, clock, logs } = options
  const runtime = module.newRuntime()
  runtime.setMemoryLimit(limits.memoryBytes)
  runtime.setMaxStackSize(limits.stackBytes)
  const context = runtime.newContext()
  const offset = options.counterOffset
  const pacer = offset === undefined ? undefined : createInterruptPacer(module, context, offset)
  runtime.setInterruptHandler(() => {
    const now = performance.now()
    const ticks = pacer ? pacer.pace(now) : QUICKJS_TICKS_PER_CHECK
    return options.shouldInterrupt(now, ticks)
  })
  const bridge = createToolBridge({
    module,
    context,
    dispatch: options.dispatch,
    onDispatch: options.onToolCall,
    maxToolCalls: limits.maxToolCalls,
    maxResultChars: Math.floor(limits.memoryBytes / 4),
    clock,
    clockStart: options.clockStart,
    onLimit: options.onToolLimit,
    onSettle: options.onToolSettle,
    onFault: options.onFault,
  })
  const hostLog = context.newFunction('hostLog', (levelHandle, textHandle) => {
    const level = LOG_LEVELS[context.getNumber(levelHandle)] ?? 'log'
    const entry: LogEntry = { level, message: context.getString(textHandle), at: Math.round(clock.now() * 100) / 100 }
    logs.add(entry.level, entry.message, entry.at)
    options.onLog?.(entry)
  })
  const dispose = () => {
    bridge.close()
    context.dispose()
    runtime.dispose()
  }

  const factory = context.evalCode(PRELUDE_SOURCE, 'prelude.js', { type: 'global', strict: true })
  const helpers = factory.error
    ? factory
    : factory.value.consume((fn) =>
        context.newNumber(options.seed).consume((seed) =>
          context.callFunction(fn, context.undefined, bridge.handle, hostLog, bridge.nowHandle, seed),
        ),
      )
  hostLog.dispose()
  bridge.handle.dispose()
  bridge.nowHandle.dispose()
  if (helpers.error) {
    helpers.error.dispose()
    dispose()
    return { error: 'the sandbox prelude failed to start (memory limit too low?)' }
  }
  const serializeFn = context.getProp(helpers.value, 0)
  const describeFn = context.getProp(helpers.value, 1)
  helpers.value.dispose()

  return {
    runtime,
    context,
    bridge,
    serialize: (value) => context.callFunction(serializeFn, context.undefined, value),
    describe(thrown) {
      runtime.setMemoryLimit(limits.memoryBytes + DESCRIBE_HEADROOM_BYTES)
      const described = context.callFunction(describeFn, context.undefined, thrown)
      runtime.setMemoryLimit(limits.memoryBytes)
      if (described.error) {
        described.error.dispose()
        return undefined
      }
      return described.value.consume((text) =>
        context.typeof(text) === 'string' ? parseThrown(context.getString(text)) : undefined,
      )
    },
    dispose() {
      serializeFn.dispose()
      describeFn.dispose()
      dispose()
    },
  }
}
