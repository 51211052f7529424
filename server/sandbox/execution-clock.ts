// Wall time of one execution, read by QuickJS's interrupt handler and by the host while it waits
// on tool calls.
//
// workerd stops its clocks while JavaScript runs (a Spectre mitigation: Date.now() and
// performance.now() only move across I/O), so a busy loop there would never see its deadline.
// Each interrupt check that finds the clock unmoved therefore counts as a small slice of time.
// QuickJS checks about every 10,000 branches: 15 checks per ms in `while (true) {}` measured
// here, far fewer when each branch does more. 0.05 ms per check stops a tight loop near its
// limit and a heavier one later (workerd's own CPU limit is the backstop). On Bun and Node the
// clock moves between checks, so this never adds up to anything.
const MS_PER_FROZEN_CHECK = 0.05

export type ExecutionClock = {
  /** milliseconds since the execution started, for log and tool call timestamps */
  now(): number
  /** milliseconds left before the deadline, frozen-clock estimate included */
  remainingMs(): number
  /** for the interrupt handler, with performance.now(): true once the deadline has passed */
  expired(reading: number): boolean
}

export function createExecutionClock(timeoutMs: number): ExecutionClock {
  const startedAt = performance.now()
  let lastReading = startedAt
  let frozenChecks = 0
  const elapsed = (reading: number) => reading - startedAt + frozenChecks * MS_PER_FROZEN_CHECK
  return {
    now: () => performance.now() - startedAt,
    remainingMs: () => Math.max(0, timeoutMs - elapsed(performance.now())),
    expired(reading) {
      if (reading === lastReading) frozenChecks++
      else lastReading = reading
      return elapsed(reading) >= timeoutMs
    },
  }
}
