// One rule in the list: place, pattern, action and note; for admins a drag handle, move
// buttons, inline edit and delete.
import { useRouter } from '@tanstack/react-router'
import { type FormEvent, type KeyboardEvent, useState } from 'react'
import { POLICY_ACTIONS } from '~/db/enums'
import type { PolicyRule } from '~/server/policies/decide-policy'
import { Button } from '../../../components/button'
import { ConfirmButton } from '../../../components/confirm-button'
import { FormAlert, SelectField, TextField } from '../../../components/form-field'
import { DragHandleIcon } from '../../../components/icons'
import { api, errorMessage } from '../../../lib/api-client'
import { textValue } from '../../../lib/form-values'
import { useAction } from '../../../lib/use-action'
import type { Notice } from '../-admin/notice'
import { ActionBadge, actionLabels } from './policy-action'

type RowProps = {
  rule: PolicyRule
  index: number
  total: number
  editable: boolean
  /** the id of the rule being dragged, if any */
  dragging: string | null
  onDragStart: () => void
  onDragEnd: () => void
  onDropOn: (draggedId: string) => void
  onMove: (to: number) => void
  onNotice: (notice: Notice) => void
}

const DRAG_TYPE = 'application/x-executor-policy'

export function PolicyRow(props: RowProps) {
  const { rule, index, total, editable } = props
  const [editing, setEditing] = useState(false)
  const [dropTarget, setDropTarget] = useState(false)
  const label = `Rule ${index + 1}: ${rule.pattern}, ${actionLabels[rule.action].toLowerCase()}`

  function onKeyDown(event: KeyboardEvent<HTMLLIElement>) {
    if (!editable || event.target !== event.currentTarget || !event.altKey) return
    if (event.key === 'ArrowUp' && index > 0) props.onMove(index - 1)
    else if (event.key === 'ArrowDown' && index < total - 1) props.onMove(index + 1)
    else return
    event.preventDefault()
  }

  const accepting = editable && props.dragging !== null && props.dragging !== rule.id
  return (
    <li
      data-policy-id={rule.id}
      tabIndex={editable ? 0 : undefined}
      aria-label={label}
      onKeyDown={onKeyDown}
      onDragOver={(event) => {
        if (!accepting) return
        event.preventDefault()
        event.dataTransfer.dropEffect = 'move'
        setDropTarget(true)
      }}
      onDragLeave={() => setDropTarget(false)}
      onDrop={(event) => {
        setDropTarget(false)
        const draggedId = event.dataTransfer.getData(DRAG_TYPE) || props.dragging
        if (!editable || !draggedId || draggedId === rule.id) return
        event.preventDefault()
        props.onDropOn(draggedId)
      }}
      className={`flex flex-wrap items-start gap-x-3 gap-y-2 px-4 py-4 focus:outline-none focus-visible:bg-indigo-50/60 focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:ring-inset sm:px-6 ${
        dropTarget ? 'bg-indigo-50 shadow-[inset_0_2px_0_0_var(--color-indigo-500)]' : ''
      } ${props.dragging === rule.id ? 'opacity-50' : ''}`}
    >
      {editable ? (
        <span
          draggable
          title={`Drag ${rule.pattern} to another place`}
          aria-hidden
          onDragStart={(event) => {
            event.dataTransfer.effectAllowed = 'move'
            event.dataTransfer.setData(DRAG_TYPE, rule.id)
            event.dataTransfer.setData('text/plain', rule.pattern)
            const row = event.currentTarget.closest('li')
            if (row) event.dataTransfer.setDragImage(row, 16, 16)
            props.onDragStart()
          }}
          onDragEnd={props.onDragEnd}
          className="mt-0.5 cursor-grab rounded p-1 text-slate-400 hover:bg-slate-100 hover:text-slate-700 active:cursor-grabbing"
        >
          <DragHandleIcon className="size-4" />
        </span>
      ) : null}
      <span aria-hidden className="mt-0.5 grid h-6 min-w-6 place-items-center rounded-md bg-slate-100 px-1.5 text-xs font-semibold text-slate-600 tabular-nums">
        {index + 1}
      </span>
      {editing ? (
        <EditRule rule={rule} onDone={() => setEditing(false)} onNotice={props.onNotice} />
      ) : (
        <>
          <div className="min-w-0 flex-1 basis-48">
            <div className="flex flex-wrap items-center gap-2">
              <code className="font-mono text-sm break-all text-slate-900">{rule.pattern}</code>
              <ActionBadge action={rule.action} />
            </div>
            {rule.note ? <p className="mt-1 text-sm break-words text-slate-600">{rule.note}</p> : null}
          </div>
          {editable ? (
            <div className="ml-auto flex flex-wrap items-start justify-end gap-1.5">
              <Button variant="ghost" className="px-2 py-1.5" aria-label={`Move ${rule.pattern} up`} disabled={index === 0} onClick={() => props.onMove(index - 1)}>
                ↑
              </Button>
              <Button variant="ghost" className="px-2 py-1.5" aria-label={`Move ${rule.pattern} down`} disabled={index === total - 1} onClick={() => props.onMove(index + 1)}>
                ↓
              </Button>
              <Button variant="secondary" className="px-3 py-1.5" aria-label={`Edit ${rule.pattern}`} onClick={() => setEditing(true)}>
                Edit
              </Button>
              <DeleteRule rule={rule} onNotice={props.onNotice} />
            </div>
          ) : null}
        </>
      )}
    </li>
  )
}

function EditRule(props: { rule: PolicyRule; onDone: () => void; onNotice: (notice: Notice) => void }) {
  const router = useRouter()
  const { rule } = props
  const save = useAction(async (patch: { pattern: string; action: string; note: string }) => {
    await api(`/api/policies/${encodeURIComponent(rule.id)}`, { method: 'PATCH', body: patch })
    props.onNotice({ tone: 'success', text: `Saved ${patch.pattern}.` })
    await router.invalidate()
    props.onDone()
  })
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    void save.run({ pattern: textValue(form, 'pattern'), action: textValue(form, 'action'), note: textValue(form, 'note') })
  }
  return (
    <form
      noValidate
      onSubmit={onSubmit}
      aria-label={`Edit ${rule.pattern}`}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !save.pending) props.onDone()
      }}
      className="min-w-0 flex-1 basis-64 space-y-3"
    >
      <div className="grid gap-3 sm:grid-cols-[minmax(0,2fr)_12rem]">
        <TextField label="Pattern" name="pattern" defaultValue={rule.pattern} autoFocus autoComplete="off" spellCheck={false} maxLength={200} />
        <SelectField label="Action" name="action" defaultValue={rule.action}>
          {POLICY_ACTIONS.map((action) => (
            <option key={action} value={action}>
              {actionLabels[action]}
            </option>
          ))}
        </SelectField>
      </div>
      <TextField label="Note" name="note" optional defaultValue={rule.note ?? ''} maxLength={500} autoComplete="off" />
      {save.error ? <FormAlert>{errorMessage(save.error)}</FormAlert> : null}
      <div className="flex gap-2">
        <Button type="submit" className="px-3 py-1.5" pending={save.pending} pendingLabel="Saving…">
          Save
        </Button>
        <Button variant="ghost" className="px-3 py-1.5" disabled={save.pending} onClick={props.onDone}>
          Cancel
        </Button>
      </div>
    </form>
  )
}

function DeleteRule(props: { rule: PolicyRule; onNotice: (notice: Notice) => void }) {
  const router = useRouter()
  const remove = useAction(async () => {
    props.onNotice(null)
    try {
      await api(`/api/policies/${encodeURIComponent(props.rule.id)}`, { method: 'DELETE' })
      props.onNotice({ tone: 'success', text: `Deleted ${props.rule.pattern}.` })
      await router.invalidate()
    } catch (error) {
      props.onNotice({ tone: 'error', text: `Could not delete ${props.rule.pattern}: ${errorMessage(error)}` })
    }
  })
  return (
    <ConfirmButton
      label="Delete"
      accessibleLabel={`Delete ${props.rule.pattern}`}
      question="Delete this rule?"
      confirmLabel="Delete"
      pendingLabel="Deleting…"
      pending={remove.pending}
      onConfirm={() => void remove.run()}
    />
  )
}
