// One execution: who ran it and when, the code, its result or error, the logs and
// every tool call in order. A running one shows how long it has run and can be cancelled; the
// page refreshes until it ends. Another member's run answers 404 like a missing one, so ids of
// other people's runs are not confirmed.
import { Link, createFileRoute } from '@tanstack/react-router'
import { Card } from '../../components/card'
import { CodeBlock } from '../../components/code-block'
import { CopyButton } from '../../components/copy-button'
import { LocalTime } from '../../components/local-time'
import { getExecutionFn } from '../../functions/executions.functions'
import { Badge } from '../../components/badge'
import {
  type ExecutionView,
  LogList,
  SectionNote,
  StatusBadge,
  ToolCallList,
  actorName,
  formatDuration,
  sourceNames,
  thrownAtLine,
} from './-executions/outcome'
import { OutcomeCard } from './-executions/outcome-card'
import { formatElapsed, useElapsedMs, useRefreshWhile } from './-executions/running-outcome'
import { Fact } from '../../components/fact'
import { ExecutionNotFound } from './-executions/execution-not-found'

export const Route = createFileRoute('/_app/executions/$id')({
  loader: ({ params }) => getExecutionFn({ data: { id: params.id } }),
  head: () => ({ meta: [{ title: 'Execution · Executor' }] }),
  component: ExecutionPage,
  notFoundComponent: ExecutionNotFound,
})

function ExecutionPage() {
  const execution = Route.useLoaderData()
  const running = execution.status === 'running'
  useRefreshWhile(running)
  return (
    <>
      <Header execution={execution} />
      <div className="space-y-6">
        {/* Outcome first: it is what a person opening a run (often a failed one) came for. */}
        <OutcomeCard execution={execution} />
        <Card
          title="Code"
          actions={
            // Keeps the button its own size where the card header stacks (phones).
            <div className="self-start sm:self-auto">
              <CopyButton value={execution.code} label="Copy code" />
            </div>
          }
        >
          <CodeBlock code={execution.code} language="javascript" lineNumbers label="Code" markedLine={thrownAtLine(execution.error)} />
        </Card>
        <Card title="Logs" description={execution.logs.length > 0 ? countOf(execution.logs.length, 'line', execution.logsTruncated) : undefined}>
          {running ? <SectionNote>Shown once the run ends.</SectionNote> : <LogList logs={execution.logs} truncated={execution.logsTruncated} />}
        </Card>
        <Card title="Tool calls" description={execution.toolCalls.length > 0 ? `${countOf(execution.toolCalls.length, 'call')}, in the order they were made` : undefined}>
          {running ? (
            <SectionNote>Shown once the run ends.</SectionNote>
          ) : execution.status === 'paused' && execution.toolCalls.length === 0 ? (
            <p className="text-sm text-slate-500">No calls were made before the one waiting for approval.</p>
          ) : (
            <ToolCallList calls={execution.toolCalls} />
          )}
        </Card>
      </div>
    </>
  )
}

function Header(props: { execution: ExecutionView }) {
  const { execution } = props
  return (
    <div className="mb-8">
      <BackLink />
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Execution</h1>
        <StatusBadge status={execution.status} />
        {execution.autoApprove ? (
          <span title="Calls that needed approval were approved without asking anyone (run with autoApprove)">
            <Badge tone="indigo">auto-approve</Badge>
          </span>
        ) : null}
      </div>
      <p className="mt-1 font-mono text-sm break-all text-slate-500">{execution.id}</p>
      <dl className="mt-5 grid grid-cols-2 gap-x-6 gap-y-4 rounded-xl border border-slate-200 bg-white px-5 py-4 text-sm shadow-sm sm:grid-cols-3 sm:px-6 lg:grid-cols-5">
        <Fact valueClassName="font-medium tabular-nums" label="Started" className="col-span-2 sm:col-span-1">
          <LocalTime iso={execution.startedAt} withTime />
        </Fact>
        <Fact valueClassName="font-medium tabular-nums" label="Run by">
          <span className="block truncate" title={execution.actor.email}>
            {actorName(execution.actor)}
          </span>
        </Fact>
        <Fact valueClassName="font-medium tabular-nums" label="Duration">{execution.status === 'running' ? <Elapsed startedAt={execution.startedAt} /> : formatDuration(execution.durationMs)}</Fact>
        <Fact valueClassName="font-medium tabular-nums" label="Source">{sourceNames[execution.source]}</Fact>
        <Fact valueClassName="font-medium tabular-nums" label="Tool calls">{execution.status === 'running' ? '—' : execution.toolCallCount}</Fact>
      </dl>
    </div>
  )
}

function Elapsed(props: { startedAt: string }) {
  const elapsedMs = useElapsedMs(props.startedAt)
  return <span>{elapsedMs === null ? 'running' : `${formatElapsed(elapsedMs)} so far`}</span>
}

function BackLink() {
  return (
    <Link to="/executions" className="inline-flex items-center gap-1.5 text-sm font-medium text-slate-600 hover:text-slate-900">
      <span aria-hidden>←</span>
      Back to executions
    </Link>
  )
}


function countOf(count: number, noun: string, more = false) {
  const text = `${count} ${noun}${count === 1 ? '' : 's'}`
  return more ? `${text} (truncated)` : text
}
