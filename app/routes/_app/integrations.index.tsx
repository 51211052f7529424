// Integrations: APIs whose operations became tools. Everyone sees the list with each one's
// status and the connections they can use; admins add new ones. An import still running
// refreshes the list every second until it ends.
import { Link, createFileRoute } from '@tanstack/react-router'
import { Card, EmptyState } from '../../components/card'
import { buttonClass } from '../../components/button'
import { CardFacts, CardList, DataTable, Td } from '../../components/data-table'
import { IntegrationsIcon } from '../../components/icons'
import { PageHeader } from '../../components/page-header'
import { listIntegrationsFn } from '../../functions/integrations.functions'
import { canAdminister } from '../../lib/roles'
import { useRefreshWhile } from './-executions/running-outcome'
import { ImportFailure, ImportProgress, IntegrationStatusBadge } from './-integrations/integration-status'

type Listed = Awaited<ReturnType<typeof listIntegrationsFn>>[number]

export const Route = createFileRoute('/_app/integrations/')({
  loader: () => listIntegrationsFn(),
  head: () => ({ meta: [{ title: 'Integrations · Executor' }] }),
  component: IntegrationsPage,
})

function IntegrationsPage() {
  const integrations = Route.useLoaderData()
  const { session } = Route.useRouteContext()
  const admin = canAdminister(session.principal?.role)
  useRefreshWhile(integrations.some((i) => i.status === 'importing'))
  return (
    <>
      <PageHeader
        title="Integrations"
        description="APIs your agents can call. Each operation of an integration becomes a tool, called through a connection that holds the credential."
        actions={
          admin ? (
            <Link to="/integrations/new" className={buttonClass('primary', 'self-start sm:self-auto')}>
              Add integration
            </Link>
          ) : null
        }
      />
      <Card
        title="All integrations"
        description={integrations.length > 0 ? `${integrations.length} integration${integrations.length === 1 ? '' : 's'}` : undefined}
        flush
      >
        {integrations.length === 0 ? <NoIntegrations admin={admin} /> : <IntegrationList integrations={integrations} />}
      </Card>
    </>
  )
}

function NoIntegrations(props: { admin: boolean }) {
  return (
    <EmptyState icon={<IntegrationsIcon className="size-5" />} title="No integrations yet">
      <p>
        An integration is an API described by an OpenAPI (or Swagger) document. Executor turns each of its operations into a tool
        that agents call as <code className="font-mono whitespace-nowrap text-slate-800">tools.&lt;slug&gt;.&lt;operation&gt;()</code>, with a
        credential kept on the server.
      </p>
      {props.admin ? (
        <>
          <p className="mt-2">Add one from the URL of its description, or paste the document.</p>
          <Link to="/integrations/new" className={buttonClass('primary', 'mt-4')}>
            Add integration
          </Link>
        </>
      ) : (
        <p className="mt-2">Only owners and admins can add integrations: ask one to add the API you need.</p>
      )}
    </EmptyState>
  )
}

function IntegrationList(props: { integrations: Listed[] }) {
  return (
    <>
      <DataTable caption="Integrations" columns={['Name', 'Status', 'Tools', 'Your connections']}>
        {props.integrations.map((integration) => (
          <tr key={integration.id}>
            <Td>
              <NameAndSlug integration={integration} />
            </Td>
            <Td className="w-[40%]">
              <Status integration={integration} />
            </Td>
            <Td className="text-slate-700 tabular-nums">{integration.toolCount.toLocaleString('en-US')}</Td>
            <Td className="text-slate-700 tabular-nums">
              <Connections count={integration.usableConnections} />
            </Td>
          </tr>
        ))}
      </DataTable>
      <CardList label="Integrations">
        {props.integrations.map((integration) => (
          <li key={integration.id} className="px-5 py-4 sm:px-6">
            <NameAndSlug integration={integration} />
            <div className="mt-2">
              <Status integration={integration} />
            </div>
            <CardFacts
              facts={[
                ['Tools', integration.toolCount.toLocaleString('en-US')],
                ['Your connections', <Connections key="c" count={integration.usableConnections} />],
              ]}
            />
          </li>
        ))}
      </CardList>
    </>
  )
}

function NameAndSlug(props: { integration: Listed }) {
  const { integration } = props
  return (
    <div className="min-w-0">
      <Link
        to="/integrations/$id"
        params={{ id: integration.id }}
        className="font-medium break-words text-slate-900 hover:text-indigo-700 hover:underline"
      >
        {integration.name}
      </Link>
      <p className="font-mono text-xs break-all text-slate-500">{integration.slug}</p>
    </div>
  )
}

function Status(props: { integration: Listed }) {
  const { integration } = props
  if (integration.status === 'importing') {
    return (
      <div className="space-y-1.5">
        <IntegrationStatusBadge status="importing" />
        <ImportProgress integration={integration} compact />
      </div>
    )
  }
  if (integration.status === 'failed') {
    return (
      <div className="space-y-1">
        <IntegrationStatusBadge status="failed" />
        <ImportFailure message={integration.statusMessage} />
      </div>
    )
  }
  return <IntegrationStatusBadge status="ready" />
}

function Connections(props: { count: number }) {
  if (props.count === 0) return <span className="text-amber-700">None yet</span>
  return <span>{props.count}</span>
}
