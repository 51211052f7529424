// The ordered rule list. Admins reorder it by dragging a row's handle (native drag and drop),
// with the Move up / Move down buttons, or with Alt+ArrowUp / Alt+ArrowDown on a focused row;
// the new order shows at once and is saved as a whole (the server refuses it if the list
// changed meanwhile, and the old order comes back with the reason).
import { useRouter } from '@tanstack/react-router'
import { useEffect, useRef, useState } from 'react'
import type { PolicyRule } from '~/server/policies/decide-policy'
import { Card, EmptyState } from '../../../components/card'
import { PoliciesIcon } from '../../../components/icons'
import { api, errorMessage } from '../../../lib/api-client'
import { type Notice, NoticeBar } from '../-admin/notice'
import { PolicyRow } from './policy-row'

export function PolicyListCard(props: { policies: PolicyRule[]; editable: boolean }) {
  const router = useRouter()
  const [order, setOrder] = useState(props.policies)
  const [notice, setNotice] = useState<Notice>(null)
  const [dragging, setDragging] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const focusAfterMove = useRef<string | null>(null)
  const listRef = useRef<HTMLOListElement>(null)

  useEffect(() => setOrder(props.policies), [props.policies])
  useEffect(() => {
    const id = focusAfterMove.current
    if (!id) return
    focusAfterMove.current = null
    listRef.current?.querySelector<HTMLElement>(`[data-policy-id="${CSS.escape(id)}"]`)?.focus()
  }, [order])

  async function move(id: string, to: number, keepFocus: boolean) {
    const from = order.findIndex((rule) => rule.id === id)
    const moving = order[from]
    if (!moving || to < 0 || to >= order.length || to === from) return
    const before = order
    const next = order.filter((rule) => rule.id !== id)
    next.splice(to, 0, moving)
    if (keepFocus) focusAfterMove.current = id
    setOrder(next.map((rule, position) => ({ ...rule, position })))
    setNotice(null)
    setSaving(true)
    try {
      await api('/api/policies/reorder', { body: { ids: next.map((rule) => rule.id) } })
      setNotice({ tone: 'success', text: `Moved ${moving.pattern} to place ${to + 1}.` })
      await router.invalidate()
    } catch (error) {
      setOrder(before)
      setNotice({ tone: 'error', text: `Could not reorder: ${errorMessage(error)}` })
    } finally {
      setSaving(false)
    }
  }

  const count = order.length
  return (
    <Card
      title="Policies"
      description={
        count === 0
          ? 'Nothing decided by rule yet.'
          : `${count} ${count === 1 ? 'rule' : 'rules'}, tried from the top; the first whose pattern matches a call decides it.${props.editable ? ' Drag a row by its handle, or focus it and press Alt+↑ / Alt+↓, to move it.' : ''}`
      }
      flush
    >
      <NoticeBar notice={notice} />
      {count === 0 ? (
        <EmptyState icon={<PoliciesIcon className="size-5" />} title="No policies">
          <p>No policies: every call follows its tool's default — reads allowed, writes need approval.</p>
          {props.editable ? <p className="mt-2">Add one below, e.g. block every tool of an integration with its slug and .*</p> : null}
        </EmptyState>
      ) : (
        <ol ref={listRef} aria-label="Policies in order" aria-busy={saving} className="divide-y divide-slate-200">
          {order.map((rule, index) => (
            <PolicyRow
              key={rule.id}
              rule={rule}
              index={index}
              total={count}
              editable={props.editable}
              dragging={dragging}
              onDragStart={() => setDragging(rule.id)}
              onDragEnd={() => setDragging(null)}
              onDropOn={(draggedId) => {
                setDragging(null)
                void move(draggedId, index, false)
              }}
              onMove={(to) => void move(rule.id, to, true)}
              onNotice={setNotice}
            />
          ))}
        </ol>
      )}
    </Card>
  )
}
