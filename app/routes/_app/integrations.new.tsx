// Adding an integration (admins): a description by URL or pasted (or read from a file in the
// browser), previewed before anything is saved, then added under a slug. Adding answers once the
// import is done or still running; either way the integration's page takes over.
import { createFileRoute, useNavigate } from '@tanstack/react-router'
import { type ChangeEvent, type FormEvent, useRef, useState } from 'react'
import { CreateIntegrationSchema, PreviewIntegrationSchema } from '~/server/integrations/integration.schema'
import type { IntegrationView } from '~/server/integrations/integrations'
import { Button } from '../../components/button'
import { Card } from '../../components/card'
import { FormAlert, TextAreaField, TextField } from '../../components/form-field'
import { LockIcon } from '../../components/icons'
import { PageHeader } from '../../components/page-header'
import { StatusPage } from '../../components/status-page'
import { ApiError, api, errorMessage } from '../../lib/api-client'
import { validateForm } from '../../lib/form-values'
import { canAdminister } from '../../lib/roles'
import { useAction } from '../../lib/use-action'
import { formatBytes } from '../../lib/format-bytes'
import { useHydrated } from '../../lib/use-hydrated'
import { BackToIntegrations } from './-integrations/back-link'
import { type Preview, PreviewPanel } from './-integrations/preview-panel'

export const Route = createFileRoute('/_app/integrations/new')({
  head: () => ({ meta: [{ title: 'Add integration · Executor' }] }),
  component: AddIntegrationPage,
})

type SourceKind = 'url' | 'document'
type Source = { url: string } | { document: string }
type ApiKind = 'openapi' | 'graphql' | 'mcp'
type Detection = { kind: ApiKind; confidence: 'certain' | 'likely' | 'guess'; reason: string }

const KIND_LABELS: Record<ApiKind, string> = { openapi: 'OpenAPI description', graphql: 'GraphQL endpoint or schema', mcp: 'Remote MCP server' }
const CONFIDENCE_LABELS: Record<Detection['confidence'], string> = { certain: 'sure', likely: 'likely', guess: 'a guess' }

function AddIntegrationPage() {
  const { session } = Route.useRouteContext()
  if (!canAdminister(session.principal?.role)) {
    return (
      <StatusPage status="403" title="Only owners and admins can add integrations" icon={<LockIcon className="size-5" />} back={{ to: '/integrations', label: 'Back to integrations' }}>
        Ask an owner or admin to add the API you need; once it is added you can see its tools and add your own connection.
      </StatusPage>
    )
  }
  return (
    <>
      <div className="mb-3">
        <BackToIntegrations />
      </div>
      <PageHeader
        title="Add integration"
        description="Point Executor at an OpenAPI 3.x or Swagger 2.0 description, a GraphQL endpoint or a remote MCP server. Executor tells which it is, previews what it holds, and you pick the slug agents will call it by."
      />
      <AddFlow />
    </>
  )
}

function AddFlow() {
  const hydrated = useHydrated()
  const navigate = useNavigate()
  const sourceForm = useRef<HTMLFormElement>(null)
  const addForm = useRef<HTMLFormElement>(null)
  const [kind, setKind] = useState<SourceKind>('url')
  const [url, setUrl] = useState('')
  const [document, setDocument] = useState('')
  const [fileNote, setFileNote] = useState<string | null>(null)
  const [sourceErrors, setSourceErrors] = useState<Record<string, string>>({})
  const [addErrors, setAddErrors] = useState<Record<string, string>>({})
  // The preview belongs to the source it was made from; changing the source drops it.
  const [previewed, setPreviewed] = useState<{ preview: Preview; source: Source } | null>(null)
  const [detected, setDetected] = useState<Detection | null>(null)
  const [apiKind, setApiKind] = useState<ApiKind>('openapi')
  const [slug, setSlug] = useState('')

  // Detect what the source is (unless the admin chose), then preview it as that kind.
  const preview = useAction(async (request: { source: Source; kind?: ApiKind }) => {
    let chosen = request.kind
    if (chosen === undefined) {
      const detection = await api<Detection>('/api/integrations/detect', { body: request.source })
      setDetected(detection)
      chosen = detection.kind
    }
    setApiKind(chosen)
    const result = await api<Preview>('/api/integrations/preview', { body: { ...request.source, kind: chosen } })
    setPreviewed({ preview: result, source: request.source })
    setSlug(result.suggestedSlug)
  })
  const add = useAction(async (body: Record<string, unknown>) => {
    const added = await api<IntegrationView>('/api/integrations', { body })
    await navigate({ to: '/integrations/$id', params: { id: added.id } })
  })

  function sourceChanged() {
    setPreviewed(null)
    setDetected(null)
    preview.clearError()
    add.clearError()
  }

  function onPreview(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const input = kind === 'url' ? { url: url.trim() } : { document }
    const data = validateForm(PreviewIntegrationSchema, input, sourceForm.current, (errors) =>
      // Both sources report under `url`; show it where this source's field is.
      setSourceErrors(kind === 'document' && errors.url ? { document: errors.url } : errors),
    )
    if (data) void preview.run({ source: kind === 'url' ? { url: url.trim() } : { document } })
  }

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0]
    if (!file) return
    sourceChanged()
    setDocument(await file.text())
    setFileNote(`Loaded ${file.name} (${formatBytes(file.size)})`)
  }

  function onAdd(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (!previewed) return
    const form = new FormData(event.currentTarget)
    const baseUrl = String(form.get('baseUrl') ?? '').trim()
    const input = { kind: apiKind, slug: slug.trim(), ...(baseUrl ? { baseUrl } : {}), ...previewed.source }
    const data = validateForm(CreateIntegrationSchema, input, addForm.current, setAddErrors)
    if (data) void add.run(data)
  }

  return (
    <div className="space-y-6">
      <Card title="1. The API" description="Where Executor reads the API from: a description, a GraphQL endpoint or an MCP server.">
        <form ref={sourceForm} noValidate onSubmit={onPreview} className="space-y-4">
          <fieldset>
            <legend className="text-sm font-medium text-slate-800">Source</legend>
            <div className="mt-2 flex flex-wrap gap-2">
              {(
                [
                  ['url', 'From a URL'],
                  ['document', 'Paste or upload'],
                ] as const
              ).map(([value, label]) => (
                <label
                  key={value}
                  className="flex cursor-pointer items-center gap-2 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-800 has-checked:border-indigo-500 has-checked:bg-indigo-50 has-checked:text-indigo-900 has-focus-visible:ring-2 has-focus-visible:ring-indigo-500/40"
                >
                  <input
                    type="radio"
                    name="source"
                    value={value}
                    checked={kind === value}
                    onChange={() => {
                      setKind(value)
                      setSourceErrors({})
                      sourceChanged()
                    }}
                    className="accent-indigo-600"
                  />
                  {label}
                </label>
              ))}
            </div>
          </fieldset>
          {kind === 'url' ? (
            <TextField
              label="URL"
              name="url"
              type="url"
              inputMode="url"
              autoComplete="off"
              placeholder="https://api.example.com/openapi.json"
              value={url}
              onChange={(event) => {
                setUrl(event.target.value)
                sourceChanged()
              }}
              hint="An OpenAPI document (JSON or YAML), a GraphQL endpoint, or a remote MCP server (streamable HTTP or SSE). Executor reaches it from the server, so it must be reachable from there."
              error={sourceErrors.url}
            />
          ) : (
            <div className="space-y-3">
              <TextAreaField
                label="Document"
                name="document"
                rows={12}
                spellCheck={false}
                placeholder={'openapi: 3.0.0\ninfo:\n  title: …'}
                value={document}
                onChange={(event) => {
                  setDocument(event.target.value)
                  setFileNote(null)
                  sourceChanged()
                }}
                hint="An OpenAPI document (JSON or YAML) or a GraphQL schema (SDL or introspection JSON); paste it or load it from a file below."
                error={sourceErrors.document}
              />
              <div>
                <label htmlFor="document-file" className="text-sm font-medium text-slate-800">
                  Or load a file
                </label>
                <input
                  id="document-file"
                  type="file"
                  accept=".json,.yaml,.yml,application/json,application/yaml,text/yaml"
                  onChange={(event) => void onFile(event)}
                  className="mt-1.5 block w-full max-w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-slate-700 hover:file:bg-slate-50"
                />
                {fileNote ? (
                  <p className="mt-1.5 text-xs text-slate-500" role="status">
                    {fileNote}
                  </p>
                ) : null}
              </div>
            </div>
          )}
          {detected ? (
            <div className="flex flex-wrap items-center gap-x-3 gap-y-2 rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700 ring-1 ring-slate-200" role="status">
              <span className="min-w-0">
                Detected: <strong className="font-semibold text-slate-900">{KIND_LABELS[detected.kind]}</strong> ({CONFIDENCE_LABELS[detected.confidence]}). {detected.reason}
              </span>
              <label className="flex items-center gap-2">
                <span className="whitespace-nowrap text-slate-600">Read it as</span>
                <select
                  name="kind"
                  value={apiKind}
                  onChange={(event) => {
                    const next = event.target.value as ApiKind
                    setPreviewed(null)
                    void preview.run({ source: kind === 'url' ? { url: url.trim() } : { document }, kind: next })
                  }}
                  className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
                >
                  {(Object.keys(KIND_LABELS) as ApiKind[]).map((value) => (
                    <option key={value} value={value}>
                      {KIND_LABELS[value]}
                    </option>
                  ))}
                </select>
              </label>
            </div>
          ) : null}
          {preview.error ? <FormAlert>{sourceErrorMessage(preview.error)}</FormAlert> : null}
          <div className="flex justify-end">
            <Button type="submit" variant={previewed ? 'secondary' : 'primary'} disabled={!hydrated} pending={preview.pending} pendingLabel="Reading…" className="max-sm:w-full">
              Preview
            </Button>
          </div>
        </form>
      </Card>

      {previewed ? (
        <Card title="2. Check and add" description="Nothing is saved until you add it.">
          <div className="space-y-5">
            <PreviewPanel preview={previewed.preview} />
            <form ref={addForm} noValidate onSubmit={onAdd} className="grid gap-4 sm:grid-cols-2 sm:items-start">
              <TextField
                label="Slug"
                name="slug"
                autoComplete="off"
                spellCheck={false}
                maxLength={40}
                value={slug}
                onChange={(event) => setSlug(event.target.value)}
                hint={
                  <>
                    Agents call its tools as <code className="font-mono break-all">tools.{slug.trim() || '<slug>'}.…</code>; lowercase letters, digits and _.
                  </>
                }
                error={addErrors.slug}
              />
              <TextField
                label="Base URL"
                name="baseUrl"
                type="url"
                inputMode="url"
                autoComplete="off"
                optional
                placeholder={previewed.preview.servers[0] ?? 'https://api.example.com'}
                hint="Where calls go, instead of the description's first server."
                error={addErrors.baseUrl}
              />
              <div className="space-y-3 sm:col-span-2">
                {add.error ? <FormAlert>{sourceErrorMessage(add.error)}</FormAlert> : null}
                <div className="flex justify-end">
                  <Button type="submit" pending={add.pending} pendingLabel="Adding…" className="max-sm:w-full">
                    Add integration
                  </Button>
                </div>
              </div>
            </form>
          </div>
        </Card>
      ) : null}
    </div>
  )
}

/** The server's words, plus the way around the request size limit a pasted document can hit. */
function sourceErrorMessage(error: unknown) {
  const message = errorMessage(error)
  return error instanceof ApiError && error.code === 'PAYLOAD_TOO_LARGE' ? `${message}: add a description this large by its URL instead` : message
}
