// Adding a connection, or changing one: its name, who it is shared with (admins choose; members'
// are personal), and the credential, with the fields its method needs. New connections start
// from the API's own security schemes. Secret fields are password inputs, empty each time: a
// stored secret is never sent back, so changing the method or settings means typing it again.
import { useRouter } from '@tanstack/react-router'
import { type FormEvent, useRef, useState } from 'react'
import type { z } from 'zod'
import { AuthSchema, CreateConnectionSchema, UpdateConnectionSchema } from '~/server/connections/connection.schema'
import type { ConnectionView } from '~/server/connections/connections'
import { Button } from '../../../components/button'
import { FormAlert, SelectField, TextField } from '../../../components/form-field'
import { api, errorMessage } from '../../../lib/api-client'
import { focusField, textValue } from '../../../lib/form-values'
import { useAction } from '../../../lib/use-action'
import { type AuthDraft, type AuthMethod, authMethodNames } from './auth-methods'

type Props = {
  integrationId: string
  /** may share with the org (admins) */
  admin: boolean
  draft: AuthDraft
  /** when editing: the connection changed */
  editing?: ConnectionView
  defaultName?: string
  onDone: () => void
  onCancel?: () => void
}

// Form field names for the auth's fields (its `name` would clash with the connection's name).
const authFieldNames: Record<string, string> = {
  name: 'paramName',
  in: 'in',
  prefix: 'prefix',
  key: 'key',
  token: 'token',
  username: 'username',
  password: 'password',
  grant: 'grant',
  scopes: 'scopes',
  clientId: 'clientId',
  clientSecret: 'clientSecret',
  issuer: 'issuer',
}

export function ConnectionForm(props: Props) {
  const router = useRouter()
  const formRef = useRef<HTMLFormElement>(null)
  const [method, setMethod] = useState<AuthMethod>(props.draft.type)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const base = `/api/integrations/${encodeURIComponent(props.integrationId)}/connections`
  const save = useAction(async (body: unknown) => {
    if (props.editing) await api(`${base}/${encodeURIComponent(props.editing.id)}`, { method: 'PATCH', body })
    else {
      const created = await api<{ authorizeUrl?: string }>(base, { body })
      // OAuth 2 sign-in: off to the provider; its callback page says how it went and links back here.
      if (created.authorizeUrl) {
        window.location.assign(created.authorizeUrl)
        return
      }
    }
    await router.invalidate()
    props.onDone()
  })

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    const auth = readAuth(form, method)
    const input = props.editing
      ? { name: textValue(form, 'name'), auth }
      : { name: textValue(form, 'name'), scope: props.admin ? textValue(form, 'scope') : 'user', auth }
    const schema: z.ZodType = props.editing ? UpdateConnectionSchema : CreateConnectionSchema
    const parsed = schema.safeParse(input)
    if (!parsed.success) {
      const found: Record<string, string> = {}
      for (const issue of parsed.error.issues) {
        const [first, second] = issue.path.map(String)
        const field = first === 'auth' ? (authFieldNames[second ?? ''] ?? 'authType') : (first ?? '')
        found[field] ??= issue.message
      }
      setErrors(found)
      focusField(formRef.current, Object.keys(found)[0])
      return
    }
    setErrors({})
    void save.run(parsed.data)
  }

  const draft = props.draft
  const idPrefix = props.editing ? `edit-${props.editing.id}` : 'new-connection'
  return (
    <form ref={formRef} noValidate onSubmit={onSubmit} aria-label={props.editing ? `Change ${props.editing.address}` : 'Add connection'} className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2 sm:items-start">
        <TextField
          id={`${idPrefix}-name`}
          label="Name"
          name="name"
          autoComplete="off"
          spellCheck={false}
          maxLength={40}
          defaultValue={props.editing?.name ?? props.defaultName ?? ''}
          placeholder="main"
          hint="Lowercase letters, digits and _; part of the full call path."
          error={errors.name}
        />
        {props.editing ? null : props.admin ? (
          <SelectField id={`${idPrefix}-scope`} label="Shared with" name="scope" defaultValue="org" hint="A personal connection is seen and used by you alone." error={errors.scope}>
            <option value="org">Everyone in the org (org.…)</option>
            <option value="user">Only me (me.…)</option>
          </SelectField>
        ) : (
          <div className="text-sm">
            <p className="font-medium text-slate-800">Shared with</p>
            <p className="mt-2 text-slate-600">Only you (me.…): admins add the org's connections.</p>
          </div>
        )}
        <SelectField
          id={`${idPrefix}-method`}
          label="Authentication"
          name="authType"
          value={method}
          onChange={(event) => setMethod(event.target.value as AuthMethod)}
          error={errors.authType}
        >
          {(Object.keys(authMethodNames) as AuthMethod[]).filter((type) => !(props.editing && type === 'oauth2')).map((type) => (
            <option key={type} value={type}>
              {authMethodNames[type]}
            </option>
          ))}
        </SelectField>
        <AuthFields method={method} draft={draft} errors={errors} idPrefix={idPrefix} replacing={Boolean(props.editing?.secretSet)} />
      </div>
      {save.error ? <FormAlert>{errorMessage(save.error)}</FormAlert> : null}
      <div className="flex flex-wrap justify-end gap-2">
        {props.onCancel ? (
          <Button variant="ghost" onClick={props.onCancel}>
            Cancel
          </Button>
        ) : null}
        <Button type="submit" pending={save.pending} pendingLabel="Saving…" className="max-sm:w-full">
          {props.editing ? 'Save connection' : 'Add connection'}
        </Button>
      </div>
    </form>
  )
}

function AuthFields(props: { method: AuthMethod; draft: AuthDraft; errors: Record<string, string>; idPrefix: string; replacing: boolean }) {
  const { method, draft, errors, idPrefix } = props
  const secretHint = props.replacing ? 'The stored one is never shown; type it again to keep it, or a new one to replace it.' : 'Stored encrypted; never shown again.'
  if (method === 'none') {
    return <p className="self-center text-sm text-slate-600 sm:mt-7">Requests go out without a credential.</p>
  }
  if (method === 'oauth2') {
    return (
      <>
        <SelectField id={`${idPrefix}-grant`} label="Grant" name="grant" defaultValue={draft.grant} error={errors.grant}>
          <option value="authorization_code">Sign in at the provider (authorization code)</option>
          <option value="client_credentials">Client credentials (machine to machine)</option>
        </SelectField>
        <TextField
          id={`${idPrefix}-scopes`}
          label="Scopes"
          name="scopes"
          autoComplete="off"
          spellCheck={false}
          optional
          defaultValue={draft.scopes}
          placeholder="read write"
          hint="Space-separated. Empty: what the server asks for or offers."
          error={errors.scopes}
        />
        <TextField
          id={`${idPrefix}-client-id`}
          label="Client ID"
          name="clientId"
          autoComplete="off"
          spellCheck={false}
          optional
          hint="Empty: Executor registers itself with the server when it allows that."
          error={errors.clientId}
        />
        <SecretField id={`${idPrefix}-client-secret`} label="Client secret" name="clientSecret" optional hint="Only for a client registered with a secret. Stored encrypted." error={errors.clientSecret} />
        <TextField
          id={`${idPrefix}-issuer`}
          label="Authorization server"
          name="issuer"
          type="url"
          inputMode="url"
          autoComplete="off"
          optional
          placeholder="https://auth.example.com"
          hint="Empty: found from the API's description or the server's metadata."
          error={errors.issuer}
        />
      </>
    )
  }
  if (method === 'bearer') {
    return <SecretField id={`${idPrefix}-token`} label="Token" name="token" hint={`Sent as Authorization: Bearer <token>. ${secretHint}`} error={errors.token} />
  }
  if (method === 'basic') {
    return (
      <>
        <TextField id={`${idPrefix}-username`} label="Username" name="username" autoComplete="off" defaultValue={draft.username} error={errors.username} />
        <SecretField id={`${idPrefix}-password`} label="Password" name="password" hint={secretHint} error={errors.password} />
      </>
    )
  }
  return (
    <>
      <SelectField id={`${idPrefix}-in`} label="Send the key in" name="in" defaultValue={draft.in} error={errors.in}>
        <option value="header">A header</option>
        <option value="query">A query parameter</option>
        <option value="cookie">A cookie</option>
      </SelectField>
      <TextField
        id={`${idPrefix}-param`}
        label="Header, parameter or cookie name"
        name="paramName"
        autoComplete="off"
        spellCheck={false}
        defaultValue={draft.name}
        placeholder="X-API-Key"
        error={errors.paramName}
      />
      <TextField
        id={`${idPrefix}-prefix`}
        label="Prefix"
        name="prefix"
        autoComplete="off"
        optional
        defaultValue={draft.prefix}
        placeholder="e.g. token "
        hint="Written before the key, space included."
        error={errors.prefix}
      />
      <SecretField id={`${idPrefix}-key`} label="API key" name="key" hint={secretHint} error={errors.key} />
    </>
  )
}

function SecretField(props: { id: string; label: string; name: string; hint: string; error?: string; optional?: boolean }) {
  // new-password: browsers must not offer the console's own sign-in password here.
  return <TextField {...props} type="password" autoComplete="new-password" spellCheck={false} />
}

/** The `auth` body from the form; the schema (AuthSchema) judges it. */
function readAuth(form: FormData, method: AuthMethod): z.input<typeof AuthSchema> | Record<string, unknown> {
  // Secrets are sent as typed (untrimmed): a space may belong to them.
  const raw = (name: string) => {
    const value = form.get(name)
    return typeof value === 'string' ? value : ''
  }
  switch (method) {
    case 'none':
      return { type: 'none' }
    case 'oauth2': {
      const scopes = textValue(form, 'scopes').split(/\s+/).filter((scope) => scope !== '')
      const clientId = textValue(form, 'clientId')
      const clientSecret = raw('clientSecret')
      const issuer = textValue(form, 'issuer')
      return {
        type: 'oauth2',
        grant: textValue(form, 'grant'),
        ...(scopes.length > 0 ? { scopes } : {}),
        ...(clientId ? { clientId } : {}),
        ...(clientSecret ? { clientSecret } : {}),
        ...(issuer ? { issuer } : {}),
      }
    }
    case 'bearer':
      return { type: 'bearer', token: raw('token') }
    case 'basic':
      return { type: 'basic', username: textValue(form, 'username'), password: raw('password') }
    case 'apiKey': {
      const prefix = raw('prefix')
      return { type: 'apiKey', in: textValue(form, 'in'), name: textValue(form, 'paramName'), key: raw('key'), ...(prefix ? { prefix } : {}) }
    }
  }
}
