// Structured logs: one JSON line per event. Callers pass fields, never secrets.
import { DrizzleQueryError } from 'drizzle-orm'

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

/** Longest error text a log line keeps. */
const MAX_ERROR_TEXT = 300
/** Stack frames a log line keeps. */
const MAX_FRAMES = 12

/**
 * An Error as log fields for the operator, never sent to a client. A log line never holds tool
 * arguments, results or request bodies: a failed query's message embeds every bound parameter
 * (drizzle's "Failed query: … params: …"), so it is logged as the statement's first words and
 * the driver's error instead; any other message is cut short, and the stack keeps only its
 * frames (its first line repeats the message).
 */
export function errorFields(error: unknown): LogFields {
  if (error instanceof DrizzleQueryError) {
    return { error: 'Database query failed', query: statementHead(error.query), ...causeFields(error.cause), stack: frames(error.stack) }
  }
  if (error instanceof Error) return { error: clip(error.message), ...codeOf(error), stack: frames(error.stack) }
  return { error: clip(String(error)) }
}

/** The statement's first three words, e.g. `insert into "tool_call"`: what failed, with no values. */
function statementHead(query: string): string {
  return clip(query.trim().split(/\s+/, 3).join(' '))
}

function causeFields(cause: unknown): LogFields {
  if (!(cause instanceof Error)) return {}
  return { cause: clip(cause.message), ...codeOf(cause) }
}

// Driver errors name their failure by code (libSQL's `SQLITE_ERROR`, `SQLITE_BUSY`…).
function codeOf(error: Error): LogFields {
  const code: unknown = Reflect.get(error, 'code')
  return typeof code === 'string' ? { code: clip(code) } : {}
}

function frames(stack: string | undefined): string | undefined {
  if (!stack) return undefined
  const kept = stack.split('\n').filter((line) => /^\s+at /.test(line))
  return kept.length > 0 ? kept.slice(0, MAX_FRAMES).join('\n') : undefined
}

function clip(text: string): string {
  return text.length > MAX_ERROR_TEXT ? `${text.slice(0, MAX_ERROR_TEXT)}…[${text.length - MAX_ERROR_TEXT} more characters]` : text
}
