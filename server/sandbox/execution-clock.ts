// Wall time of one execution, read by QuickJS's interrupt handler and by the host while it waits
// on tool calls.
//
// workerd stops its clocks while JavaScript runs (a Spectre mitigation: Date.now() and
// performance.now() only move across I/O), so a busy loop there would never see its deadline.
// While the clock stands still, the QuickJS ticks (calls and backward jumps) between interrupt
// checks stand in for time. Under wrangler dev an optimised `while (true) {}` ran about a
// million ticks a ms and loops doing some work a third to a half of that, so a tick counts as a
// millionth of a ms: the tightest loop stops at about its limit and other code up to a few
// times later, never earlier. Loops of slow built-ins (`'x'.repeat(1e6)`) do far more per tick
// and can overrun many times over: there workerd's own CPU limit is the backstop. On Bun and
// Node the clock moves between checks, so the estimate never adds up to anything.
const MS_PER_FROZEN_TICK = 1e-6

export type ExecutionClock = {
  /** milliseconds since the execution started, for log and tool call timestamps */
  now(): number
  /** milliseconds left before the deadline, frozen-clock estimate included */
  remainingMs(): number
  /**
   * For the interrupt handler, with performance.now() and the ticks QuickJS ran since the last
   * check: true once the deadline has passed.
   */
  expired(reading: number, ticks: number): boolean
}

export function createExecutionClock(timeoutMs: number): ExecutionClock {
  const startedAt = performance.now()
  let lastReading = startedAt
  // Ticks since the clock last moved. Once it moves, the real reading covers that time (workerd
  // catches up after I/O; a coarse clock after its next step), so only the current run counts.
  let unmovedTicks = 0
  const elapsed = (reading: number) => reading - startedAt + unmovedTicks * MS_PER_FROZEN_TICK
  return {
    now: () => performance.now() - startedAt,
    remainingMs: () => Math.max(0, timeoutMs - elapsed(performance.now())),
    expired(reading, ticks) {
      if (reading === lastReading) {
        unmovedTicks += ticks
      } else {
        lastReading = reading
        unmovedTicks = 0
      }
      return elapsed(reading) >= timeoutMs
    },
  }
}
