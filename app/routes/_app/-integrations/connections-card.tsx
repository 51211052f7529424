// An integration's connections as the viewer sees them (the org's and their own personal ones),
// what each authenticates with, never its secret; changing, removing and adding them. Admins
// manage the org's; everyone manages their own.
import { useRouter } from '@tanstack/react-router'
import { useState } from 'react'
import type { ConnectionView } from '~/server/connections/connections'
import type { IntegrationView } from '~/server/integrations/integrations'
import { Badge } from '../../../components/badge'
import { Button } from '../../../components/button'
import { Card, EmptyState } from '../../../components/card'
import { ConfirmButton } from '../../../components/confirm-button'
import { KeyIcon } from '../../../components/icons'
import { LocalTime } from '../../../components/local-time'
import { api, errorMessage } from '../../../lib/api-client'
import { useAction } from '../../../lib/use-action'
import { authSummary, draftFromSchemes } from './auth-methods'
import { ConnectionForm } from './connection-form'

export function ConnectionsCard(props: { integration: IntegrationView; connections: ConnectionView[]; admin: boolean }) {
  const { integration, connections, admin } = props
  const [adding, setAdding] = useState(false)
  // A fresh form (empty secret fields) each time it opens.
  const [formKey, setFormKey] = useState(0)
  const defaultName = connections.some((c) => c.name === 'main') ? '' : 'main'
  return (
    <Card
      title="Connections"
      description="A connection holds the credential calls are made with. Org connections are shared; personal ones are yours alone."
      actions={
        adding ? null : (
          <Button variant="secondary" onClick={() => setAdding(true)} className="self-start sm:self-auto">
            Add connection
          </Button>
        )
      }
      flush
    >
      {adding ? (
        <div className="border-b border-slate-200 bg-slate-50/60 px-5 py-5 sm:px-6">
          <h3 className="mb-3 text-sm font-semibold text-slate-900">New connection</h3>
          <ConnectionForm
            key={formKey}
            integrationId={integration.id}
            admin={admin}
            draft={draftFromSchemes(integration.details?.securitySchemes)}
            defaultName={defaultName}
            onDone={() => {
              setAdding(false)
              setFormKey((k) => k + 1)
            }}
            onCancel={() => setAdding(false)}
          />
        </div>
      ) : null}
      {connections.length === 0 ? (
        <EmptyState icon={<KeyIcon className="size-5" />} title="No connection you can use">
          {admin
            ? 'Add one with the API’s credential so agents can call its tools. Share it with the org, or keep it personal.'
            : 'Add a personal connection with your own credential, or ask an admin to add one for the org.'}
        </EmptyState>
      ) : (
        <ul aria-label="Connections" className="divide-y divide-slate-200">
          {connections.map((connection) => (
            <ConnectionRow key={connection.id} connection={connection} integration={integration} admin={admin} />
          ))}
        </ul>
      )}
    </Card>
  )
}

function ConnectionRow(props: { connection: ConnectionView; integration: IntegrationView; admin: boolean }) {
  const { connection, integration } = props
  const router = useRouter()
  const [editing, setEditing] = useState(false)
  // Org connections are the admins'; a personal one here is always the viewer's own.
  const manageable = connection.scope === 'user' || props.admin
  const connect = useAction(async () => {
    const { authorizeUrl } = await api<{ authorizeUrl: string }>(
      `/api/integrations/${encodeURIComponent(integration.id)}/connections/${encodeURIComponent(connection.id)}/oauth/start`,
      { method: 'POST' },
    )
    window.location.assign(authorizeUrl)
  })
  const remove = useAction(async () => {
    await api(`/api/integrations/${encodeURIComponent(integration.id)}/connections/${encodeURIComponent(connection.id)}`, { method: 'DELETE' })
    await router.invalidate()
  })
  const auth = connection.auth
  return (
    <li aria-label={connection.address} className="px-5 py-4 sm:px-6">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0 space-y-1">
          <div className="flex flex-wrap items-center gap-2">
            <code className="font-mono text-sm font-semibold break-all text-slate-900">{connection.address}</code>
            <Badge tone={connection.scope === 'org' ? 'indigo' : 'neutral'}>{connection.scope === 'org' ? 'Org' : 'Personal'}</Badge>
            {connection.implicit ? <Badge>Made on import</Badge> : null}
            {connection.status === 'pending' ? <Badge tone="amber">Not connected yet</Badge> : null}
            {connection.status === 'needs_reauth' ? <Badge tone="red">Needs re-authorization</Badge> : null}
          </div>
          <p className="text-sm break-words text-slate-700">{authSummary(auth)}</p>
          {connection.statusMessage && connection.status !== 'ready' ? <p className="text-sm break-words text-amber-800">{connection.statusMessage}</p> : null}
          {auth.type === 'oauth2' ? (
            <p className="text-xs text-slate-500">
              {auth.expiresAt ? (
                <>
                  Access token expires <LocalTime iso={auth.expiresAt} withTime /> (refreshed before then)
                </>
              ) : connection.status === 'ready' ? (
                'Connected'
              ) : (
                'No token yet'
              )}
            </p>
          ) : auth.type === 'none' ? null : (
            <p className="text-xs text-slate-500">
              {connection.secretSet && connection.secretUpdatedAt ? (
                <>
                  Secret set · changed <LocalTime iso={connection.secretUpdatedAt} withTime />
                </>
              ) : (
                'No secret set'
              )}
            </p>
          )}
        </div>
        {manageable && !editing ? (
          <div className="flex shrink-0 flex-wrap items-start gap-2">
            {auth.type === 'oauth2' ? (
              auth.grant === 'authorization_code' ? (
                <Button
                  variant={connection.status === 'ready' ? 'secondary' : 'primary'}
                  aria-label={`${connection.status === 'ready' ? 'Reconnect' : 'Connect'} ${connection.address}`}
                  pending={connect.pending}
                  pendingLabel="Opening…"
                  onClick={() => void connect.run()}
                  className="px-3 py-1.5"
                >
                  {connection.status === 'pending' ? 'Connect' : 'Reconnect'}
                </Button>
              ) : null
            ) : (
              <Button variant="secondary" aria-label={`Change ${connection.address}`} onClick={() => setEditing(true)} className="px-3 py-1.5">
                {auth.type === 'none' ? 'Change' : 'Change or replace secret'}
              </Button>
            )}
            <ConfirmButton
              label="Delete"
              accessibleLabel={`Delete ${connection.address}`}
              question="Delete this connection?"
              confirmLabel="Delete"
              pendingLabel="Deleting…"
              pending={remove.pending}
              onConfirm={() => void remove.run()}
            />
          </div>
        ) : null}
      </div>
      {remove.error || connect.error ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {errorMessage(remove.error ?? connect.error)}
        </p>
      ) : null}
      {editing && auth.type !== 'oauth2' ? (
        <div className="mt-4 rounded-lg border border-slate-200 bg-slate-50/60 p-4">
          <ConnectionForm
            integrationId={integration.id}
            admin={props.admin}
            editing={connection}
            draft={{
              type: auth.type,
              in: auth.type === 'apiKey' ? auth.in : 'header',
              name: auth.type === 'apiKey' ? auth.name : '',
              prefix: auth.type === 'apiKey' ? (auth.prefix ?? '') : '',
              username: auth.type === 'basic' ? auth.username : '',
              grant: 'authorization_code',
              scopes: '',
            }}
            onDone={() => setEditing(false)}
            onCancel={() => setEditing(false)}
          />
        </div>
      ) : null}
    </li>
  )
}
