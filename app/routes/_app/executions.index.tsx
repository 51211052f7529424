// Executions: run code from the console and browse the history of every run,
// whoever started it. Members see their own runs; owners and admins see everyone's (the server
// decides; the page only words its description to match).
import { createFileRoute } from '@tanstack/react-router'
import { filterFromSearch } from '~/server/executions/history-filter.schema'
import { PageHeader } from '../../components/page-header'
import { listExecutionsFn } from '../../functions/executions.functions'
import { listIntegrationsFn } from '../../functions/integrations.functions'
import { listMembersFn } from '../../functions/members.functions'
import { canAdminister } from '../../lib/roles'
import { HistoryCard } from './-executions/history-card'
import type { FilterChoices } from './-executions/history-filters'
import { useHistoryRows } from './-executions/history-rows'
import type { ExecutionSummary, ExecutionView } from './-executions/outcome'
import { RunCodeCard } from './-executions/run-code-card'

export const Route = createFileRoute('/_app/executions/')({
  // The filters live in the URL: a reload or a shared link shows the same history.
  validateSearch: filterFromSearch,
  // Routes above this one hand their search through as is: only the filters are this page's.
  loaderDeps: ({ search }) => filterFromSearch(search),
  loader: async ({ deps, context }) => {
    const everyone = canAdminister(context.session.principal?.role)
    const [firstPage, integrations, people] = await Promise.all([
      listExecutionsFn({ data: deps }),
      listIntegrationsFn(),
      everyone ? listMembersFn().catch(() => []) : null,
    ])
    const choices: FilterChoices = {
      integrations: integrations.map((integration) => integration.slug),
      people: people?.map((person) => ({ id: person.userId, label: person.name || person.email })) ?? null,
    }
    return { firstPage, choices, filter: deps }
  },
  head: () => ({ meta: [{ title: 'Executions · Executor' }] }),
  component: ExecutionsPage,
})

function ExecutionsPage() {
  // The filters the loaded page was made with: the URL's, once their page has arrived.
  const { firstPage, choices, filter } = Route.useLoaderData()
  const { session } = Route.useRouteContext()
  // Runs started here join the top of the history at once; others arrive with its refreshes.
  const history = useHistoryRows(firstPage, session.principal?.userId ?? '', filter)
  const onRan = (execution: ExecutionView) => history.addRun(summarize(execution))
  return (
    <>
      <PageHeader
        title="Executions"
        description="Every program an agent, a script or you ran in the sandbox: the code, its logs, each tool call and the result."
      />
      <div className="space-y-6">
        <RunCodeCard onRan={onRan} />
        <HistoryCard history={history} everyone={canAdminister(session.principal?.role)} filter={filter} choices={choices} />
      </div>
    </>
  )
}

function summarize(execution: ExecutionView): ExecutionSummary {
  const { id, status, source, actor, startedAt, durationMs, toolCallCount, errorMessage } = execution
  return { id, status, source, actor, startedAt, durationMs, toolCallCount, errorMessage }
}
