// Executions: run code from the console and browse the history of every run,
// whoever started it. Members see their own runs; owners and admins see everyone's (the server
// decides; the page only words its description to match).
import { createFileRoute } from '@tanstack/react-router'
import { PageHeader } from '../../components/page-header'
import { listExecutionsFn } from '../../functions/executions.functions'
import { canAdminister } from '../../lib/roles'
import { HistoryCard } from './-executions/history-card'
import { useHistoryRows } from './-executions/history-rows'
import type { ExecutionSummary, ExecutionView } from './-executions/outcome'
import { RunCodeCard } from './-executions/run-code-card'

export const Route = createFileRoute('/_app/executions/')({
  loader: () => listExecutionsFn({ data: {} }),
  head: () => ({ meta: [{ title: 'Executions · Executor' }] }),
  component: ExecutionsPage,
})

function ExecutionsPage() {
  const firstPage = Route.useLoaderData()
  const { session } = Route.useRouteContext()
  // Runs started here join the top of the history at once; others arrive with its refreshes.
  const history = useHistoryRows(firstPage, session.principal?.userId ?? '')
  const onRan = (execution: ExecutionView) => history.addRun(summarize(execution))
  return (
    <>
      <PageHeader
        title="Executions"
        description="Every program an agent, a script or you ran in the sandbox: the code, its logs, each tool call and the result."
      />
      <div className="space-y-6">
        <RunCodeCard onRan={onRan} />
        <HistoryCard history={history} everyone={canAdminister(session.principal?.role)} />
      </div>
    </>
  )
}

function summarize(execution: ExecutionView): ExecutionSummary {
  const { id, status, source, actor, startedAt, durationMs, toolCallCount, errorMessage } = execution
  return { id, status, source, actor, startedAt, durationMs, toolCallCount, errorMessage }
}
