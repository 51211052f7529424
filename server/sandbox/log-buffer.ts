// Captured console lines within maxLogBytes: once the budget is spent the line that
// crossed it is cut, later lines are only counted, and the last kept line carries the marker.
import type { LogEntry, LogLevel } from './outcome'
import { cutUtf8, truncationMarker, utf8Length } from './truncate'

export type LogBuffer = {
  add(level: LogLevel, message: string, at: number): void
  /** true once nothing more will be kept, so callers can skip formatting work */
  readonly full: boolean
  finish(): { logs: LogEntry[]; logsTruncated: boolean }
}

export function createLogBuffer(maxBytes: number): LogBuffer {
  const logs: LogEntry[] = []
  let used = 0
  let dropped = 0
  return {
    add(level, message, at) {
      if (used >= maxBytes) {
        dropped += utf8Length(message)
        return
      }
      const { kept, droppedBytes } = cutUtf8(message, maxBytes - used)
      used = droppedBytes > 0 ? maxBytes : used + utf8Length(kept)
      dropped += droppedBytes
      logs.push({ level, message: kept, at })
    },
    get full() {
      return used >= maxBytes
    },
    finish() {
      const last = logs.at(-1)
      if (dropped === 0 || !last) return { logs, logsTruncated: false }
      last.message += truncationMarker(dropped)
      return { logs, logsTruncated: true }
    },
  }
}
