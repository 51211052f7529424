// Members and their roles. The server enforces who may change whom; the controls
// mirror those rules so nobody is offered a change that can only fail.
import { useRouter } from '@tanstack/react-router'
import { useId, useState } from 'react'
import { ROLES, type Role } from '~/db/enums'
import { Badge } from '../../../components/badge'
import { Spinner } from '../../../components/button'
import { Card } from '../../../components/card'
import { ConfirmButton } from '../../../components/confirm-button'
import { CardFacts, CardList, DataTable, Td } from '../../../components/data-table'
import { LocalTime } from '../../../components/local-time'
import type { listMembersFn } from '../../../functions/members.functions'
import { api, errorMessage } from '../../../lib/api-client'
import { mayManage, roleNames, roleWithArticle } from '../../../lib/roles'
import { useAction } from '../../../lib/use-action'
import { type Notice, NoticeBar } from './notice'

type Member = Awaited<ReturnType<typeof listMembersFn>>[number]

type RowProps = { member: Member; actorRole: Role; onNotice: (notice: Notice) => void }

export function MembersCard(props: { members: Member[]; actorRole: Role }) {
  const [notice, setNotice] = useState<Notice>(null)
  const count = props.members.length
  // The server refuses to demote the last owner; their selector says so before anyone tries.
  const owners = props.members.filter((member) => member.role === 'owner').length
  const soleOwner = (member: Member) => member.role === 'owner' && owners === 1
  return (
    <Card title="Members" description={`${count} ${count === 1 ? 'person' : 'people'} can sign in to this Executor.`} flush>
      <NoticeBar notice={notice} />
      <DataTable caption="Members" columns={['Name', 'Email', 'Role', 'Joined', '']}>
        {props.members.map((member) => (
          <tr key={member.userId}>
            <Td>
              <MemberName member={member} />
            </Td>
            <Td className="text-slate-600">
              <span className="break-all">{member.email}</span>
            </Td>
            <Td>
              <RoleSelect member={member} actorRole={props.actorRole} onNotice={setNotice} soleOwner={soleOwner(member)} />
            </Td>
            <Td className="whitespace-nowrap text-slate-600">
              <LocalTime iso={member.joinedAt} />
            </Td>
            <Td className="text-right">
              <RemoveMember member={member} actorRole={props.actorRole} onNotice={setNotice} />
            </Td>
          </tr>
        ))}
      </DataTable>
      <CardList label="Members">
        {props.members.map((member) => (
          <li key={member.userId} className="px-5 py-4 sm:px-6">
            <MemberName member={member} />
            <p className="mt-0.5 text-sm break-all text-slate-600">{member.email}</p>
            <CardFacts
              facts={[
                ['Role', <RoleSelect key="role" member={member} actorRole={props.actorRole} onNotice={setNotice} soleOwner={soleOwner(member)} />],
                ['Joined', <LocalTime key="joined" iso={member.joinedAt} />],
              ]}
            />
            <div className="mt-3 flex justify-end empty:hidden">
              <RemoveMember member={member} actorRole={props.actorRole} onNotice={setNotice} />
            </div>
          </li>
        ))}
      </CardList>
    </Card>
  )
}

function MemberName(props: { member: Member }) {
  return (
    <span className="inline-flex flex-wrap items-center gap-2 font-medium text-slate-900">
      {props.member.name}
      {props.member.isYou ? <Badge tone="indigo">You</Badge> : null}
    </span>
  )
}

function RoleSelect({ member, actorRole, onNotice, soleOwner }: RowProps & { soleOwner: boolean }) {
  const router = useRouter()
  const hintId = useId()
  // Shows the chosen role while the change is saved, and falls back if it is refused.
  const [draft, setDraft] = useState<Role | null>(null)
  const change = useAction(async (role: Role) => {
    setDraft(role)
    onNotice(null)
    try {
      await api(`/api/members/${encodeURIComponent(member.userId)}`, { method: 'PATCH', body: { role } })
      await router.invalidate()
      onNotice({ tone: 'success', text: `${member.name} is now ${roleWithArticle[role]}.` })
    } catch (error) {
      onNotice({ tone: 'error', text: `Could not change ${member.name}'s role: ${errorMessage(error)}` })
    } finally {
      setDraft(null)
    }
  })
  const editable = mayManage(actorRole, member.role) && !soleOwner
  const hint = soleOwner
    ? member.isYou
      ? 'You are the only owner: promote someone else first'
      : `${member.name} is the only owner`
    : undefined
  const choices = ROLES.filter((role) => role === member.role || actorRole === 'owner' || role !== 'owner')
  return (
    <span className="inline-flex flex-col items-start gap-1">
      <span className="inline-flex items-center gap-2">
        <select
          aria-label={`Role for ${member.name}`}
          aria-describedby={hint ? hintId : undefined}
          value={draft ?? member.role}
          disabled={!editable || change.pending}
          title={editable || hint ? undefined : `Only an owner can change ${roleWithArticle[member.role]}'s role`}
          onChange={(event) => {
            const role = ROLES.find((candidate) => candidate === event.target.value)
            if (role) void change.run(role)
          }}
          className="rounded-md border border-slate-300 bg-white py-1.5 pr-8 pl-2.5 text-sm text-slate-900 shadow-sm focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/25 focus:outline-none disabled:bg-slate-50 disabled:text-slate-500"
        >
          {choices.map((role) => (
            <option key={role} value={role}>
              {roleNames[role]}
            </option>
          ))}
        </select>
        {change.pending ? (
          <span className="inline-flex items-center gap-1.5 text-xs text-slate-500">
            <Spinner />
            Saving…
          </span>
        ) : null}
      </span>
      {hint ? (
        <span id={hintId} className="max-w-56 text-xs text-slate-500">
          {hint}
        </span>
      ) : null}
    </span>
  )
}

function RemoveMember({ member, actorRole, onNotice }: RowProps) {
  const router = useRouter()
  const remove = useAction(async () => {
    onNotice(null)
    try {
      await api(`/api/members/${encodeURIComponent(member.userId)}`, { method: 'DELETE' })
      onNotice({ tone: 'success', text: `${member.name} was removed.` })
      await router.invalidate()
    } catch (error) {
      onNotice({ tone: 'error', text: `Could not remove ${member.name}: ${errorMessage(error)}` })
    }
  })
  // Removing yourself would delete the account you are using; someone else has to do it.
  if (member.isYou || !mayManage(actorRole, member.role)) return null
  return (
    <ConfirmButton
      label="Remove"
      accessibleLabel={`Remove ${member.name}`}
      question="Remove and delete their account?"
      confirmLabel="Remove"
      pendingLabel="Removing…"
      pending={remove.pending}
      onConfirm={() => void remove.run()}
    />
  )
}
