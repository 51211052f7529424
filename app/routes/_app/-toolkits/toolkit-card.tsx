// One toolkit: its name, mode, description, patterns and MCP URL (with a copy button); for admins
// an inline edit form and a remove button that asks once more.
import { useRouter } from '@tanstack/react-router'
import { useState } from 'react'
import type { Toolkit } from '~/server/toolkits/toolkits'
import { Badge } from '../../../components/badge'
import { Button } from '../../../components/button'
import { ConfirmButton } from '../../../components/confirm-button'
import { CopyButton } from '../../../components/copy-button'
import { FormAlert } from '../../../components/form-field'
import { api, errorMessage } from '../../../lib/api-client'
import { useAction } from '../../../lib/use-action'
import { ToolkitForm } from './toolkit-form'

export const modeLabels = { code: 'Code mode', direct: 'Direct tools' } as const

export function ToolkitCard(props: { toolkit: Toolkit; origin: string; editable: boolean }) {
  const { toolkit } = props
  const router = useRouter()
  const [editing, setEditing] = useState(false)
  const url = `${props.origin}/mcp/${toolkit.slug}`
  const remove = useAction(async () => {
    await api(`/api/toolkits/${toolkit.id}`, { method: 'DELETE' })
    await router.invalidate()
  })
  if (editing) return <ToolkitForm toolkit={toolkit} onDone={() => setEditing(false)} />
  return (
    <section aria-label={toolkit.name} className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <div className="flex flex-wrap items-start justify-between gap-3 px-4 py-4 sm:px-6">
        <div className="min-w-0">
          <h2 className="flex flex-wrap items-center gap-2 text-base font-semibold text-slate-900">
            {toolkit.name}
            <Badge tone={toolkit.mode === 'direct' ? 'indigo' : 'neutral'}>{modeLabels[toolkit.mode]}</Badge>
          </h2>
          {toolkit.description ? <p className="mt-1 text-sm text-slate-600">{toolkit.description}</p> : null}
        </div>
        {props.editable ? (
          <div className="flex flex-wrap gap-2">
            <Button variant="secondary" className="px-3 py-1.5" aria-label={`Edit ${toolkit.name}`} onClick={() => setEditing(true)}>
              Edit
            </Button>
            <ConfirmButton
              label="Delete"
              accessibleLabel={`Delete ${toolkit.name}`}
              question={`Delete ${toolkit.name}? Clients using its URL stop working.`}
              confirmLabel="Delete toolkit"
              pendingLabel="Deleting…"
              pending={remove.pending}
              onConfirm={() => void remove.run()}
            />
          </div>
        ) : null}
      </div>
      <div className="space-y-3 border-t border-slate-100 px-4 py-4 sm:px-6">
        <div className="flex flex-wrap items-center gap-2">
          <span className="text-xs font-medium tracking-wide text-slate-500 uppercase">MCP URL</span>
          <code className="min-w-0 break-all rounded bg-slate-100 px-2 py-1 font-mono text-xs text-slate-800" data-testid="toolkit-url">
            {url}
          </code>
          <CopyButton value={url} label="Copy URL" />
        </div>
        <div className="flex flex-wrap items-center gap-1.5">
          <span className="text-xs font-medium tracking-wide text-slate-500 uppercase">Patterns</span>
          {toolkit.patterns.map((pattern) => (
            <code key={pattern} className="rounded border border-slate-200 px-1.5 py-0.5 font-mono text-xs text-slate-700">
              {pattern}
            </code>
          ))}
        </div>
        {remove.error ? <FormAlert>{errorMessage(remove.error)}</FormAlert> : null}
      </div>
    </section>
  )
}
