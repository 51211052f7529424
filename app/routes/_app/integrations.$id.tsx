// One integration: its status (a progress bar while it imports, refreshed every second), where
// it came from and where calls go, the connections the viewer can use, and its tools.
import { createFileRoute } from '@tanstack/react-router'
import { IntegrationsIcon } from '../../components/icons'
import { LocalTime } from '../../components/local-time'
import { StatusPage } from '../../components/status-page'
import { getIntegrationPageFn } from '../../functions/integrations.functions'
import { formatBytes } from '../../lib/format-bytes'
import { canAdminister } from '../../lib/roles'
import { useRefreshWhile } from './-executions/running-outcome'
import { BackToIntegrations } from './-integrations/back-link'
import { ConnectionsCard } from './-integrations/connections-card'
import { BaseUrlFact, ManageCard } from './-integrations/integration-admin'
import { ImportFailure, ImportProgress, IntegrationStatusBadge, type IntegrationView } from './-integrations/integration-status'
import { ToolsCard } from './-integrations/tools-card'
import { Fact } from '../../components/fact'
import { plainText } from '../../lib/plain-text'

export const Route = createFileRoute('/_app/integrations/$id')({
  loader: ({ params }) => getIntegrationPageFn({ data: { id: params.id } }),
  head: ({ loaderData }) => ({ meta: [{ title: `${loaderData?.integration.name ?? 'Integration'} · Executor` }] }),
  component: IntegrationPage,
  notFoundComponent: IntegrationNotFound,
})

function IntegrationPage() {
  const { integration, connections, tools } = Route.useLoaderData()
  const { session } = Route.useRouteContext()
  const admin = canAdminister(session.principal?.role)
  useRefreshWhile(integration.status === 'importing')
  return (
    <>
      <Header integration={integration} admin={admin} />
      <div className="space-y-6">
        <ConnectionsCard integration={integration} connections={connections} admin={admin} />
        <ToolsCard
          // A refresh replaces the tools: start over from its first page.
          key={integration.refreshedAt ?? 'never'}
          integration={integration}
          firstPage={tools}
          connectionAddresses={connections.map((c) => c.address)}
        />
        {admin ? <ManageCard integration={integration} /> : null}
      </div>
    </>
  )
}

function Header(props: { integration: IntegrationView; admin: boolean }) {
  const { integration } = props
  const description = integration.description || integration.details?.description || ''
  return (
    <div className="mb-8">
      <BackToIntegrations />
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <h1 className="min-w-0 text-2xl font-semibold tracking-tight break-words text-slate-900">{integration.name}</h1>
        <IntegrationStatusBadge status={integration.status} />
      </div>
      <p className="mt-1 font-mono text-sm break-all text-slate-500">tools.{integration.slug}</p>
      {description ? <p className="mt-2 line-clamp-4 max-w-3xl text-sm break-words whitespace-pre-line text-slate-600">{plainText(description)}</p> : null}
      {integration.status === 'importing' ? (
        <div className="mt-4 rounded-lg border border-amber-200 bg-amber-50/60 px-4 py-3">
          <ImportProgress integration={integration} />
        </div>
      ) : null}
      {integration.status === 'failed' ? (
        <div role="alert" className="mt-4 rounded-lg border border-red-200 bg-red-50 px-4 py-3">
          <p className="text-sm font-medium text-red-900">The import failed</p>
          <ImportFailure message={integration.statusMessage} />
        </div>
      ) : null}
      <dl className="mt-5 grid gap-x-6 gap-y-4 rounded-xl border border-slate-200 bg-white px-5 py-4 text-sm shadow-sm sm:grid-cols-2 sm:px-6">
        <Fact label="Source">
          {integration.sourceUrl ? (
            <span className="font-mono break-all">{integration.sourceUrl}</span>
          ) : (
            <span>Pasted document</span>
          )}
          <SourceDownload integration={integration} />
        </Fact>
        <Fact label="Base URL">
          <BaseUrlFact integration={integration} admin={props.admin} />
        </Fact>
        <Fact label="Version">{integration.details?.version || '—'}</Fact>
        <Fact label="Last imported">{integration.refreshedAt ? <LocalTime iso={integration.refreshedAt} withTime /> : 'Not yet'}</Fact>
        {integration.details && integration.details.warningCount > 0 ? (
          <Fact label="Warnings" className="sm:col-span-2">
            <details>
              <summary className="cursor-pointer text-amber-800">
                {integration.details.warningCount} part{integration.details.warningCount === 1 ? '' : 's'} of the description were skipped
              </summary>
              <ul className="mt-2 list-disc space-y-1 pl-5 text-xs font-normal break-words text-slate-700">
                {integration.details.warnings.map((warning, index) => (
                  <li key={index}>{warning}</li>
                ))}
              </ul>
            </details>
          </Fact>
        ) : null}
      </dl>
    </div>
  )
}

/** The document the last import read, kept on the server: its size and a link to download it. */
function SourceDownload(props: { integration: IntegrationView }) {
  const source = props.integration.details?.source
  if (!source) return null
  return (
    <span className="mt-1 flex flex-wrap items-baseline gap-x-2 text-xs">
      <a
        href={`/api/integrations/${encodeURIComponent(props.integration.id)}/source`}
        download={source.fileName}
        className="font-medium text-indigo-700 hover:text-indigo-900 hover:underline"
      >
        Download source
      </a>
      <span className="min-w-0 break-all text-slate-500">
        {formatBytes(source.size)} · {source.fileName}
      </span>
    </span>
  )
}

function IntegrationNotFound() {
  return (
    <StatusPage status="404" title="Integration not found" icon={<IntegrationsIcon className="size-5" />} back={{ to: '/integrations', label: 'Back to integrations' }}>
      No integration with this id or slug. It may have been removed.
    </StatusPage>
  )
}
