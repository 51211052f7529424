// Makes QuickJS consult the interrupt handler (and so the deadline) about once a millisecond.
//
// QuickJS calls the handler every 10,000 "ticks" (a call or a backward jump). That is ~15 times
// a millisecond in `while (true) {}`, but a loop whose body is one long built-in call
// (`for (;;) 'x'.repeat(1e6)`, `for (;;) a.slice().sort()`) ran 17 s and 105 s past a 300 ms
// deadline here; with pacing they stop at 300 ms and after 4 to 9 s (the sort loop's first
// check comes after cheap ticks set a long interval). The tick counter lives in the context's C
// struct and is not configurable, so the handler sets it itself, sized from how long the ticks
// since the last check took. Where the clock stands still while code runs (deployed workerd)
// there is nothing to size from: the interval grows to MAX_TICKS and stays.
//
// The counter's offset inside JSContext is found once per process, not hard-coded: in a
// throwaway instance, the handler looks for the freshly reset value 10,000 and keeps only an
// offset that, when written, demonstrably makes checks more frequent. When nothing qualifies
// (another QuickJS build), pacing is off and QuickJS's own interval applies.
import type { QuickJSContext, QuickJSWASMModule } from 'quickjs-emscripten-core'

/** JS_INTERRUPT_COUNTER_INIT in quickjs.c: the value the counter is reset to before each check. */
export const QUICKJS_TICKS_PER_CHECK = 10_000
const COUNTER_INIT = QUICKJS_TICKS_PER_CHECK
const SCAN_BYTES = 2048
const TARGET_MS_BETWEEN_CHECKS = 1
const FIRST_CHECK_TICKS = 100
// Caps how long one interval can last when cheap ticks turn into slow ones; checking ten times
// as often as QuickJS costs tight loops a few percent (within noise here).
const MAX_TICKS = 1_000

export type InterruptPacer = {
  /**
   * Call from the interrupt handler with performance.now(): sets the ticks to the next check
   * and returns how many ticks the period that just ended had.
   */
  pace(now: number): number
}

/**
 * The byte offset of JSContext.interrupt_counter, or undefined when it cannot be proven. Writes
 * to guessed addresses: give it an instance of its own and drop that instance afterwards.
 */
export function locateInterruptCounter(module: QuickJSWASMModule): number | undefined {
  const runtime = module.newRuntime()
  const context = runtime.newContext()
  const base = contextPointer(context)
  let candidates: number[] = []
  runtime.setInterruptHandler(() => {
    const words = new Int32Array(module.getWasmMemory().buffer, base, SCAN_BYTES / 4)
    candidates = []
    words.forEach((word, index) => {
      if (word === COUNTER_INIT) candidates.push(index * 4)
    })
    return true
  })
  discard(context.evalCode('for (;;) {}', 'calibrate.js', { type: 'global' }))
  for (const offset of candidates) {
    let checks = 0
    runtime.setInterruptHandler(() => {
      checks++
      writeInt32(module, base + offset, 10)
      return false
    })
    // About 2 ticks an iteration: 4 checks unpaced, about 4,000 when the write takes effect.
    discard(context.evalCode('for (let i = 0; i < 20000; i++) {}', 'calibrate.js', { type: 'global' }))
    if (checks > 1_000) return offset
  }
  return undefined
}

export function createInterruptPacer(
  module: QuickJSWASMModule,
  context: QuickJSContext,
  counterOffset: number,
): InterruptPacer {
  const index = (contextPointer(context) + counterOffset) / 4
  // Memory growth replaces the buffer: the view is remade only then.
  let words = new Int32Array(module.getWasmMemory().buffer)
  const write = (ticks: number) => {
    const { buffer } = module.getWasmMemory()
    if (words.buffer !== buffer) words = new Int32Array(buffer)
    words[index] = ticks
  }
  // The first check comes soon too; the pace then adapts within a few checks.
  let ticks = FIRST_CHECK_TICKS
  write(ticks)
  let lastCheck = performance.now()
  return {
    pace(now) {
      const period = ticks
      const gap = now - lastCheck
      if (gap > 0) {
        lastCheck = now
        // Shrink at once when checks come too far apart, grow at most twofold when too close.
        const wanted = Math.round((ticks * TARGET_MS_BETWEEN_CHECKS) / gap)
        ticks = clamp(wanted, 1, Math.min(ticks * 2, MAX_TICKS))
      } else {
        // A clock that did not move (workerd while code runs, a coarse clock between steps) saw
        // the period as instant.
        ticks = Math.min(ticks * 2, MAX_TICKS)
      }
      // QuickJS has just reset the counter to 10,000.
      write(ticks)
      return period
    },
  }
}

function contextPointer(context: QuickJSContext): number {
  // The JSContext* is a protected field of quickjs-emscripten's wrapper; there is no accessor.
  return context['ctx'].value
}

function writeInt32(module: QuickJSWASMModule, address: number, value: number): void {
  new Int32Array(module.getWasmMemory().buffer, address, 1)[0] = value
}

function discard(result: ReturnType<QuickJSContext['evalCode']>): void {
  if (result.error) result.error.dispose()
  else result.value.dispose()
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value))
}
