// The QuickJS WebAssembly instances executions run in. The module is compiled once per process
// (the bundler hands it over compiled); instances are cheap to make from it (~1 ms)
// and each execution has one to itself, kept in a small pool between executions.
//
// Why not one instance for every execution:
// - Memory. Under Emscripten QuickJS cannot see allocation sizes (malloc_usable_size is 0), so
//   runtime.setMemoryLimit bounds single allocations but not their sum (quickjs-emscripten
//   #255, #271): a 64 MiB runtime filled a shared instance to its 2 GiB ceiling here and every
//   other execution in it failed. An instance's WebAssembly.Memory can be capped, so each
//   execution's instance gets a maximum of its memory limit plus the engine's fixed base.
// - Stack. QuickJS checks its stack limit against the WebAssembly shadow stack, but the host's
//   native stack (V8, JSC) can run out first on deeply nested code (parser, JSON, getters); the
//   host's RangeError unwinds through WebAssembly frames and leaves the instance mid-operation.
//   Such an instance is never reused, and no other execution was in it.
// An instance whose memory grew is not reused either (run-code.ts says why), so pooled
// instances stay at their initial 16 MiB; on the Worker, where the isolate's memory is capped,
// each execution in flight costs at least that much.
import base from '@jitl/quickjs-wasmfile-release-sync'
import wasmModule from '@jitl/quickjs-wasmfile-release-sync/wasm?module'
import { newQuickJSWASMModuleFromVariant, newVariant, type QuickJSWASMModule } from 'quickjs-emscripten-core'
import { locateInterruptCounter } from './interrupt-pacing'

const PAGE_BYTES = 64 * 1024
const MiB = 1024 * 1024
/** The module declares 256 initial pages: no instance is smaller. */
const MIN_INSTANCE_PAGES = (16 * MiB) / PAGE_BYTES
/** Static data and the 5 MiB shadow stack sit below QuickJS's heap (measured: 5.1 MiB). */
const ENGINE_BASE_BYTES = 6 * MiB
/** Idle instances kept for reuse (one serves executions that run one after another). */
const MAX_IDLE_INSTANCES = 2

type Instance = { module: QuickJSWASMModule; pages: number }

// Idle instances by their memory maximum (in pages); a cache, so module state is allowed.
const idle = new Map<number, Instance[]>()
let idleCount = 0
let counterOffset: Promise<number | undefined> | undefined

export type EngineLease = {
  readonly module: QuickJSWASMModule
  /** where JSContext keeps its interrupt tick counter, when known (interrupt-pacing.ts) */
  readonly counterOffset: number | undefined
  /** Done with the instance: back to the pool when `reusable` and there is room, else dropped. */
  release(reusable: boolean): void
}

/** An instance whose memory can grow to `memoryBytes` of QuickJS heap and no further. */
export async function acquireEngine(memoryBytes: number): Promise<EngineLease> {
  const pages = Math.max(MIN_INSTANCE_PAGES, Math.ceil((memoryBytes + ENGINE_BASE_BYTES) / PAGE_BYTES))
  // Located once per process, in an instance of its own that is then dropped.
  counterOffset ??= newInstance(MIN_INSTANCE_PAGES).then(locateInterruptCounter, () => undefined)
  const offset = await counterOffset
  const pooled = idle.get(pages)?.pop()
  if (pooled) idleCount--
  const instance = pooled ?? { module: await newInstance(pages), pages }
  let released = false
  return {
    module: instance.module,
    counterOffset: offset,
    release(reusable) {
      if (released) return
      released = true
      if (!reusable || idleCount >= MAX_IDLE_INSTANCES) return
      const list = idle.get(pages) ?? []
      list.push(instance)
      idle.set(pages, list)
      idleCount++
    },
  }
}

function newInstance(maximumPages: number): Promise<QuickJSWASMModule> {
  const wasmMemory = async () =>
    new WebAssembly.Memory({ initial: MIN_INSTANCE_PAGES, maximum: maximumPages })
  // wasmModule is undefined only under Vitest (wasm-module.vitest.ts): the variant then loads
  // the .wasm itself.
  return newQuickJSWASMModuleFromVariant(newVariant(base, { wasmModule, wasmMemory }))
}

/**
 * Whether `bytes` can still be allocated in the instance. quickjs-emscripten copies host strings
 * in without checking malloc's result, so a copy into a full heap would write at address 0: the
 * host asks first before handing over anything large.
 */
export function canAllocate(module: QuickJSWASMModule, bytes: number): boolean {
  // The Emscripten module is a protected field of quickjs-emscripten's wrapper.
  const emscripten = module['module']
  const pointer = emscripten._malloc(bytes)
  if (pointer === 0) return false
  emscripten._free(pointer)
  return true
}
