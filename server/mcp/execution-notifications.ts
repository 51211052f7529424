// Live feedback while `execute` runs, sent on the tool call's own response stream: the program's
// console lines as MCP log messages (notifications/message, logger `execute`) at or above the
// session's level, and, when the client asked with a progress token, one notifications/progress
// per tool call (progress = calls so far, message = the tool path).
import type { LoggingLevel, ServerNotification } from '@modelcontextprotocol/sdk/types.js'
import type { ExecutionObserver } from '../executions/executions'
import type { LogLevel } from '../sandbox/outcome'

/** A client that never sent logging/setLevel gets info and above: console.log, info, warn, error, not debug. */
export const DEFAULT_LOG_LEVEL: LoggingLevel = 'info'

const SEVERITY: Record<LoggingLevel, number> = {
  debug: 0,
  info: 1,
  notice: 2,
  warning: 3,
  error: 4,
  critical: 5,
  alert: 6,
  emergency: 7,
}

const CONSOLE_TO_MCP: Record<LogLevel, LoggingLevel> = {
  debug: 'debug',
  log: 'info',
  info: 'info',
  warn: 'warning',
  error: 'error',
}

/** What a session remembers about logging: the level its client last set. */
export type SessionLogging = { level: LoggingLevel }

type ToolCallExtra = {
  _meta?: { progressToken?: string | number }
  sendNotification: (notification: ServerNotification) => Promise<void>
}

export function notifyingObserver(extra: ToolCallExtra, logging: SessionLogging): ExecutionObserver {
  // A closed stream (client gone) must not fail the run; the result is still recorded.
  const send = (notification: ServerNotification) => void extra.sendNotification(notification).catch(() => undefined)
  const progressToken = extra._meta?.progressToken
  let calls = 0
  return {
    onLog: (entry) => {
      const level = CONSOLE_TO_MCP[entry.level]
      if (SEVERITY[level] < SEVERITY[logging.level]) return
      send({ method: 'notifications/message', params: { level, logger: 'execute', data: entry.message } })
    },
    onToolCall: (call) => {
      if (progressToken === undefined) return
      calls += 1
      send({ method: 'notifications/progress', params: { progressToken, progress: calls, message: call.path } })
    },
  }
}
