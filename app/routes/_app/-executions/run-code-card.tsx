// Running code from the console (issue 4, part 5): the same POST /api/executions that scripts
// use. The run finishes before the response, so its outcome is shown right here; history below
// gets the new entry through `onRan`.
import { Link } from '@tanstack/react-router'
import { type FormEvent, type ReactNode, useState } from 'react'
import { Button, buttonClass } from '../../../components/button'
import { Card } from '../../../components/card'
import { FormAlert } from '../../../components/form-field'
import { refreshPendingApprovals } from '../../../components/pending-approvals'
import { api, errorMessage } from '../../../lib/api-client'
import { useAction } from '../../../lib/use-action'
import { useHydrated } from '../../../lib/use-hydrated'
import { CodeEditor } from './code-editor'
import { ErrorPanel, type ExecutionView, LogList, ResultView, StatusBadge, formatDuration } from './outcome'
import { PendingCall } from './pending-call'

// `found`, not `tools`: the SDK object is itself called `tools`.
const STARTER = `const found = await tools.executor.search({ query: 'echo' })
console.log('found', found.length, 'tools')
return await tools.executor.echo({ hello: 'world' })
`

export function RunCodeCard(props: { onRan: (execution: ExecutionView) => void }) {
  const [code, setCode] = useState(STARTER)
  const [codeError, setCodeError] = useState<string>()
  const [last, setLast] = useState<ExecutionView | null>(null)
  // Before hydration a click would submit the form to the page itself and reload it.
  const hydrated = useHydrated()
  const run = useAction(async (source: string) => {
    const execution = await api<ExecutionView>('/api/executions', { body: { code: source } })
    setLast(execution)
    props.onRan(execution)
    if (execution.status === 'paused') refreshPendingApprovals()
  })

  function start() {
    if (run.pending) return
    if (code.trim() === '') {
      setCodeError('Write some code to run first')
      return
    }
    setCodeError(undefined)
    void run.run(code)
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    start()
  }

  return (
    <Card title="Run code" description="Runs in a fresh sandbox as you, with your access to tools, and is kept in the history below.">
      <form noValidate onSubmit={onSubmit} className="space-y-3">
        <CodeEditor
          label="Code"
          name="code"
          value={code}
          onChange={setCode}
          onRun={start}
          error={codeError}
          hint={
            <>
              The body of an async function: <code className="font-mono text-slate-700">return</code> gives the result,{' '}
              <code className="font-mono text-slate-700">console.log</code> lines are kept, and{' '}
              <code className="font-mono whitespace-nowrap text-slate-700">tools.&lt;path&gt;(args)</code> calls a tool. Tab indents; press Esc, then Tab, to leave the field.
            </>
          }
        />
        <div className="flex flex-wrap items-center justify-end gap-x-4 gap-y-2">
          <span className="hidden text-xs text-slate-500 sm:inline">
            <Kbd>Ctrl</Kbd> + <Kbd>Enter</Kbd> or <Kbd>⌘</Kbd> + <Kbd>Enter</Kbd>
          </span>
          <Button type="submit" disabled={!hydrated} pending={run.pending} pendingLabel="Running…" className="max-sm:w-full">
            <PlayGlyph />
            Run
          </Button>
        </div>
      </form>
      {run.error ? (
        <div className="mt-4">
          <FormAlert>{errorMessage(run.error)}</FormAlert>
        </div>
      ) : null}
      {/* Always in the page, so screen readers announce each change without focus moving. */}
      <p role="status" className="sr-only">
        {run.pending
          ? 'Running…'
          : last?.status === 'paused'
            ? 'Waiting for approval'
            : last
              ? `${last.status === 'failed' ? 'Failed after' : 'Finished in'} ${formatDuration(last.durationMs)}`
              : ''}
      </p>
      {last ? <InlineOutcome execution={last} stale={run.pending} /> : null}
    </Card>
  )
}

function InlineOutcome(props: { execution: ExecutionView; stale: boolean }) {
  const { execution } = props
  return (
    <section aria-label="Last run" className={`mt-5 space-y-4 border-t border-slate-200 pt-5 transition-opacity ${props.stale ? 'opacity-50' : ''}`}>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <StatusBadge status={execution.status} />
        <span className="text-sm text-slate-600">
          {formatDuration(execution.durationMs)} · {execution.toolCallCount} tool call{execution.toolCallCount === 1 ? '' : 's'}
        </span>
        <Link
          to="/executions/$id"
          params={{ id: execution.id }}
          className="ml-auto text-sm font-medium text-indigo-600 hover:text-indigo-500"
        >
          Open in history <span aria-hidden>→</span>
        </Link>
      </div>
      {execution.status === 'paused' && execution.pending ? (
        <Outcome title="Waiting for approval">
          <div className="space-y-4 rounded-lg border border-amber-200 bg-amber-50/40 p-4">
            <PendingCall pending={execution.pending} />
            <Link to="/resume/$id" params={{ id: execution.id }} className={buttonClass('primary')}>
              Review and decide
            </Link>
          </div>
        </Outcome>
      ) : execution.status === 'failed' ? (
        <Outcome title="Error">
          <ErrorPanel error={execution.error} fallbackMessage={execution.errorMessage} />
        </Outcome>
      ) : (
        <Outcome title="Result">
          <ResultView result={execution.result} truncated={execution.resultTruncated} />
        </Outcome>
      )}
      {execution.logs.length > 0 || execution.logsTruncated ? (
        <Outcome title="Logs">
          <LogList logs={execution.logs} truncated={execution.logsTruncated} />
        </Outcome>
      ) : null}
    </section>
  )
}

function Outcome(props: { title: string; children: ReactNode }) {
  return (
    <div>
      <h3 className="mb-2 text-xs font-medium tracking-wide text-slate-500 uppercase">{props.title}</h3>
      {props.children}
    </div>
  )
}

function Kbd(props: { children: string }) {
  return <kbd className="rounded border border-slate-300 bg-white px-1.5 py-0.5 font-sans text-[11px] font-medium text-slate-600">{props.children}</kbd>
}

function PlayGlyph() {
  return (
    <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className="size-4">
      <path d="M6.3 2.84A1.5 1.5 0 0 0 4 4.11v11.78a1.5 1.5 0 0 0 2.3 1.27l9.34-5.89a1.5 1.5 0 0 0 0-2.54L6.3 2.84Z" />
    </svg>
  )
}
