// Personal API keys: created here, shown once, listed by prefix, revocable.
import { createFileRoute, useRouter } from '@tanstack/react-router'
import { type FormEvent, useRef, useState } from 'react'
import { CreateApiKeySchema } from '~/server/api-keys/api-key.schema'
import { Badge } from '../../components/badge'
import { Button } from '../../components/button'
import { Card, EmptyState } from '../../components/card'
import { CardFacts, CardList, DataTable, Td } from '../../components/data-table'
import { FormAlert, TextField } from '../../components/form-field'
import { KeyIcon } from '../../components/icons'
import { LocalTime } from '../../components/local-time'
import { OnceShownSecret } from '../../components/once-shown-secret'
import { PageHeader } from '../../components/page-header'
import { listApiKeysFn } from '../../functions/api-keys.functions'
import { api, errorMessage } from '../../lib/api-client'
import { optionalNumber, textValue, validateForm } from '../../lib/form-values'
import { useAction } from '../../lib/use-action'
import { RevokeButton } from '../../components/revoke-button'
import { accountsOnlyPage } from '../../lib/session-rules'

type ApiKey = Awaited<ReturnType<typeof listApiKeysFn>>[number]

export const Route = createFileRoute('/_app/api-keys')({
  // Behind Cloudflare Access there are no in-app keys: Access is the only identity.
  beforeLoad: accountsOnlyPage,
  loader: () => listApiKeysFn(),
  head: () => ({ meta: [{ title: 'API keys · Executor' }] }),
  component: ApiKeysPage,
})

function ApiKeysPage() {
  const keys = Route.useLoaderData()
  return (
    <>
      <PageHeader
        title="API keys"
        description="Keys let scripts and MCP clients act as you, with your role. Use one key per machine or tool, so revoking one breaks nothing else."
      />
      <div className="space-y-6">
        <Card title="Create a key" description="Name it after where it will be used, so you know which one to revoke later.">
          <CreateKeyForm keys={keys} />
        </Card>
        <Card title="Your keys" description={keys.length > 0 ? `${keys.length} key${keys.length === 1 ? '' : 's'}` : undefined} flush>
          {keys.length === 0 ? (
            <EmptyState icon={<KeyIcon className="size-5" />} title="No API keys yet">
              <p>
                Create one above, then send it with requests to <code className="font-mono text-slate-800">/api/*</code> or <code className="font-mono text-slate-800">/mcp</code>{' '}
                as <code className="font-mono whitespace-nowrap text-slate-800">Authorization: Bearer &lt;key&gt;</code> or in an <code className="font-mono text-slate-800">x-api-key</code> header.
              </p>
            </EmptyState>
          ) : (
            <KeyList keys={keys} />
          )}
        </Card>
      </div>
    </>
  )
}

function CreateKeyForm(props: { keys: ApiKey[] }) {
  const router = useRouter()
  const formRef = useRef<HTMLFormElement>(null)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [created, setCreated] = useState<{ id: string; name: string; key: string } | null>(null)
  const create = useAction(async (input: { name: string; expiresInDays?: number }) => {
    const result = await api<{ apiKey: ApiKey; key: string }>('/api/api-keys', { body: input })
    setCreated({ id: result.apiKey.id, name: result.apiKey.name, key: result.key })
    formRef.current?.reset()
    await router.invalidate()
  })

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    const input = { name: textValue(form, 'name'), expiresInDays: optionalNumber(form, 'expiresInDays') }
    const data = validateForm(CreateApiKeySchema, input, formRef.current, setErrors)
    if (data) void create.run(data)
  }

  return (
    <div className="space-y-5">
      <form ref={formRef} noValidate onSubmit={onSubmit} className="grid gap-4 sm:grid-cols-[minmax(0,1fr)_11rem_auto] sm:items-start">
        <TextField label="Name" name="name" placeholder="e.g. Laptop – Claude Code" autoComplete="off" maxLength={100} required error={errors.name} />
        <TextField
          label="Expires after"
          name="expiresInDays"
          type="number"
          inputMode="numeric"
          min={1}
          max={3650}
          placeholder="Never"
          optional
          hint="Days; empty means never"
          error={errors.expiresInDays}
        />
        <Button type="submit" pending={create.pending} pendingLabel="Creating…" className="sm:mt-7">
          Create key
        </Button>
      </form>
      {create.error ? <FormAlert>{errorMessage(create.error)}</FormAlert> : null}
      {/* Once the key is revoked there is nothing left worth copying. */}
      {created && props.keys.some((key) => key.id === created.id) ? (
        <OnceShownSecret title={`Your new key “${created.name}”`} value={created.key} copyLabel="Copy key" onDone={() => setCreated(null)}>
          Send it as <code className="font-mono whitespace-nowrap">Authorization: Bearer &lt;key&gt;</code> or{' '}
          <code className="font-mono whitespace-nowrap">x-api-key: &lt;key&gt;</code>. Executor stores only a hash of it.
        </OnceShownSecret>
      ) : null}
    </div>
  )
}

function KeyList(props: { keys: ApiKey[] }) {
  return (
    <>
      <DataTable caption="Your API keys" columns={['Name', 'Key', 'Created', 'Last used', 'Expires', '']}>
        {props.keys.map((key) => (
          <tr key={key.id}>
            <Td className="font-medium text-slate-900">{key.name}</Td>
            <Td>
              <KeyPrefix prefix={key.prefix} />
            </Td>
            <Td className="whitespace-nowrap text-slate-600">
              <LocalTime iso={key.createdAt} />
            </Td>
            <Td className="whitespace-nowrap text-slate-600">
              <LastUsed iso={key.lastUsedAt} />
            </Td>
            <Td className="whitespace-nowrap text-slate-600">
              <Expiry apiKey={key} />
            </Td>
            <Td className="text-right">
              <RevokeKey apiKey={key} />
            </Td>
          </tr>
        ))}
      </DataTable>
      <CardList label="Your API keys">
        {props.keys.map((key) => (
          <li key={key.id} className="px-5 py-4 sm:px-6">
            <p className="font-medium break-words text-slate-900">{key.name}</p>
            <CardFacts
              facts={[
                ['Key', <KeyPrefix key="prefix" prefix={key.prefix} />],
                ['Created', <LocalTime key="created" iso={key.createdAt} />],
                ['Last used', <LastUsed key="used" iso={key.lastUsedAt} />],
                ['Expires', <Expiry key="expires" apiKey={key} />],
              ]}
            />
            <div className="mt-3 flex justify-end">
              <RevokeKey apiKey={key} />
            </div>
          </li>
        ))}
      </CardList>
    </>
  )
}

function KeyPrefix(props: { prefix: string }) {
  return (
    <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700">
      {props.prefix}
      <span aria-hidden>…</span>
    </code>
  )
}

function LastUsed(props: { iso: string | null }) {
  return props.iso ? <LocalTime iso={props.iso} withTime /> : <span className="text-slate-500">Never</span>
}

function Expiry(props: { apiKey: ApiKey }) {
  const { expiresAt, status } = props.apiKey
  if (!expiresAt) return <span className="text-slate-500">Never</span>
  return (
    <span className="inline-flex items-center gap-2">
      <LocalTime iso={expiresAt} />
      {status === 'expired' ? <Badge tone="amber">Expired</Badge> : null}
    </span>
  )
}

function RevokeKey(props: { apiKey: ApiKey }) {
  return <RevokeButton path={`/api/api-keys/${encodeURIComponent(props.apiKey.id)}`} accessibleLabel={`Revoke ${props.apiKey.name}`} question="Revoke this key?" />
}
