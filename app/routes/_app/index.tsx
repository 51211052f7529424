import { Link, createFileRoute } from '@tanstack/react-router'
import { CopyButton } from '../../components/copy-button'
import { PageHeader } from '../../components/page-header'
import { getOverviewFn } from '../../functions/shell.functions'

export const Route = createFileRoute('/_app/')({
  loader: () => getOverviewFn(),
  head: () => ({ meta: [{ title: 'Overview · Executor' }] }),
  component: OverviewPage,
})

function OverviewPage() {
  const overview = Route.useLoaderData()
  const healthy = overview.health.status === 'ok'
  return (
    <>
      <PageHeader
        title="Overview"
        description="Executor lets AI agents call your APIs through one MCP endpoint, with credentials kept on the server and every call checked and recorded."
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <section aria-labelledby="endpoint-heading" className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm lg:col-span-2">
          <h2 id="endpoint-heading" className="text-sm font-semibold text-slate-900">MCP endpoint</h2>
          <p className="mt-1 text-sm text-slate-600">
            Point any MCP client that speaks streamable HTTP at this URL;{' '}
            <Link to="/connect" className="font-medium text-indigo-700 hover:text-indigo-900">
              Connect a client
            </Link>{' '}
            has the configuration for Claude Code, Cursor, Codex and VS Code.
          </p>
          <div className="mt-4 flex items-center gap-2">
            <code className="min-w-0 flex-1 truncate rounded-md bg-slate-100 px-3 py-2 font-mono text-sm text-slate-800">
              {overview.mcpUrl}
            </code>
            <CopyButton value={overview.mcpUrl} />
          </div>
        </section>
        <section aria-labelledby="status-heading" className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
          <h2 id="status-heading" className="text-sm font-semibold text-slate-900">Status</h2>
          <dl className="mt-4 space-y-3 text-sm">
            <div className="flex items-center justify-between gap-4">
              <dt className="text-slate-600">Database</dt>
              <dd className="flex items-center gap-2 font-medium">
                <span aria-hidden className={`size-2 rounded-full ${healthy ? 'bg-emerald-500' : 'bg-amber-500'}`} />
                {healthy ? 'Healthy' : 'Degraded'}
              </dd>
            </div>
            <div className="flex items-center justify-between gap-4">
              <dt className="text-slate-600">Organization</dt>
              <dd className="truncate font-medium">{overview.orgName}</dd>
            </div>
            <div className="flex items-center justify-between gap-4">
              <dt className="text-slate-600">Runtime</dt>
              <dd className="font-medium">{overview.target === 'bun' ? 'Container (Bun)' : 'Cloudflare Worker'}</dd>
            </div>
            <div className="flex items-center justify-between gap-4">
              <dt className="text-slate-600">Source documents</dt>
              <dd className="font-medium">{overview.blobStore === 'r2' ? 'R2 bucket' : overview.target === 'bun' ? 'Database' : 'D1 (no R2 bucket)'}</dd>
            </div>
          </dl>
        </section>
      </div>
      <section aria-labelledby="steps-heading" className="mt-6 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        <h2 id="steps-heading" className="text-sm font-semibold text-slate-900">How it works</h2>
        <ol className="mt-4 grid gap-4 sm:grid-cols-3">
          {steps.map((step, index) => (
            <li key={step.title} className="rounded-lg bg-slate-50 p-4">
              <span className="text-xs font-semibold text-indigo-600">Step {index + 1}</span>
              <h3 className="mt-1 font-medium text-slate-900">{step.title}</h3>
              <p className="mt-1 text-sm text-slate-600">{step.text}</p>
            </li>
          ))}
        </ol>
      </section>
    </>
  )
}

const steps = [
  { title: 'Register APIs', text: 'Add OpenAPI, GraphQL or remote MCP integrations and store their credentials once, encrypted.' },
  { title: 'Connect an agent', text: 'Claude Code, Cursor, Codex or any MCP client connects to the endpoint above.' },
  { title: 'Run code, safely', text: 'Agents write short programs against a typed tools SDK; policies decide what may run.' },
]
