// The executions this process is running right now, by id: what cancellation reaches. Each
// process (a container, one Worker isolate) holds only its own runs; a run another process holds
// is not here even while its row says `running`.
import type { ExecutionView } from './executions'

export type RunningExecution = {
  /** whose run it is: cancelling follows the same visibility as reading */
  readonly actorId: string
  /** aborts the run; it then ends `cancelled`, its error naming `by` */
  cancel(by: string): void
  /** settles with the stored execution once the run has ended and its history is written */
  readonly finished: Promise<ExecutionView>
}

const running = new Map<string, RunningExecution>()

/** Registers a run until `finished` settles. */
export function trackRunning(id: string, entry: RunningExecution): void {
  running.set(id, entry)
  const forget = () => {
    if (running.get(id) === entry) running.delete(id)
  }
  entry.finished.then(forget, forget)
}

export function findRunning(id: string): RunningExecution | undefined {
  return running.get(id)
}
