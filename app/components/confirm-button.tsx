// A destructive action that asks once more in place, instead of a modal: the question sits
// where the person is looking and works the same with keyboard and touch. Escape cancels.
import { useEffect, useRef, useState } from 'react'
import { Button } from './button'

export function ConfirmButton(props: {
  /** the trigger's text, e.g. "Remove" */
  label: string
  /** names the thing acted on for screen readers, e.g. "Remove Jane Doe" */
  accessibleLabel: string
  question: string
  confirmLabel: string
  pendingLabel: string
  pending: boolean
  onConfirm: () => void
}) {
  const [asking, setAsking] = useState(false)
  const trigger = useRef<HTMLButtonElement>(null)
  const wasAsking = useRef(false)
  useEffect(() => {
    if (wasAsking.current && !asking) trigger.current?.focus()
    wasAsking.current = asking
  }, [asking])

  if (!asking && !props.pending) {
    return (
      <Button ref={trigger} variant="secondary" aria-label={props.accessibleLabel} onClick={() => setAsking(true)} className="px-3 py-1.5">
        {props.label}
      </Button>
    )
  }
  return (
    // Question above the buttons: narrow enough for a table's last column.
    <div
      role="group"
      aria-label={props.accessibleLabel}
      className="inline-flex flex-col items-end gap-1.5"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !props.pending) setAsking(false)
      }}
    >
      <span className="text-sm text-slate-700">{props.question}</span>
      <span className="flex gap-2">
        <Button variant="ghost" disabled={props.pending} onClick={() => setAsking(false)} className="px-3 py-1.5">
          Cancel
        </Button>
        <Button variant="danger" autoFocus pending={props.pending} pendingLabel={props.pendingLabel} onClick={props.onConfirm} className="px-3 py-1.5">
          {props.confirmLabel}
        </Button>
      </span>
    </div>
  )
}
