// Execution history (who, when, outcome, duration), newest first, one page at a time.
// Each row opens the run's detail page; the whole row is the link's hit area.
import { Link } from '@tanstack/react-router'
import type { ReactNode } from 'react'
import { Button } from '../../../components/button'
import { Card, EmptyState } from '../../../components/card'
import { CardList, DataTable, Td } from '../../../components/data-table'
import { FormAlert } from '../../../components/form-field'
import { ExecutionsIcon } from '../../../components/icons'
import { LocalTime } from '../../../components/local-time'
import { listExecutionsFn } from '../../../functions/executions.functions'
import { errorMessage } from '../../../lib/api-client'
import { useAction } from '../../../lib/use-action'
import type { HistoryFilter } from '~/server/executions/history-filter.schema'
import { type FilterChoices, HistoryFilters } from './history-filters'
import type { HistoryState } from './history-rows'
import { type ExecutionSummary, StatusBadge, actorName, firstLine, formatDuration, sourceNames } from './outcome'

export function HistoryCard(props: { history: HistoryState; everyone: boolean; filter: HistoryFilter; choices: FilterChoices }) {
  const { rows, nextBefore, addOlder, filtered } = props.history
  const loadOlder = useAction(async () => {
    if (!nextBefore) return
    addOlder(await listExecutionsFn({ data: { ...props.filter, before: nextBefore } }))
  })

  return (
    <Card
      title="History"
      description={
        props.everyone
          ? 'Every run in this Executor, newest first: from MCP clients, the API and this page.'
          : 'Your runs, newest first: from MCP clients, the API and this page.'
      }
      flush
    >
      <HistoryFilters filter={props.filter} choices={props.choices} />
      {rows.length === 0 && filtered ? (
        <EmptyState icon={<ExecutionsIcon className="size-5" />} title="No matching executions">
          <p>No run matches these filters. Change them, or clear them to see every run.</p>
        </EmptyState>
      ) : rows.length === 0 ? (
        <EmptyState icon={<ExecutionsIcon className="size-5" />} title="No executions yet">
          <p>
            Run code above, or connect an MCP client and let an agent call <code className="font-mono text-slate-800">execute</code>. Every run is recorded here with
            its code, logs, tool calls and result.
          </p>
        </EmptyState>
      ) : (
        <>
          <DataTable caption="Execution history" columns={['Outcome', 'Started', 'Run by', 'Source', 'Duration', 'Tool calls', '']}>
            {rows.map((execution) => (
              <tr key={execution.id} className="relative hover:bg-slate-50">
                <Td>
                  <span className="flex min-w-0 items-center gap-2">
                    <StatusBadge status={execution.status} />
                    <ErrorLine execution={execution} className="max-w-[13rem] truncate" />
                  </span>
                </Td>
                <Td className="whitespace-nowrap text-slate-700">
                  <LocalTime iso={execution.startedAt} withSeconds />
                </Td>
                <Td className="text-slate-700">
                  <span title={execution.actor.email} className="block max-w-[10rem] truncate whitespace-nowrap">
                    {actorName(execution.actor)}
                  </span>
                </Td>
                <Td className="text-slate-600">{sourceNames[execution.source]}</Td>
                <Td className="whitespace-nowrap text-slate-600 tabular-nums">{formatDuration(execution.durationMs)}</Td>
                <Td className="text-slate-600 tabular-nums">{execution.toolCallCount}</Td>
                <Td className="text-right">
                  <ViewLink execution={execution}>View</ViewLink>
                </Td>
              </tr>
            ))}
          </DataTable>
          <CardList label="Execution history">
            {rows.map((execution) => (
              <li key={execution.id} className="relative px-5 py-4 hover:bg-slate-50 sm:px-6">
                <div className="flex items-center justify-between gap-3">
                  <StatusBadge status={execution.status} />
                  <ViewLink execution={execution} plain>
                    <LocalTime iso={execution.startedAt} withSeconds />
                  </ViewLink>
                </div>
                <ErrorLine execution={execution} className="mt-2 line-clamp-2 break-words" />
                <p className="mt-1.5 text-sm text-slate-600">
                  {[
                    actorName(execution.actor),
                    sourceNames[execution.source],
                    formatDuration(execution.durationMs),
                    `${execution.toolCallCount} tool call${execution.toolCallCount === 1 ? '' : 's'}`,
                  ].join(' · ')}
                </p>
              </li>
            ))}
          </CardList>
          {nextBefore || loadOlder.error ? (
            <div className="space-y-3 border-t border-slate-200 px-5 py-4 text-center sm:px-6">
              {loadOlder.error ? <FormAlert>{errorMessage(loadOlder.error)}</FormAlert> : null}
              {nextBefore ? (
                <Button variant="secondary" pending={loadOlder.pending} pendingLabel="Loading…" onClick={() => void loadOlder.run()}>
                  Load older
                </Button>
              ) : null}
            </div>
          ) : null}
        </>
      )}
    </Card>
  )
}

// The link text names the run ("View run from <time>") for screen readers; its ::after covers
// the row or card, so a click anywhere on it opens the run.
function ViewLink(props: { execution: ExecutionSummary; plain?: boolean; children: ReactNode }) {
  return (
    <Link
      to="/executions/$id"
      params={{ id: props.execution.id }}
      className={`after:absolute after:inset-0 ${props.plain ? 'text-sm font-medium text-slate-900' : 'text-sm font-medium text-indigo-600 hover:text-indigo-500'}`}
    >
      {props.plain ? <span className="sr-only">View run from </span> : null}
      {props.children}
      {props.plain ? null : (
        <span className="sr-only">
          {' '}
          run from <LocalTime iso={props.execution.startedAt} withSeconds />
        </span>
      )}
    </Link>
  )
}

function ErrorLine(props: { execution: ExecutionSummary; className?: string }) {
  if (props.execution.status !== 'failed' || !props.execution.errorMessage) return null
  const line = firstLine(props.execution.errorMessage)
  return (
    <span className={`block min-w-0 font-mono text-xs text-red-700 ${props.className ?? ''}`}>
      {line}
    </span>
  )
}
