// Your account: your name, your password, and for owners and admins every member's API keys;
// owners also issue password reset links, shown once, since there is no mail to send them by.
// Behind Cloudflare Access, Access owns identity: the page shows who it says you are instead.
import { createFileRoute, useHydrated, useRouter } from '@tanstack/react-router'
import { type FormEvent, useRef, useState } from 'react'
import { ChangeNameSchema, ChangePasswordSchema } from '~/server/auth/account.schema'
import { Button } from '../../components/button'
import { Card, EmptyState } from '../../components/card'
import { CardFacts, CardList, DataTable, Td } from '../../components/data-table'
import { FormAlert, SelectField, TextField } from '../../components/form-field'
import { KeyIcon } from '../../components/icons'
import { LocalTime } from '../../components/local-time'
import { OnceShownSecret } from '../../components/once-shown-secret'
import { PageHeader } from '../../components/page-header'
import { PASSWORD_HINT } from '../../components/sign-up-form'
import { getAccountFn } from '../../functions/account.functions'
import { api, errorMessage } from '../../lib/api-client'
import { textValue, validateForm } from '../../lib/form-values'
import { redirectNativeFormPost } from '../../lib/native-form-post'
import { roleNames } from '../../lib/roles'
import { useAction } from '../../lib/use-action'
import { RevokeButton } from '../../components/revoke-button'
import { AccessIdentity } from './-account/access-identity'

type AccountData = Awaited<ReturnType<typeof getAccountFn>>
type MemberKey = NonNullable<AccountData['apiKeys']>[number]

export const Route = createFileRoute('/_app/account')({
  // Behind Cloudflare Access there is no in-app account to load: the page shows Access's word.
  loader: ({ context }) => (context.session.identity === 'access' ? null : getAccountFn()),
  head: () => ({ meta: [{ title: 'Account · Executor' }] }),
  server: { handlers: { POST: redirectNativeFormPost } },
  component: AccountPage,
})

function AccountPage() {
  const data = Route.useLoaderData()
  const { session } = Route.useRouteContext()
  if (data === null) return session.principal ? <AccessIdentity principal={session.principal} /> : null
  return (
    <>
      <PageHeader title="Your account" description={`Signed in as ${data.me.email} (${roleNames[data.me.role]}).`} />
      <div className="space-y-6">
        <div className="grid gap-6 lg:grid-cols-2">
          <Card title="Profile" description="Your name is shown in the console, the audit log and on your runs.">
            <NameForm name={data.me.name} />
          </Card>
          <Card title="Password" description="Changing it signs you out everywhere else.">
            <PasswordForm />
          </Card>
        </div>
        {data.resettable ? <ResetLinkCard members={data.resettable} /> : null}
        {data.apiKeys ? <MemberKeysCard keys={data.apiKeys} /> : null}
      </div>
    </>
  )
}

function NameForm(props: { name: string }) {
  const router = useRouter()
  const formRef = useRef<HTMLFormElement>(null)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [saved, setSaved] = useState(false)
  const save = useAction(async (input: { name: string }) => {
    await api('/api/account', { method: 'PATCH', body: input })
    setSaved(true)
    await router.invalidate()
  })
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    setSaved(false)
    const data = validateForm(ChangeNameSchema, { name: textValue(new FormData(event.currentTarget), 'name') }, formRef.current, setErrors)
    if (data) void save.run(data)
  }
  return (
    <form ref={formRef} noValidate onSubmit={onSubmit} className="space-y-4">
      <TextField label="Name" name="name" defaultValue={props.name} autoComplete="name" maxLength={100} required error={errors.name} />
      {save.error ? <FormAlert>{errorMessage(save.error)}</FormAlert> : null}
      <div className="flex items-center gap-3">
        <Button type="submit" pending={save.pending} pendingLabel="Saving…">
          Save name
        </Button>
        {saved ? (
          <p role="status" className="text-sm text-emerald-700">
            Name saved
          </p>
        ) : null}
      </div>
    </form>
  )
}

function PasswordForm() {
  const hydrated = useHydrated()
  const formRef = useRef<HTMLFormElement>(null)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [changed, setChanged] = useState(false)
  const change = useAction(async (input: { currentPassword: string; newPassword: string }) => {
    await api('/api/account/password', { body: input })
    formRef.current?.reset()
    setChanged(true)
  })
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    setChanged(false)
    const form = new FormData(event.currentTarget)
    const input = { currentPassword: String(form.get('currentPassword') ?? ''), newPassword: String(form.get('newPassword') ?? '') }
    const data = validateForm(ChangePasswordSchema, input, formRef.current, setErrors)
    if (data) void change.run(data)
  }
  return (
    // method="post": a form sent before the page is interactive never puts a password in a URL.
    <form ref={formRef} method="post" noValidate onSubmit={onSubmit} className="space-y-4">
      <TextField label="Current password" name="currentPassword" type="password" autoComplete="current-password" required error={errors.currentPassword} />
      <TextField label="New password" name="newPassword" type="password" autoComplete="new-password" required hint={PASSWORD_HINT} error={errors.newPassword} />
      {change.error ? <FormAlert>{errorMessage(change.error)}</FormAlert> : null}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={!hydrated} pending={change.pending} pendingLabel="Changing…">
          Change password
        </Button>
        {changed ? (
          <p role="status" className="text-sm text-emerald-700">
            Password changed; your other sessions were signed out
          </p>
        ) : null}
      </div>
    </form>
  )
}

function ResetLinkCard(props: { members: NonNullable<AccountData['resettable']> }) {
  const [link, setLink] = useState<{ url: string; expiresAt: string; email: string } | null>(null)
  const issue = useAction(async (userId: string) => {
    const member = props.members.find((m) => m.userId === userId)
    const issued = await api<{ url: string; expiresAt: string }>('/api/account/reset-links', { body: { userId } })
    setLink({ ...issued, email: member?.email ?? '' })
  })
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const userId = textValue(new FormData(event.currentTarget), 'userId')
    if (userId) void issue.run(userId)
  }
  return (
    <Card title="Password reset links" description="For a member who forgot their password: the link works once, for one hour, and signs them out everywhere. Send it to them yourself.">
      {props.members.length === 0 ? (
        <p className="text-sm text-slate-600">There is nobody else here yet.</p>
      ) : (
        <div className="space-y-5">
          <form onSubmit={onSubmit} className="grid gap-4 sm:grid-cols-[minmax(0,1fr)_auto] sm:items-end">
            <SelectField label="Member" name="userId" defaultValue="">
              <option value="" disabled>
                Choose a member
              </option>
              {props.members.map((member) => (
                <option key={member.userId} value={member.userId}>
                  {member.name ? `${member.name} (${member.email})` : member.email}
                </option>
              ))}
            </SelectField>
            <Button type="submit" pending={issue.pending} pendingLabel="Issuing…">
              Issue reset link
            </Button>
          </form>
          {issue.error ? <FormAlert>{errorMessage(issue.error)}</FormAlert> : null}
          {link ? (
            <OnceShownSecret title={`Reset link for ${link.email}`} value={link.url} copyLabel="Copy link" onDone={() => setLink(null)}>
              It works once, until <LocalTime iso={link.expiresAt} withTime />.
            </OnceShownSecret>
          ) : null}
        </div>
      )}
    </Card>
  )
}

function MemberKeysCard(props: { keys: MemberKey[] }) {
  const { keys } = props
  return (
    <Card title="Everyone’s API keys" description="Keys every member has made. Revoke one that was lost or belongs to someone who left; it stops working at once." flush>
      {keys.length === 0 ? (
        <EmptyState icon={<KeyIcon className="size-5" />} title="No API keys">
          <p>Nobody has made an API key yet.</p>
        </EmptyState>
      ) : (
        <>
          <DataTable caption="Everyone’s API keys" columns={['Owner', 'Name', 'Key', 'Created', 'Last used', '']}>
            {keys.map((key) => (
              <tr key={key.id}>
                <Td className="text-slate-900">
                  <span className="block font-medium">{key.owner.name || key.owner.email}</span>
                  <span className="block text-xs text-slate-500">{key.owner.email}</span>
                </Td>
                <Td className="text-slate-800">{key.name}</Td>
                <Td>
                  <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700">{key.prefix}…</code>
                </Td>
                <Td className="whitespace-nowrap text-slate-600">
                  <LocalTime iso={key.createdAt} />
                </Td>
                <Td className="whitespace-nowrap text-slate-600">{key.lastUsedAt ? <LocalTime iso={key.lastUsedAt} withTime /> : 'Never'}</Td>
                <Td className="text-right">
                  <RevokeMemberKey apiKey={key} />
                </Td>
              </tr>
            ))}
          </DataTable>
          <CardList label="Everyone’s API keys">
            {keys.map((key) => (
              <li key={key.id} className="px-5 py-4 sm:px-6">
                <p className="font-medium break-words text-slate-900">{key.name}</p>
                <CardFacts
                  facts={[
                    ['Owner', key.owner.email],
                    ['Key', <code key="k" className="font-mono text-xs">{key.prefix}…</code>],
                    ['Created', <LocalTime key="c" iso={key.createdAt} />],
                    ['Last used', key.lastUsedAt ? <LocalTime key="u" iso={key.lastUsedAt} withTime /> : 'Never'],
                  ]}
                />
                <div className="mt-3 flex justify-end">
                  <RevokeMemberKey apiKey={key} />
                </div>
              </li>
            ))}
          </CardList>
        </>
      )}
    </Card>
  )
}

function RevokeMemberKey(props: { apiKey: MemberKey }) {
  return <RevokeButton path={`/api/api-keys/${encodeURIComponent(props.apiKey.id)}?all=1`} accessibleLabel={`Revoke ${props.apiKey.name} of ${props.apiKey.owner.email}`} question="Revoke this key?" />
}
