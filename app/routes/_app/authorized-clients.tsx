// MCP clients people signed in through OAuth: one's own, and for owners and admins everyone's,
// each revocable (its tokens stop working on the next request).
import { createFileRoute } from '@tanstack/react-router'
import type { ReactNode } from 'react'
import { Card, EmptyState } from '../../components/card'
import { CardFacts, CardList, DataTable, Td } from '../../components/data-table'
import { KeyIcon } from '../../components/icons'
import { LocalTime } from '../../components/local-time'
import { PageHeader } from '../../components/page-header'
import { listAuthorizedClientsFn } from '../../functions/mcp-oauth.functions'
import { RevokeButton } from '../../components/revoke-button'
import { accountsOnlyPage } from '../../lib/session-rules'

type AuthorizedClient = Awaited<ReturnType<typeof listAuthorizedClientsFn>>['clients'][number]

export const Route = createFileRoute('/_app/authorized-clients')({
  // Behind Cloudflare Access MCP clients use Access, not Executor's own OAuth server.
  beforeLoad: accountsOnlyPage,
  loader: () => listAuthorizedClientsFn(),
  head: () => ({ meta: [{ title: 'Authorized clients · Executor' }] }),
  component: AuthorizedClientsPage,
})

function AuthorizedClientsPage() {
  const { clients, everyone } = Route.useLoaderData()
  return (
    <>
      <PageHeader
        title="Authorized clients"
        description="MCP clients that signed in through the browser act as the person who allowed them. Revoke one and it must ask again."
      />
      <AuthorizedClientsCard clients={clients} everyone={everyone} />
    </>
  )
}

export function AuthorizedClientsCard(props: { clients: AuthorizedClient[]; everyone: boolean }) {
  const { clients, everyone } = props
  return (
    <Card
      title={everyone ? 'Authorized MCP clients (everyone)' : 'Your authorized MCP clients'}
      description={clients.length > 0 ? `${clients.length} client${clients.length === 1 ? '' : 's'}` : undefined}
      flush
    >
      {clients.length === 0 ? (
        <EmptyState icon={<KeyIcon className="size-5" />} title="No authorized clients">
          <p>
            Point an MCP client at this server's <code className="font-mono text-slate-800">/mcp</code> URL; it opens a browser page here to ask
            for your consent, and shows up in this list once you allow it.
          </p>
        </EmptyState>
      ) : (
        <>
          <DataTable caption="Authorized MCP clients" columns={['Client', ...(everyone ? ['Account'] : []), 'Authorized', 'Last used', '']}>
            {clients.map((client) => (
              <tr key={client.id}>
                <Td>
                  <ClientName client={client} />
                </Td>
                {everyone ? <Td className="text-slate-600">{client.account.email}</Td> : null}
                <Td className="whitespace-nowrap text-slate-600">
                  <LocalTime iso={client.authorizedAt} withTime />
                </Td>
                <Td className="whitespace-nowrap text-slate-600">
                  <LastUsed iso={client.lastUsedAt} />
                </Td>
                <Td className="text-right">
                  <RevokeClient client={client} />
                </Td>
              </tr>
            ))}
          </DataTable>
          <CardList label="Authorized MCP clients">
            {clients.map((client) => (
              <li key={client.id} className="px-5 py-4 sm:px-6">
                <ClientName client={client} />
                <CardFacts
                  facts={[
                    ...(everyone ? [['Account', <span key="account">{client.account.email}</span>] as [string, ReactNode]] : []),
                    ['Authorized', <LocalTime key="authorized" iso={client.authorizedAt} withTime />],
                    ['Last used', <LastUsed key="used" iso={client.lastUsedAt} />],
                  ]}
                />
                <div className="mt-3 flex justify-end">
                  <RevokeClient client={client} />
                </div>
              </li>
            ))}
          </CardList>
        </>
      )}
    </Card>
  )
}

function ClientName(props: { client: AuthorizedClient }) {
  return (
    <div className="min-w-0">
      <p className="font-medium break-words text-slate-900">{props.client.clientName}</p>
      {props.client.clientHost ? <p className="text-xs break-all text-slate-500">{props.client.clientHost}</p> : null}
    </div>
  )
}

function LastUsed(props: { iso: string | null }) {
  return props.iso ? <LocalTime iso={props.iso} withTime /> : <span className="text-slate-500">Never</span>
}

function RevokeClient(props: { client: AuthorizedClient }) {
  return <RevokeButton path={`/api/authorized-clients/${encodeURIComponent(props.client.id)}`} accessibleLabel={`Revoke ${props.client.clientName}${props.client.isYours ? '' : ` for ${props.client.account.email}`}`} question="Revoke this client?" />
}
