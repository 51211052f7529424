// Connect a client: copyable configuration for the common MCP clients, built from this
// deployment's real /mcp URL, and the caller's recent MCP sessions. An API key made here is
// filled into the snippets once and kept only in this page's memory.
import { createFileRoute, useRouter } from '@tanstack/react-router'
import { useState } from 'react'
import { Badge } from '../../components/badge'
import { Button } from '../../components/button'
import { Card, EmptyState } from '../../components/card'
import { CodeBlock } from '../../components/code-block'
import { CopyButton } from '../../components/copy-button'
import { CardFacts, CardList, DataTable, Td } from '../../components/data-table'
import { FormAlert } from '../../components/form-field'
import { ConnectIcon } from '../../components/icons'
import { LocalTime } from '../../components/local-time'
import { PageHeader } from '../../components/page-header'
import { getConnectFn } from '../../functions/connect.functions'
import { api, errorMessage } from '../../lib/api-client'
import { connectSnippets, type Snippet, type SnippetAuth } from '../../lib/connect-snippets'
import { useAction } from '../../lib/use-action'

type ConnectData = Awaited<ReturnType<typeof getConnectFn>>
type SessionRow = ConnectData['sessions'][number]

export const Route = createFileRoute('/_app/connect')({
  loader: () => getConnectFn(),
  head: () => ({ meta: [{ title: 'Connect a client · Executor' }] }),
  component: ConnectPage,
})

function ConnectPage() {
  const data = Route.useLoaderData()
  const { session } = Route.useRouteContext()
  return (
    <>
      <PageHeader
        title="Connect a client"
        description="Add Executor to your MCP client: copy the configuration for it below. Every call then runs as you, with your role."
      />
      <div className="space-y-6">
        <Card title="MCP endpoint" description="The one URL every client connects to (streamable HTTP).">
          <div className="flex items-center gap-2">
            <code data-testid="mcp-url" className="min-w-0 flex-1 truncate rounded-md bg-slate-100 px-3 py-2 font-mono text-sm text-slate-800">
              {data.mcpUrl}
            </code>
            <CopyButton value={data.mcpUrl} />
          </div>
        </Card>
        {data.identity === 'access' ? <AccessSnippets mcpUrl={data.mcpUrl} devAuth={session.principal?.via === 'dev'} /> : <AccountSnippets mcpUrl={data.mcpUrl} />}
        <SessionsCard sessions={data.sessions} />
      </div>
    </>
  )
}

function AccessSnippets(props: { mcpUrl: string; devAuth: boolean }) {
  const snippets = connectSnippets(props.mcpUrl, { kind: 'oauth' })
  // Under local dev auth every request is the dev admin: clients connect without signing in, so
  // the snippets' sign-in steps would send people looking for a login that never comes.
  if (props.devAuth) {
    return (
      <Card
        title="Client configuration"
        description="Dev auth is on (ENABLE_DEV_AUTH): clients connect without signing in and act as the dev admin. Deployed, sign-in is through Cloudflare Access; there are no API keys on this deployment."
      >
        <SnippetList snippets={snippets.map((snippet) => ({ ...snippet, next: undefined }))} />
      </Card>
    )
  }
  return (
    <Card
      title="Client configuration"
      description="Sign-in is through Cloudflare Access: a client that supports MCP sign-in opens your Access login; there are no API keys on this deployment."
    >
      <SnippetList snippets={snippets} />
    </Card>
  )
}

function AccountSnippets(props: { mcpUrl: string }) {
  const [mode, setMode] = useState<'oauth' | 'api_key'>('oauth')
  // The key exists only here, for as long as the page is open: the server keeps its hash.
  const [key, setKey] = useState<string | undefined>(undefined)
  const router = useRouter()
  const create = useAction(async () => {
    const name = `MCP client, ${new Date().toISOString().slice(0, 10)}`
    const result = await api<{ key: string }>('/api/api-keys', { body: { name } })
    setKey(result.key)
    await router.invalidate()
  })
  const auth: SnippetAuth = mode === 'oauth' ? { kind: 'oauth' } : { kind: 'api_key', key }
  return (
    <Card
      title="Client configuration"
      description="Pick how the client signs in, then copy its configuration."
      actions={<ModeSwitch mode={mode} onChange={setMode} />}
    >
      {mode === 'oauth' ? (
        <p className="mb-5 text-sm text-slate-600">
          The client needs only the URL: on first use it opens this Executor in your browser to sign in and approve it.
        </p>
      ) : (
        <div className="mb-5 space-y-3">
          {key ? (
            <div role="status" className="rounded-lg border border-indigo-200 bg-indigo-50/70 p-4 text-sm text-slate-700">
              <p className="font-medium text-slate-900">A new key is filled in below.</p>
              <p className="mt-1">
                It won't be shown again: copy the configuration now. Executor keeps only a hash of it; revoke it on the API keys page.
              </p>
            </div>
          ) : (
            <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
              <p className="text-sm text-slate-600">Clients without sign-in send an API key. Create one for this client and it is filled into every snippet.</p>
              <Button onClick={() => void create.run()} pending={create.pending} pendingLabel="Creating…" className="shrink-0">
                Create a key for this
              </Button>
            </div>
          )}
          {create.error ? <FormAlert>{errorMessage(create.error)}</FormAlert> : null}
        </div>
      )}
      <SnippetList snippets={connectSnippets(props.mcpUrl, auth)} />
    </Card>
  )
}

function ModeSwitch(props: { mode: 'oauth' | 'api_key'; onChange: (mode: 'oauth' | 'api_key') => void }) {
  const options = [
    { value: 'oauth', label: 'Sign in (OAuth)' },
    { value: 'api_key', label: 'API key' },
  ] as const
  return (
    <div role="radiogroup" aria-label="Sign-in method" className="inline-flex shrink-0 rounded-lg border border-slate-200 bg-slate-50 p-0.5">
      {options.map((option) => {
        const checked = props.mode === option.value
        return (
          <button
            key={option.value}
            type="button"
            role="radio"
            aria-checked={checked}
            onClick={() => props.onChange(option.value)}
            className={`rounded-md px-3 py-1.5 text-sm font-medium ${checked ? 'bg-white text-slate-900 shadow-sm' : 'text-slate-600 hover:text-slate-900'}`}
          >
            {option.label}
          </button>
        )
      })}
    </div>
  )
}

function SnippetList(props: { snippets: Snippet[] }) {
  return (
    <ul className="space-y-6">
      {props.snippets.map((snippet) => (
        <li key={snippet.id}>
          <div className="mb-2 flex items-end justify-between gap-3">
            <div className="min-w-0">
              <h3 className="text-sm font-semibold text-slate-900">{snippet.client}</h3>
              <p className="truncate font-mono text-xs text-slate-500">{snippet.where}</p>
            </div>
            <CopyButton value={snippet.code} label="Copy" />
          </div>
          <CodeBlock code={snippet.code} language="json" wrap={snippet.language !== 'json'} label={`${snippet.client} configuration`} />
          {snippet.next ? <p className="mt-2 text-sm wrap-anywhere text-slate-600">{snippet.next}</p> : null}
        </li>
      ))}
    </ul>
  )
}

function SessionsCard(props: { sessions: SessionRow[] }) {
  const router = useRouter()
  const refresh = useAction(() => router.invalidate())
  const { sessions } = props
  return (
    <Card
      title="Your recent MCP sessions"
      description="Clients that connected as you, newest first. A session ends when the client closes it or after 30 minutes unused."
      actions={
        <Button variant="secondary" onClick={() => void refresh.run()} pending={refresh.pending} pendingLabel="Refreshing…">
          Refresh
        </Button>
      }
      flush
    >
      {sessions.length === 0 ? (
        <EmptyState icon={<ConnectIcon className="size-5" />} title="No sessions yet">
          <p>Once a client connects with the configuration above, it shows up here with its name and version.</p>
        </EmptyState>
      ) : (
        <>
          <DataTable caption="Your recent MCP sessions" columns={['Client', 'Version', 'Started', 'Last seen', 'Status']}>
            {sessions.map((session) => (
              <tr key={session.id}>
                <Td className="font-medium text-slate-900">{session.clientName}</Td>
                <Td className="font-mono text-xs text-slate-700">{session.clientVersion}</Td>
                <Td className="whitespace-nowrap text-slate-600">
                  <LocalTime iso={session.createdAt} withTime />
                </Td>
                <Td className="whitespace-nowrap text-slate-600">
                  <LocalTime iso={session.lastSeenAt} withTime />
                </Td>
                <Td>
                  <SessionStatus open={session.open} />
                </Td>
              </tr>
            ))}
          </DataTable>
          <CardList label="Your recent MCP sessions">
            {sessions.map((session) => (
              <li key={session.id} className="px-5 py-4 sm:px-6">
                <div className="flex items-center justify-between gap-3">
                  <p className="font-medium break-words text-slate-900">{session.clientName}</p>
                  <SessionStatus open={session.open} />
                </div>
                <CardFacts
                  facts={[
                    ['Version', <span key="v" className="font-mono text-xs">{session.clientVersion}</span>],
                    ['Started', <LocalTime key="s" iso={session.createdAt} withTime />],
                    ['Last seen', <LocalTime key="l" iso={session.lastSeenAt} withTime />],
                  ]}
                />
              </li>
            ))}
          </CardList>
        </>
      )}
    </Card>
  )
}

function SessionStatus(props: { open: boolean }) {
  return props.open ? <Badge tone="green">Open</Badge> : <Badge tone="neutral">Ended</Badge>
}
