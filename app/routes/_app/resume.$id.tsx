// A paused execution's approval page, the link an agent hands its person: who ran what, the call
// it waits on with its arguments and why a policy asks, and Approve / Deny. The decision runs
// the program on and the page shows how it ended. Someone who may not decide (the
// different-approver setting) sees the call and why; a link opened after the fact says what became of the run.
import { Link, createFileRoute, useRouter } from '@tanstack/react-router'
import { useState } from 'react'
import { Card } from '../../components/card'
import { CodeBlock } from '../../components/code-block'
import { Fact } from '../../components/fact'
import { LocalTime } from '../../components/local-time'
import { refreshPendingApprovals } from '../../components/pending-approvals'
import { decideExecutionFn, getApprovalFn } from '../../functions/approvals.functions'
import { type ExecutionView, SectionNote, StatusBadge, actorName, sourceNames } from './-executions/outcome'
import { OutcomeCard } from './-executions/outcome-card'
import { PendingCall } from './-executions/pending-call'
import { type Choice, DecisionButtons } from './-resume/decision-buttons'
import { NoLongerWaiting } from './-resume/no-longer-waiting'
import { ExecutionNotFound } from './-executions/execution-not-found'

export const Route = createFileRoute('/_app/resume/$id')({
  loader: ({ params }) => getApprovalFn({ data: { id: params.id } }),
  head: () => ({ meta: [{ title: 'Approval · Executor' }] }),
  component: ResumePage,
  notFoundComponent: ExecutionNotFound,
})

type Decided = { choice: Choice; path: string; execution: ExecutionView }

function ResumePage() {
  const loaded = Route.useLoaderData()
  const router = useRouter()
  const [decided, setDecided] = useState<Decided | null>(null)
  const [busy, setBusy] = useState<Choice | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  // After a decision the page shows the run as the decision left it (finished, or paused on a later call).
  const execution = decided?.execution ?? loaded.execution

  async function decide(choice: Choice) {
    const path = execution.pending?.path ?? ''
    setBusy(choice)
    setProblem(null)
    try {
      const answer = await decideExecutionFn({ data: { id: execution.id, approve: choice === 'approve' } })
      if (answer.execution) setDecided({ choice, path, execution: answer.execution })
      else setProblem(answer.refused)
      // Refused: the page reloads to show the run as it now stands (decided elsewhere, expired).
      await router.invalidate()
    } catch {
      setProblem('The decision could not be sent; check your connection and try again.')
    } finally {
      setBusy(null)
      refreshPendingApprovals()
    }
  }

  return (
    <>
      <Header execution={execution} />
      <div className="space-y-6">
        {problem ? (
          <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
            {problem}
          </p>
        ) : null}
        {decided ? <DecidedNote decided={decided} /> : null}
        {execution.status === 'paused' && execution.pending ? (
          <Card title="Pending call" description="The program stopped before making this call.">
            <div className="space-y-5">
              <PendingCall pending={execution.pending} />
              {loaded.refusal ? (
                <SectionNote tone="amber">{loaded.refusal}.</SectionNote>
              ) : (
                <DecisionButtons path={execution.pending.path} busy={busy} onDecide={(choice) => void decide(choice)} />
              )}
            </div>
          </Card>
        ) : decided ? (
          <OutcomeCard execution={execution} title={execution.status === 'completed' ? 'Result' : undefined} />
        ) : (
          <NoLongerWaiting execution={execution} />
        )}
        <details className="group rounded-xl border border-slate-200 bg-white shadow-sm">
          <summary className="flex cursor-pointer items-center gap-2 px-5 py-4 text-base font-semibold text-slate-900 sm:px-6 [&::-webkit-details-marker]:hidden">
            <span aria-hidden className="text-slate-400 transition-transform group-open:rotate-90">
              ▸
            </span>
            The program
            <span className="text-sm font-normal text-slate-500">({lineCount(execution.code)})</span>
          </summary>
          <div className="border-t border-slate-200 px-5 py-5 sm:px-6">
            <CodeBlock code={execution.code} language="javascript" lineNumbers label="The program" />
          </div>
        </details>
      </div>
    </>
  )
}

function lineCount(code: string) {
  const lines = code.split('\n').length
  return `${lines} line${lines === 1 ? '' : 's'}`
}

function DecidedNote(props: { decided: Decided }) {
  const { decided } = props
  const verb = decided.choice === 'approve' ? 'approved' : 'denied'
  const after = decided.execution.status === 'paused' ? 'The program went on and now waits on another call.' : 'The program went on; this is how it ended.'
  return (
    <div
      role="status"
      className={`flex flex-col gap-3 rounded-lg border px-4 py-3 text-sm sm:flex-row sm:items-center sm:justify-between ${decided.choice === 'approve' ? 'border-emerald-200 bg-emerald-50' : 'border-red-200 bg-red-50'}`}
    >
      <p className="text-slate-800">
        You {verb} <code className="font-mono font-medium break-all text-slate-900">tools.{decided.path}</code>. {after}
      </p>
      <Link
        to="/executions/$id"
        params={{ id: decided.execution.id }}
        className="shrink-0 font-medium text-indigo-600 hover:text-indigo-500"
      >
        Open the execution →
      </Link>
    </div>
  )
}

function Header(props: { execution: ExecutionView }) {
  const { execution } = props
  return (
    <div className="mb-8">
      <Link to="/executions" search={{ status: 'paused' }} className="inline-flex items-center gap-1.5 text-sm font-medium text-slate-600 hover:text-slate-900">
        <span aria-hidden>←</span>
        Waiting for approval
      </Link>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Approval request</h1>
        <StatusBadge status={execution.status} />
      </div>
      <p className="mt-1 font-mono text-sm break-all text-slate-500">
        <Link to="/executions/$id" params={{ id: execution.id }} className="hover:text-slate-800 hover:underline">
          {execution.id}
        </Link>
      </p>
      <dl className="mt-5 grid grid-cols-2 gap-x-6 gap-y-4 rounded-xl border border-slate-200 bg-white px-5 py-4 text-sm shadow-sm sm:grid-cols-3 sm:px-6">
        <Fact valueClassName="font-medium" label="Run by" className="col-span-2 sm:col-span-1">
          <span className="block truncate" title={execution.actor.email}>
            {actorName(execution.actor)}
          </span>
          {execution.actor.name && execution.actor.email ? <span className="block truncate text-xs text-slate-500">{execution.actor.email}</span> : null}
        </Fact>
        <Fact valueClassName="font-medium tabular-nums" label="Started">
          <LocalTime iso={execution.startedAt} withTime />
        </Fact>
        <Fact valueClassName="font-medium" label="Source">
          {sourceNames[execution.source]}
        </Fact>
      </dl>
    </div>
  )
}

