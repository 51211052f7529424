// Work that outlives its request (an integration's import). The container's process keeps any
// promise running; the Worker's isolate may stop once the response is sent unless the work is
// handed to waitUntil, so it is whenever the runtime offers it.

export type WaitUntil = (promise: Promise<unknown>) => void

/** Starts `work` so it may finish after the response; its errors are the work's own concern. */
export function inBackground(work: Promise<unknown>, waitUntil: WaitUntil | undefined): void {
  const settled = work.catch(() => undefined)
  waitUntil?.(settled)
}
