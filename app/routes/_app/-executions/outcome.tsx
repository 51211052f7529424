// The pieces of an execution shown in more than one place: the history list, the inline
// outcome of a run from the console, and the detail page.
import { useState, type ReactNode } from 'react'
import type { ExecutionSummary, ExecutionView } from '~/server/executions/executions'
import { Badge } from '../../../components/badge'
import { Button } from '../../../components/button'
import { CodeBlock, prettyJson } from '../../../components/code-block'
import { ApprovalLine, PolicyLine } from './policy-decision'

export type { ExecutionSummary, ExecutionView }

const statusLooks: Record<ExecutionSummary['status'], { label: string; tone: 'green' | 'red' | 'amber' | 'neutral' }> = {
  completed: { label: 'Completed', tone: 'green' },
  failed: { label: 'Failed', tone: 'red' },
  running: { label: 'Running', tone: 'amber' },
  cancelled: { label: 'Cancelled', tone: 'neutral' },
  interrupted: { label: 'Interrupted', tone: 'red' },
  paused: { label: 'Waiting for approval', tone: 'amber' },
  expired: { label: 'Approval expired', tone: 'neutral' },
  replay_diverged: { label: 'Replay diverged', tone: 'red' },
}

export function StatusBadge(props: { status: ExecutionSummary['status'] }) {
  const look = statusLooks[props.status]
  return <Badge tone={look.tone}>{look.label}</Badge>
}

export const statusNames = Object.fromEntries(Object.entries(statusLooks).map(([status, look]) => [status, look.label])) as Record<
  ExecutionSummary['status'],
  string
>

export const sourceNames: Record<ExecutionSummary['source'], string> = { mcp: 'MCP', api: 'API', console: 'Console' }

export function actorName(actor: ExecutionSummary['actor']) {
  return actor.name || actor.email
}

/** "12 ms", "1.4 s", "2 min 5 s"; a dash while the run has not finished. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '—'
  // Stored durations are whole milliseconds; 0 means under one.
  if (ms < 1) return '<1 ms'
  if (ms < 1000) return `${Math.round(ms)} ms`
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`
  const minutes = Math.floor(ms / 60_000)
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`
}

/** Time since the run started, for log lines and tool calls. */
export function formatOffset(ms: number): string {
  return ms < 1000 ? `+${Math.round(ms)} ms` : `+${(ms / 1000).toFixed(2)} s`
}

export function firstLine(text: string) {
  return text.split('\n', 1)[0] ?? text
}

/**
 * The line of the agent's code where an error was thrown: as the sandbox placed it, or (runs
 * recorded before it did) the first `code.js:<line>` frame of its QuickJS stack.
 */
export function thrownAtLine(error: ExecutionView['error']): number | undefined {
  if (error?.line) return error.line
  const match = error?.stack?.match(/code\.js:(\d+)/)
  return match?.[1] ? Number(match[1]) : undefined
}

export function SectionNote(props: { tone?: 'amber' | 'slate'; children: ReactNode }) {
  const tone = props.tone === 'amber' ? 'border-amber-200 bg-amber-50 text-amber-900' : 'border-slate-200 bg-slate-50 text-slate-700'
  return <p className={`rounded-md border px-3 py-2 text-sm ${tone}`}>{props.children}</p>
}

export function ResultView(props: { result: unknown; truncated: boolean }) {
  // A cut result is the start of its JSON text plus a marker, no longer a value: show the text.
  const cutText = props.truncated && typeof props.result === 'string' ? props.result : null
  return (
    <div className="space-y-2">
      {props.truncated ? <SectionNote tone="amber">The result was larger than the size limit and was truncated; this is its beginning.</SectionNote> : null}
      <CodeBlock language="json" code={cutText ?? prettyJson(props.result)} label="Result" capHeight wrap={cutText !== null} />
      {props.result === null ? <p className="text-xs text-slate-500">null: the code returned nothing, or null.</p> : null}
    </div>
  )
}

type SandboxError = NonNullable<ExecutionView['error']>

const kindNames: Record<SandboxError['kind'], string> = {
  timeout: 'Timed out',
  memory: 'Out of memory',
  stack: 'Stack overflow',
  tool_calls: 'Too many tool calls',
  thrown: 'Uncaught',
  invalid_result: 'Result is not JSON',
  syntax: 'Syntax error',
  aborted: 'Aborted',
  unsettled: 'Never settled',
  internal: 'Sandbox fault',
  interrupted: 'Server stopped',
  expired: 'Approval expired',
  replay_diverged: 'Replay diverged',
}

export function ErrorPanel(props: { error: ExecutionView['error']; fallbackMessage: string | null }) {
  const { error } = props
  return (
    <div className="rounded-lg border border-red-200 bg-red-50 p-4">
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-mono text-sm font-semibold text-red-900">{error?.name ?? 'Error'}</span>
        {error ? (
          <span className="rounded-full bg-white/70 px-2 py-0.5 text-xs font-medium text-red-700 ring-1 ring-red-600/20 ring-inset">
            {kindNames[error.kind] ?? error.kind}
          </span>
        ) : null}
        {error?.line && error.column ? (
          <span className="text-xs text-red-800 tabular-nums">
            at line {error.line}, column {error.column}
          </span>
        ) : null}
      </div>
      <p className="mt-1.5 font-mono text-sm whitespace-pre-wrap text-red-800 wrap-anywhere">{error?.message ?? props.fallbackMessage ?? 'The run failed without a message.'}</p>
      {error?.stack ? <pre className="mt-2 overflow-x-auto font-mono text-xs leading-5 text-red-700/80">{error.stack}</pre> : null}
    </div>
  )
}

const levelLooks: Record<ExecutionView['logs'][number]['level'], { row: string; label: string }> = {
  log: { row: 'text-slate-800', label: 'text-slate-400' },
  info: { row: 'text-slate-800', label: 'text-sky-700' },
  debug: { row: 'text-slate-500', label: 'text-slate-400' },
  warn: { row: 'bg-amber-50 text-amber-900', label: 'text-amber-700' },
  error: { row: 'bg-red-50 text-red-800', label: 'text-red-700' },
}

export function LogList(props: { logs: ExecutionView['logs']; truncated: boolean }) {
  if (props.logs.length === 0 && !props.truncated) return <p className="text-sm text-slate-500">Nothing was logged.</p>
  return (
    <div className="space-y-2">
      {/* Up to 1 MiB of lines: scrolls inside itself so what follows stays in reach. */}
      <ol
        aria-label="Log lines"
        tabIndex={props.logs.length > 30 ? 0 : undefined}
        className="max-h-[42rem] divide-y divide-slate-100 overflow-y-auto rounded-lg border border-slate-200 bg-white font-mono text-[13px] leading-5"
      >
        {props.logs.map((entry, index) => {
          const look = levelLooks[entry.level]
          return (
            // Phones put time and level above the message, which then gets the full width.
            <li key={index} className={`grid grid-cols-[4.75rem_minmax(0,1fr)] gap-x-3 px-3 py-1.5 sm:grid-cols-[4.75rem_3rem_minmax(0,1fr)] sm:px-4 ${look.row}`}>
              <span className="text-slate-400 tabular-nums">{formatOffset(entry.at)}</span>
              <span className={look.label}>{entry.level}</span>
              <span className="col-span-2 whitespace-pre-wrap wrap-anywhere sm:col-span-1">{entry.message}</span>
            </li>
          )
        })}
      </ol>
      {props.truncated ? <SectionNote tone="amber">Logs were truncated: the run printed more than the log size limit, and later lines were dropped.</SectionNote> : null}
    </div>
  )
}

/**
 * Tool calls drawn at first (a page a person can scan: 200 made an 18,000 px page), and a click
 * adds five times as many: a run may make 10,000, too many to draw at once.
 */
const CALLS_PER_PAGE = 50

export function ToolCallList(props: { calls: ExecutionView['toolCalls'] }) {
  const [shown, setShown] = useState(CALLS_PER_PAGE)
  if (props.calls.length === 0) return <p className="text-sm text-slate-500">The code called no tools.</p>
  const more = props.calls.length - shown
  return (
    <div className="space-y-3">
      <ol aria-label="Tool calls" className="space-y-3">
        {props.calls.slice(0, shown).map((call, index) => (
          <li key={index} className="rounded-lg border border-slate-200 bg-white px-4 py-3">
            <div className="flex flex-wrap items-center gap-x-3 gap-y-1.5">
              <span aria-hidden className="text-xs font-medium text-slate-400 tabular-nums">
                {index + 1}.
              </span>
              <code className="font-mono text-sm font-medium text-slate-900 wrap-anywhere">{call.path}</code>
              <Badge tone={call.ok ? 'green' : 'red'}>{call.ok ? 'OK' : 'Failed'}</Badge>
              <span className="text-xs text-slate-500 tabular-nums sm:ml-auto">
                at {formatOffset(call.startedAtMs)} · took {formatDuration(call.durationMs)}
              </span>
            </div>
            <CallDetails call={call} />
            {call.policy || call.approval ? (
              <div className="mt-2 space-y-1">
                {call.policy ? <PolicyLine policy={call.policy} label={`Policy for ${call.path}`} /> : null}
                {call.approval ? <ApprovalLine approval={call.approval} /> : null}
              </div>
            ) : null}
            {call.error ? <CallError name={call.errorName} message={call.error} /> : null}
            <details className="group mt-2">
              <summary className="flex cursor-pointer items-center gap-2 text-sm text-slate-600 hover:text-slate-900 [&::-webkit-details-marker]:hidden">
                <span aria-hidden className="text-slate-400 transition-transform group-open:rotate-90">
                  ▸
                </span>
                <span className="shrink-0">Arguments</span>
                <code className="min-w-0 truncate font-mono text-xs text-slate-500 group-open:hidden">{compactJson(call.args)}</code>
              </summary>
              <CodeBlock language="json" code={prettyJson(call.args)} label={`Arguments of ${call.path}`} capHeight className="mt-2" />
            </details>
          </li>
        ))}
      </ol>
      {more > 0 ? (
        <div className="flex flex-wrap items-center gap-3">
          <p className="text-sm text-slate-600">
            Showing the first {shown.toLocaleString('en-US')} of {props.calls.length.toLocaleString('en-US')} calls.
          </p>
          <Button variant="secondary" onClick={() => setShown(shown + CALLS_PER_PAGE * 5)}>
            Show {Math.min(more, CALLS_PER_PAGE * 5).toLocaleString('en-US')} more
          </Button>
        </div>
      ) : null}
    </div>
  )
}

/** Where an integration's tool call went: integration, connection, HTTP method and status (never a credential). */
function CallDetails(props: { call: ExecutionView['toolCalls'][number] }) {
  const { call } = props
  if (!call.integration && !call.method && call.httpStatus === undefined) return null
  const facts: [string, ReactNode][] = []
  if (call.integration) facts.push(['Integration', call.integration])
  if (call.connection) facts.push(['Connection', call.connection])
  if (call.method) facts.push(['Method', call.method])
  if (call.httpStatus !== undefined) {
    const ok = call.httpStatus >= 200 && call.httpStatus < 400
    facts.push(['HTTP status', <span key="status" className={ok ? 'text-emerald-700' : 'text-red-700'}>{call.httpStatus}</span>])
  }
  return (
    <dl role="group" aria-label={`Details of ${call.path}`} className="mt-1.5 flex flex-wrap gap-x-4 gap-y-1 text-xs">
      {facts.map(([label, value]) => (
        <div key={label} className="flex min-w-0 gap-1.5">
          <dt className="text-slate-500">{label}</dt>
          <dd className="min-w-0 font-mono font-medium break-all text-slate-800">{value}</dd>
        </div>
      ))}
    </dl>
  )
}

/** A failed call's error, led by its name when it has one (ToolBlocked, ToolDenied…) that the message does not already start with. */
function CallError(props: { name?: string; message: string }) {
  const named = props.name && !props.message.startsWith(props.name)
  return (
    <p className="mt-2 font-mono text-sm whitespace-pre-wrap text-red-700 wrap-anywhere">
      {named ? <span className="font-semibold">{props.name}: </span> : null}
      {props.message}
    </p>
  )
}

function compactJson(value: unknown) {
  const text = JSON.stringify(value) ?? 'undefined'
  return text.length > 120 ? `${text.slice(0, 120)}…` : text
}
