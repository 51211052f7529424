// Structured logs: one JSON line per event. Callers pass fields, never secrets.
export type LogLevel = 'debug' | 'info' | 'warn' | 'error'
export type LogFields = Record<string, unknown>

export interface Logger {
  debug(msg: string, fields?: LogFields): void
  info(msg: string, fields?: LogFields): void
  warn(msg: string, fields?: LogFields): void
  error(msg: string, fields?: LogFields): void
  /** a logger that adds `fields` to every line */
  child(fields: LogFields): Logger
}

const rank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 }

export function createLogger(options: {
  level?: LogLevel
  write?: (line: string, level: LogLevel) => void
  fields?: LogFields
} = {}): Logger {
  const min = rank[options.level ?? 'info']
  const write = options.write ?? defaultWrite
  const base = options.fields ?? {}
  const emit = (level: LogLevel, msg: string, fields?: LogFields) => {
    if (rank[level] < min) return
    write(JSON.stringify({ time: new Date().toISOString(), level, msg, ...base, ...fields }), level)
  }
  return {
    debug: (msg, fields) => emit('debug', msg, fields),
    info: (msg, fields) => emit('info', msg, fields),
    warn: (msg, fields) => emit('warn', msg, fields),
    error: (msg, fields) => emit('error', msg, fields),
    child: (fields) => createLogger({ ...options, fields: { ...base, ...fields } }),
  }
}

function defaultWrite(line: string, level: LogLevel) {
  if (level === 'error' || level === 'warn') console.error(line)
  else console.log(line)
}

/** An Error as log fields: message and stack for the operator, never sent to a client. */
export function errorFields(error: unknown): LogFields {
  if (error instanceof Error) return { error: error.message, stack: error.stack }
  return { error: String(error) }
}
