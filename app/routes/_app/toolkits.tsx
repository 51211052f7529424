// Toolkits: named subsets of the tools, each with its own MCP URL. Everyone can read them and copy
// a URL; only admins and owners add, change or remove them, and the API refuses anyone else.
import { createFileRoute } from '@tanstack/react-router'
import { EmptyState } from '../../components/card'
import { PageHeader } from '../../components/page-header'
import { toolkitsFn } from '../../functions/toolkits.functions'
import { canAdminister } from '../../lib/roles'
import { ToolkitCard } from './-toolkits/toolkit-card'
import { ToolkitForm } from './-toolkits/toolkit-form'

export const Route = createFileRoute('/_app/toolkits')({
  loader: () => toolkitsFn(),
  head: () => ({ meta: [{ title: 'Toolkits · Executor' }] }),
  component: ToolkitsPage,
})

function ToolkitsPage() {
  const { toolkits, origin } = Route.useLoaderData()
  const { session } = Route.useRouteContext()
  const editable = canAdminister(session.principal?.role)
  return (
    <>
      <PageHeader
        title="Toolkits"
        description="A toolkit is a named set of tools with its own MCP URL: a client connected there finds and calls only those tools. Policies still apply to every call."
      />
      <div className="space-y-6">
        {toolkits.length === 0 ? (
          <EmptyState title="No toolkits yet">
            {editable ? 'Add one below: give it a slug and the patterns of the tools it holds.' : 'An admin adds toolkits here.'}
          </EmptyState>
        ) : (
          <ul className="space-y-4" aria-label="Toolkits">
            {toolkits.map((toolkit) => (
              <li key={toolkit.id}>
                <ToolkitCard toolkit={toolkit} origin={origin} editable={editable} />
              </li>
            ))}
          </ul>
        )}
        {editable ? <ToolkitForm /> : null}
      </div>
    </>
  )
}
