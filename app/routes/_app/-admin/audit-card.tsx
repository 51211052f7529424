// The audit log: administrative changes, newest first, filtered by action (kept in the URL as
// `?audit=`), with older entries fetched on demand through the same HTTP API scripts use.
import { useNavigate } from '@tanstack/react-router'
import { useEffect, useState } from 'react'
import { AUDIT_ACTIONS, type AuditAction } from '~/db/enums'
import type { AuditEntryView, AuditPage } from '~/server/audit/audit-log'
import { Badge } from '../../../components/badge'
import { Button } from '../../../components/button'
import { Card, EmptyState } from '../../../components/card'
import { CardFacts, CardList, DataTable, Td } from '../../../components/data-table'
import { FormAlert, SelectField } from '../../../components/form-field'
import { LocalTime } from '../../../components/local-time'
import { api, errorMessage } from '../../../lib/api-client'
import { useAction } from '../../../lib/use-action'

const PAGE_SIZE = 25

export const actionNames: Record<AuditAction, string> = {
  'member.role_changed': 'Role changed',
  'member.removed': 'Member removed',
  'invite.created': 'Invite created',
  'invite.revoked': 'Invite revoked',
  'api_key.created': 'API key created',
  'api_key.revoked': 'API key revoked',
  'integration.added': 'Integration added',
  'integration.changed': 'Integration changed',
  'integration.refreshed': 'Integration refreshed',
  'integration.removed': 'Integration removed',
  'connection.added': 'Connection added',
  'connection.changed': 'Connection changed',
  'connection.removed': 'Connection removed',
  'connection.authorized': 'Connection authorized',
  'secrets.rotated': 'Secrets re-encrypted',
  'policy.added': 'Policy added',
  'policy.changed': 'Policy changed',
  'policy.removed': 'Policy removed',
  'policy.reordered': 'Policies reordered',
  'approval.settings_changed': 'Approval settings changed',
  'approval.decided': 'Approval decided',
  'execution.auto_approved': 'Run with auto-approve',
  'toolkit.added': 'Toolkit added',
  'toolkit.changed': 'Toolkit changed',
  'toolkit.removed': 'Toolkit removed',
  'mcp_client.authorized': 'MCP client authorized',
  'mcp_client.revoked': 'MCP client revoked',
  'account.password_changed': 'Password changed',
  'account.password_reset_issued': 'Password reset link issued',
}

// Behind Cloudflare Access there are no members, invites or API keys to have changed.
const ACCOUNT_ACTION = /^(member|invite|api_key)\./

/** `accounts` false (behind Access): the filter and the wording leave out in-app account changes. */
export function AuditCard(props: { firstPage: AuditPage; action: AuditAction | undefined; accounts?: boolean }) {
  const accounts = props.accounts ?? true
  const actions = accounts ? AUDIT_ACTIONS : AUDIT_ACTIONS.filter((action) => !ACCOUNT_ACTION.test(action))
  const changed = accounts ? 'members, invites, API keys, integrations and connections' : 'integrations, connections and policies'
  const navigate = useNavigate()
  const [entries, setEntries] = useState(props.firstPage.entries)
  const [cursor, setCursor] = useState(props.firstPage.nextCursor)
  // A new first page (another filter, or a reload after a change) starts the list over.
  useEffect(() => {
    setEntries(props.firstPage.entries)
    setCursor(props.firstPage.nextCursor)
  }, [props.firstPage])
  const more = useAction(async () => {
    const query = new URLSearchParams({ limit: String(PAGE_SIZE), ...(cursor ? { before: cursor } : {}), ...(props.action ? { action: props.action } : {}) })
    const page = await api<AuditPage>(`/api/audit?${query}`)
    setEntries((shown) => [...shown, ...page.entries])
    setCursor(page.nextCursor)
  })

  const filter = (
    <SelectField
      label="Action"
      name="audit-action"
      value={props.action ?? ''}
      onChange={(event) => {
        const value = event.currentTarget.value
        void navigate({ to: '/admin', search: { audit: value === '' ? undefined : (value as AuditAction) }, replace: true, resetScroll: false })
      }}
    >
      <option value="">All actions</option>
      {actions.map((action) => (
        <option key={action} value={action}>
          {actionNames[action]}
        </option>
      ))}
    </SelectField>
  )

  return (
    <Card title="Audit log" description={`Who changed ${changed}, and when. Newest first; nothing here can be edited.`} actions={filter} flush>
      {entries.length === 0 ? (
        <EmptyState title={props.action ? 'Nothing of this kind yet' : 'No changes recorded yet'}>
          <p>Changes to {changed} appear here as they happen.</p>
        </EmptyState>
      ) : (
        <>
          <DataTable caption="Audit log" columns={['When', 'Who', 'What', 'Target', 'Details']}>
            {entries.map((entry) => (
              <tr key={entry.id}>
                <Td className="whitespace-nowrap text-slate-600">
                  <LocalTime iso={entry.at} withSeconds />
                </Td>
                <Td>
                  <Actor entry={entry} />
                </Td>
                <Td>
                  <Badge>{actionNames[entry.action]}</Badge>
                </Td>
                <Td className="break-words text-slate-800">{entry.target.label || entry.target.id}</Td>
                <Td className="text-slate-600">
                  <Details entry={entry} />
                </Td>
              </tr>
            ))}
          </DataTable>
          <CardList label="Audit log">
            {entries.map((entry) => (
              <li key={entry.id} className="px-5 py-4 sm:px-6">
                <span className="flex flex-wrap items-center gap-2">
                  <Badge>{actionNames[entry.action]}</Badge>
                  <span className="font-medium break-all text-slate-900">{entry.target.label || entry.target.id}</span>
                </span>
                <CardFacts
                  facts={[
                    ['When', <LocalTime key="at" iso={entry.at} withSeconds />],
                    ['Who', <Actor key="who" entry={entry} />],
                    ['Details', <Details key="details" entry={entry} />],
                  ]}
                />
              </li>
            ))}
          </CardList>
        </>
      )}
      {more.error ? (
        <div className="px-5 pb-4 sm:px-6">
          <FormAlert>{errorMessage(more.error)}</FormAlert>
        </div>
      ) : null}
      {cursor ? (
        <div className="border-t border-slate-200 px-5 py-3 sm:px-6">
          <Button variant="secondary" pending={more.pending} pendingLabel="Loading…" onClick={() => void more.run()}>
            Load older entries
          </Button>
        </div>
      ) : null}
    </Card>
  )
}

function Actor(props: { entry: AuditEntryView }) {
  const { actor } = props.entry
  return (
    <span className="flex flex-col">
      <span className="font-medium text-slate-900">{actor.name}</span>
      {actor.email ? <span className="text-xs break-words text-slate-500">{actor.email}</span> : null}
    </span>
  )
}

function Details(props: { entry: AuditEntryView }) {
  const pairs = Object.entries(props.entry.details).filter(([, value]) => value !== null && value !== '')
  if (pairs.length === 0) return <span className="text-slate-400">—</span>
  return (
    <span className="flex flex-wrap gap-x-3 gap-y-0.5 text-xs">
      {pairs.map(([key, value]) => (
        <span key={key} className="break-all">
          <span className="text-slate-500">{key}</span> {Array.isArray(value) ? value.join(', ') : String(value)}
        </span>
      ))}
    </span>
  )
}
