// The consent page of Executor's MCP authorization server: an MCP client sent the person here
// (through /login when signed out). It names the client, where the answer goes and who is
// signed in; Allow or Deny sends the browser back to the client.
import { createFileRoute, useLocation } from '@tanstack/react-router'
import type { ReactNode } from 'react'
import { Button } from '../../components/button'
import { FormAlert } from '../../components/form-field'
import { loadConsentFn } from '../../functions/mcp-oauth.functions'
import { api, errorMessage } from '../../lib/api-client'
import { useAction } from '../../lib/use-action'
import { accountsOnlyPage } from '../../lib/session-rules'

export const Route = createFileRoute('/_app/mcp-consent')({
  // Behind Cloudflare Access, Access signs MCP clients in: there is no authorization server here.
  beforeLoad: accountsOnlyPage,
  // The query is the client's authorization request, passed on exactly as it arrived.
  loaderDeps: ({ search }) => ({ search }),
  loader: ({ location }) => loadConsentFn({ data: { query: location.searchStr.replace(/^\?/, '') } }),
  head: () => ({ meta: [{ title: 'Authorize an MCP client · Executor' }] }),
  component: ConsentPage,
})

function ConsentPage() {
  const view = Route.useLoaderData()
  const query = useLocation().searchStr.replace(/^\?/, '')
  const decide = useAction(async (approve: boolean) => {
    const { redirectTo } = await api<{ redirectTo: string }>('/api/mcp-oauth/consent', { body: { query, approve } })
    window.location.assign(redirectTo)
  })

  return (
    <div className="mx-auto max-w-lg py-4 sm:py-10">
      <section aria-labelledby="consent-title" className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
        {view.ok ? (
          <>
            <h1 id="consent-title" className="text-lg font-semibold text-slate-900">
              Allow <span className="break-words">{view.client.name}</span> to use Executor as you?
            </h1>
            <p className="mt-2 text-sm text-slate-600">
              It will be able to run code against the tools you can use, with your role, until you revoke it under Authorized clients.
            </p>
            <dl className="mt-5 space-y-3 text-sm">
              <Fact label="Client">
                <span className="font-medium text-slate-900">{view.client.name}</span>
                {view.client.kind === 'metadata_document' ? (
                  <span className="block text-xs break-all text-slate-500">published at {new URL(view.client.id).host}</span>
                ) : (
                  <span className="block text-xs text-slate-500">registered itself; its name is not verified</span>
                )}
              </Fact>
              <Fact label="Sends you back to">
                <code className="font-mono break-all text-slate-800">{view.redirectHost}</code>
              </Fact>
              <Fact label="Signed in as">
                <span className="text-slate-900">{view.account.name}</span>{' '}
                <span className="break-all text-slate-500">{view.account.email}</span>
              </Fact>
            </dl>
            {decide.error ? <div className="mt-5"><FormAlert>{errorMessage(decide.error)}</FormAlert></div> : null}
            <div className="mt-6 flex flex-col-reverse gap-3 sm:flex-row sm:justify-end">
              <Button variant="secondary" disabled={decide.pending} onClick={() => void decide.run(false)}>
                Deny
              </Button>
              <Button pending={decide.pending} pendingLabel="Authorizing…" onClick={() => void decide.run(true)}>
                Allow
              </Button>
            </div>
          </>
        ) : (
          <>
            <h1 id="consent-title" className="text-lg font-semibold text-slate-900">
              This authorization request cannot be used
            </h1>
            <div className="mt-4">
              <FormAlert>{view.message}</FormAlert>
            </div>
            <p className="mt-4 text-sm text-slate-600">Start the connection again from your MCP client.</p>
          </>
        )}
      </section>
    </div>
  )
}

function Fact(props: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 sm:grid-cols-[9rem_minmax(0,1fr)]">
      <dt className="text-slate-500">{props.label}</dt>
      <dd>{props.children}</dd>
    </div>
  )
}
