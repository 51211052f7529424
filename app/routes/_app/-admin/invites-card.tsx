// Invite links: created with a role, an optional label and expiry; the full link is
// shown once (only its hash is stored); unused ones can be revoked.
import { useRouter } from '@tanstack/react-router'
import { type FormEvent, useRef, useState } from 'react'
import { INVITE_ROLES } from '~/db/enums'
import { CreateInviteSchema } from '~/server/invites/invite.schema'
import { Badge } from '../../../components/badge'
import { Button } from '../../../components/button'
import { Card, EmptyState } from '../../../components/card'
import { ConfirmButton } from '../../../components/confirm-button'
import { CardFacts, CardList, DataTable, Td } from '../../../components/data-table'
import { FormAlert, SelectField, TextField } from '../../../components/form-field'
import { MailIcon } from '../../../components/icons'
import { LocalTime } from '../../../components/local-time'
import { OnceShownSecret } from '../../../components/once-shown-secret'
import type { listInvitesFn } from '../../../functions/invites.functions'
import { api, errorMessage } from '../../../lib/api-client'
import { optionalNumber, textValue, validateForm } from '../../../lib/form-values'
import { roleNames } from '../../../lib/roles'
import { useAction } from '../../../lib/use-action'
import { type Notice, NoticeBar } from './notice'

type Invite = Awaited<ReturnType<typeof listInvitesFn>>[number]

const DEFAULT_EXPIRY_DAYS = 7

export function CreateInviteCard(props: { invites: Invite[] }) {
  const router = useRouter()
  const formRef = useRef<HTMLFormElement>(null)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [created, setCreated] = useState<{ url: string; invite: Invite } | null>(null)
  const create = useAction(async (input: { role: Invite['role']; label?: string; expiresInDays?: number }) => {
    const result = await api<{ invite: Invite; url: string }>('/api/invites', { body: input })
    setCreated({ url: result.url, invite: result.invite })
    formRef.current?.reset()
    await router.invalidate()
  })

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    const label = textValue(form, 'label')
    const input = { role: textValue(form, 'role'), label: label || undefined, expiresInDays: optionalNumber(form, 'expiresInDays') }
    const data = validateForm(CreateInviteSchema, input, formRef.current, setErrors)
    if (data) void create.run(data)
  }

  return (
    <Card title="Invite someone" description="Each link lets one person create an account with the role you choose.">
      <div className="space-y-5">
        <form ref={formRef} noValidate onSubmit={onSubmit} className="grid gap-4 sm:grid-cols-2 lg:grid-cols-[9rem_minmax(0,1fr)_11rem_auto] lg:items-start">
          <SelectField label="Role" name="role" defaultValue="member" error={errors.role}>
            {INVITE_ROLES.map((role) => (
              <option key={role} value={role}>
                {roleNames[role]}
              </option>
            ))}
          </SelectField>
          <TextField label="Label" name="label" optional placeholder="e.g. Jamie, design team" maxLength={100} autoComplete="off" error={errors.label} />
          <TextField
            label="Expires after"
            name="expiresInDays"
            type="number"
            inputMode="numeric"
            min={1}
            max={365}
            defaultValue={DEFAULT_EXPIRY_DAYS}
            placeholder="Never"
            optional
            hint="Days; empty means never"
            error={errors.expiresInDays}
          />
          <Button type="submit" pending={create.pending} pendingLabel="Creating…" className="sm:col-span-2 sm:justify-self-start lg:col-span-1 lg:mt-7">
            Create invite link
          </Button>
        </form>
        {create.error ? <FormAlert>{errorMessage(create.error)}</FormAlert> : null}
        {/* Once the link is revoked or used there is nothing left worth copying. */}
        {created && props.invites.some((invite) => invite.id === created.invite.id && invite.status === 'unused') ? (
          <OnceShownSecret
            title={`Invite link for ${created.invite.label ? `“${created.invite.label}”` : `a new ${roleNames[created.invite.role].toLowerCase()}`}`}
            value={created.url}
            copyLabel="Copy link"
            onDone={() => setCreated(null)}
          >
            Send it to the person you are inviting. It works once
            {created.invite.expiresAt ? (
              <>
                {' '}
                and until <LocalTime iso={created.invite.expiresAt} withTime />
              </>
            ) : null}
            .
          </OnceShownSecret>
        ) : null}
      </div>
    </Card>
  )
}

export function InvitesCard(props: { invites: Invite[] }) {
  const [notice, setNotice] = useState<Notice>(null)
  const { invites } = props
  return (
    <Card title="Invite links" description="Newest first. Unused links can be revoked; used ones show who joined." flush>
      <NoticeBar notice={notice} />
      {invites.length === 0 ? (
        <EmptyState icon={<MailIcon className="size-5" />} title="No invites yet">
          <p>Create an invite link above and send it to a teammate. They pick their own name and password when they open it.</p>
        </EmptyState>
      ) : (
        <>
          <DataTable caption="Invite links" columns={['Label', 'Role', 'Status', 'Created', 'Expires', '']}>
            {invites.map((invite) => (
              <tr key={invite.id}>
                <Td>
                  <InviteLabel invite={invite} />
                </Td>
                <Td>
                  <Badge>{roleNames[invite.role]}</Badge>
                </Td>
                <Td>
                  <InviteStatus invite={invite} />
                </Td>
                <Td className="text-slate-600">
                  <Created invite={invite} />
                </Td>
                <Td className="whitespace-nowrap text-slate-600">
                  <Expiry invite={invite} />
                </Td>
                <Td className="text-right">
                  <RevokeInvite invite={invite} onNotice={setNotice} />
                </Td>
              </tr>
            ))}
          </DataTable>
          <CardList label="Invite links">
            {invites.map((invite) => (
              <li key={invite.id} className="px-5 py-4 sm:px-6">
                <span className="flex flex-wrap items-center gap-2">
                  <InviteLabel invite={invite} />
                  <Badge>{roleNames[invite.role]}</Badge>
                </span>
                <CardFacts
                  facts={[
                    ['Status', <InviteStatus key="status" invite={invite} />],
                    ['Created', <Created key="created" invite={invite} />],
                    ['Expires', <Expiry key="expires" invite={invite} />],
                  ]}
                />
                {invite.status === 'unused' ? (
                  <div className="mt-3 flex justify-end">
                    <RevokeInvite invite={invite} onNotice={setNotice} />
                  </div>
                ) : null}
              </li>
            ))}
          </CardList>
        </>
      )}
    </Card>
  )
}

function InviteLabel(props: { invite: Invite }) {
  if (!props.invite.label) return <span className="text-slate-500 italic">No label</span>
  return <span className="font-medium break-words text-slate-900">{props.invite.label}</span>
}

function InviteStatus(props: { invite: Invite }) {
  const { invite } = props
  switch (invite.status) {
    case 'unused':
      return <Badge tone="green">Unused</Badge>
    case 'used':
      return (
        <span className="flex flex-col items-start gap-1">
          <Badge tone="indigo">Used</Badge>
          <span className="text-xs text-slate-600">
            by <span className="font-medium text-slate-800">{invite.usedBy?.name ?? 'a removed member'}</span>
            {invite.usedAt ? (
              <>
                {' '}
                on <LocalTime iso={invite.usedAt} />
              </>
            ) : null}
          </span>
        </span>
      )
    case 'expired':
      return <Badge tone="amber">Expired</Badge>
    case 'revoked':
      return <Badge tone="red">Revoked</Badge>
  }
}

function Created(props: { invite: Invite }) {
  return (
    <span className="flex flex-col">
      <span className="whitespace-nowrap">
        <LocalTime iso={props.invite.createdAt} />
      </span>
      {props.invite.createdBy ? <span className="text-xs text-slate-500">by {props.invite.createdBy}</span> : null}
    </span>
  )
}

function Expiry(props: { invite: Invite }) {
  // A used or revoked link can no longer expire; its date would only be noise.
  if (props.invite.status === 'used' || props.invite.status === 'revoked') return <span className="text-slate-400">—</span>
  if (!props.invite.expiresAt) return <span className="text-slate-500">Never</span>
  return <LocalTime iso={props.invite.expiresAt} />
}

function RevokeInvite(props: { invite: Invite; onNotice: (notice: Notice) => void }) {
  const router = useRouter()
  const { invite, onNotice } = props
  const name = invite.label ? `the invite “${invite.label}”` : `the ${roleNames[invite.role].toLowerCase()} invite`
  const revoke = useAction(async () => {
    onNotice(null)
    try {
      await api(`/api/invites/${encodeURIComponent(invite.id)}`, { method: 'DELETE' })
      onNotice({ tone: 'success', text: `Revoked ${name}; its link no longer works.` })
      await router.invalidate()
    } catch (error) {
      onNotice({ tone: 'error', text: `Could not revoke ${name}: ${errorMessage(error)}` })
    }
  })
  if (invite.status !== 'unused') return null
  return (
    <ConfirmButton
      label="Revoke"
      accessibleLabel={`Revoke ${name}`}
      question="Revoke this link?"
      confirmLabel="Revoke"
      pendingLabel="Revoking…"
      pending={revoke.pending}
      onConfirm={() => void revoke.run()}
    />
  )
}
