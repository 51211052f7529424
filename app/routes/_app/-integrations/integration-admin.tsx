// What admins change on an integration: its base URL, a refresh of its description (from its
// URL, or a new pasted text for one added pasted), and removing it.
import { useNavigate, useRouter } from '@tanstack/react-router'
import { type FormEvent, useRef, useState } from 'react'
import { UpdateIntegrationSchema } from '~/server/integrations/integration.schema'
import type { IntegrationView } from '~/server/integrations/integrations'
import { Button } from '../../../components/button'
import { Card } from '../../../components/card'
import { ConfirmButton } from '../../../components/confirm-button'
import { FormAlert, TextAreaField, TextField } from '../../../components/form-field'
import { api, errorMessage } from '../../../lib/api-client'
import { textValue, validateForm } from '../../../lib/form-values'
import { useAction } from '../../../lib/use-action'

const pathOf = (integration: IntegrationView) => `/api/integrations/${encodeURIComponent(integration.id)}`

/** The base URL as a fact, with Edit for admins. */
export function BaseUrlFact(props: { integration: IntegrationView; admin: boolean }) {
  const { integration } = props
  const router = useRouter()
  const formRef = useRef<HTMLFormElement>(null)
  const [editing, setEditing] = useState(false)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const save = useAction(async (baseUrl: string | null) => {
    await api(pathOf(integration), { method: 'PATCH', body: { baseUrl } })
    await router.invalidate()
    setEditing(false)
  })
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const text = textValue(new FormData(event.currentTarget), 'baseUrl')
    const data = validateForm(UpdateIntegrationSchema, { baseUrl: text === '' ? null : text }, formRef.current, setErrors)
    if (data) void save.run(data.baseUrl ?? null)
  }
  if (editing) {
    return (
      <form ref={formRef} noValidate onSubmit={onSubmit} className="space-y-2">
        <TextField
          label="Base URL"
          name="baseUrl"
          type="url"
          inputMode="url"
          autoComplete="off"
          defaultValue={integration.baseUrl ?? ''}
          placeholder={integration.details?.servers[0] ?? 'https://api.example.com'}
          hint="Empty goes back to the description's first server."
          error={errors.baseUrl}
          autoFocus
        />
        {save.error ? <FormAlert>{errorMessage(save.error)}</FormAlert> : null}
        <div className="flex gap-2">
          <Button type="submit" pending={save.pending} pendingLabel="Saving…" className="px-3 py-1.5">
            Save
          </Button>
          <Button variant="ghost" onClick={() => setEditing(false)} className="px-3 py-1.5">
            Cancel
          </Button>
        </div>
      </form>
    )
  }
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
      {integration.effectiveBaseUrl ? (
        <span className="min-w-0 font-mono text-sm break-all text-slate-900">{integration.effectiveBaseUrl}</span>
      ) : (
        <span className="text-sm text-amber-800">None: calls fail until one is set</span>
      )}
      {integration.effectiveBaseUrl && !integration.baseUrl ? <span className="text-xs text-slate-500">({integration.kind === 'openapi' ? 'from the description' : 'the URL it was added from'})</span> : null}
      {props.admin ? (
        <button type="button" onClick={() => setEditing(true)} className="text-sm font-medium text-indigo-700 hover:text-indigo-900" aria-label="Edit base URL">
          Edit
        </button>
      ) : null}
    </div>
  )
}

export function ManageCard(props: { integration: IntegrationView }) {
  const { integration } = props
  return (
    <Card title="Manage" description="Admins only.">
      <div className="space-y-6">
        <Refresh integration={integration} />
        <div className="flex flex-col gap-3 border-t border-slate-200 pt-5 sm:flex-row sm:items-start sm:justify-between">
          <div className="text-sm">
            <p className="font-medium text-slate-900">Remove this integration</p>
            <p className="text-slate-600">Its tools and every connection to it go too; agents' calls to tools.{integration.slug} stop working.</p>
          </div>
          <Remove integration={integration} />
        </div>
      </div>
    </Card>
  )
}

function Refresh(props: { integration: IntegrationView }) {
  const { integration } = props
  const router = useRouter()
  const [document, setDocument] = useState('')
  const [error, setError] = useState<string>()
  const refresh = useAction(async (body?: { document: string }) => {
    await api(`${pathOf(integration)}/refresh`, { method: 'POST', body })
    setDocument('')
    await router.invalidate()
  })
  const importing = integration.status === 'importing'
  if (integration.sourceUrl) {
    return (
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0 text-sm">
          <p className="font-medium text-slate-900">Refresh from its URL</p>
          <p className="text-slate-600">{integration.kind === 'mcp' ? 'Reads the server’s tool list again' : integration.kind === 'graphql' ? 'Reads the schema again' : 'Reads the description again'} and replaces the tools with what it holds now.</p>
        </div>
        <div className="flex shrink-0 flex-col items-end gap-1">
          <Button variant="secondary" disabled={importing} pending={refresh.pending} pendingLabel="Refreshing…" onClick={() => void refresh.run()}>
            Refresh
          </Button>
          {refresh.error ? (
            <p role="alert" className="text-sm text-red-700">
              {errorMessage(refresh.error)}
            </p>
          ) : null}
        </div>
      </div>
    )
  }
  return (
    <form
      noValidate
      className="space-y-3"
      onSubmit={(event) => {
        event.preventDefault()
        const empty = document.trim() === ''
        // With no new text, the server imports the document it kept from the last import again.
        if (empty && !integration.details?.source) return setError('Paste the new description first')
        setError(undefined)
        void refresh.run(empty ? undefined : { document })
      }}
    >
      <TextAreaField
        label="Refresh from a new document"
        name="document"
        rows={6}
        spellCheck={false}
        value={document}
        onChange={(event) => setDocument(event.target.value)}
        hint={
          integration.details?.source
            ? "It was added pasted: paste the description's new text to replace its tools, or leave this empty to import the kept document again."
            : "It was added pasted: paste the description's new text to replace its tools."
        }
        error={error}
      />
      {refresh.error ? <FormAlert>{errorMessage(refresh.error)}</FormAlert> : null}
      <div className="flex justify-end">
        <Button type="submit" variant="secondary" disabled={importing} pending={refresh.pending} pendingLabel="Refreshing…">
          Refresh
        </Button>
      </div>
    </form>
  )
}

function Remove(props: { integration: IntegrationView }) {
  const navigate = useNavigate()
  const remove = useAction(async () => {
    await api(pathOf(props.integration), { method: 'DELETE' })
    await navigate({ to: '/integrations' })
  })
  return (
    <div className="inline-flex shrink-0 flex-col items-end gap-1">
      <ConfirmButton
        label="Remove"
        accessibleLabel={`Remove ${props.integration.name}`}
        question={`Remove ${props.integration.slug} and its connections?`}
        confirmLabel="Remove"
        pendingLabel="Removing…"
        pending={remove.pending}
        onConfirm={() => void remove.run()}
      />
      {remove.error ? (
        <p role="alert" className="text-sm text-red-700">
          {errorMessage(remove.error)}
        </p>
      ) : null}
    </div>
  )
}
