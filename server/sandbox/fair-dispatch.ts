// Inline, a program runs on the thread that serves requests (the Worker target; the container's
// dev server), and a tool call that settles at once (echo,
// search, describe) resumes it through microtasks alone, never giving the event loop a turn. A
// program making thousands of such calls would hold every other request for its whole run,
// including the cancel meant to stop it, and the timer that writes its `running` row. So once
// calls have run back to back for FAIR_SLICE_MS, the next one first waits one macrotask.
import type { ToolDispatcher } from './outcome'

/** Longest stretch of back-to-back tool calls before the event loop gets a turn. */
export const FAIR_SLICE_MS = 20

export function fairDispatch(dispatch: ToolDispatcher, now: () => number): ToolDispatcher {
  let sliceStart = now()
  return async (path, args, context) => {
    if (now() - sliceStart >= FAIR_SLICE_MS) {
      await new Promise((resolve) => setTimeout(resolve, 0))
      sliceStart = now()
    }
    return dispatch(path, args, context)
  }
}
