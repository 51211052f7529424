// Labelled inputs with a hint and an inline error, wired with aria-describedby so screen
// readers announce both. Forms use `noValidate` and show these errors instead of the browser's
// bubbles, which cannot be styled and vanish on their own.
import { type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes, useId } from 'react'

const control =
  'block w-full rounded-md border bg-white px-3 py-2 text-sm text-slate-900 shadow-sm placeholder:text-slate-400 focus:outline-none focus:ring-2 disabled:bg-slate-50 disabled:text-slate-500'
const controlOk = 'border-slate-300 focus:border-indigo-500 focus:ring-indigo-500/25'
const controlBad = 'border-red-400 focus:border-red-500 focus:ring-red-500/25'

type FieldShell = { label: string; hint?: ReactNode; error?: string; optional?: boolean; className?: string }

function useFieldIds(explicitId: string | undefined, hint: unknown, error: unknown) {
  const generated = useId()
  const id = explicitId ?? generated
  const hintId = hint ? `${id}-hint` : undefined
  const errorId = error ? `${id}-error` : undefined
  return { id, describedBy: [hintId, errorId].filter(Boolean).join(' ') || undefined, hintId, errorId }
}

function Frame(props: FieldShell & { id: string; hintId?: string; errorId?: string; children: ReactNode }) {
  return (
    <div className={props.className}>
      <label htmlFor={props.id} className="flex items-baseline justify-between gap-2 text-sm font-medium text-slate-800">
        {props.label}
        {props.optional ? <span className="text-xs font-normal text-slate-500">Optional</span> : null}
      </label>
      <div className="mt-1.5">{props.children}</div>
      {props.hint ? (
        <p id={props.hintId} className="mt-1.5 text-xs text-slate-500">
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p id={props.errorId} className="mt-1.5 text-sm text-red-700">
          {props.error}
        </p>
      ) : null}
    </div>
  )
}

export function TextField({ label, hint, error, optional, className, ...input }: FieldShell & InputHTMLAttributes<HTMLInputElement>) {
  const ids = useFieldIds(input.id, hint, error)
  return (
    <Frame label={label} hint={hint} error={error} optional={optional} className={className} {...ids}>
      <input
        {...input}
        id={ids.id}
        aria-invalid={error ? true : undefined}
        aria-describedby={ids.describedBy}
        className={`${control} ${error ? controlBad : controlOk}`}
      />
    </Frame>
  )
}

export function SelectField({ label, hint, error, optional, className, children, ...select }: FieldShell & SelectHTMLAttributes<HTMLSelectElement>) {
  const ids = useFieldIds(select.id, hint, error)
  return (
    <Frame label={label} hint={hint} error={error} optional={optional} className={className} {...ids}>
      <select
        {...select}
        id={ids.id}
        aria-invalid={error ? true : undefined}
        aria-describedby={ids.describedBy}
        className={`${control} ${error ? controlBad : controlOk} pr-8`}
      >
        {children}
      </select>
    </Frame>
  )
}

export function TextAreaField({ label, hint, error, optional, className, ...area }: FieldShell & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const ids = useFieldIds(area.id, hint, error)
  return (
    <Frame label={label} hint={hint} error={error} optional={optional} className={className} {...ids}>
      <textarea
        {...area}
        id={ids.id}
        aria-invalid={error ? true : undefined}
        aria-describedby={ids.describedBy}
        className={`${control} ${error ? controlBad : controlOk} font-mono text-xs leading-5`}
      />
    </Frame>
  )
}

/** A form-level error: what went wrong, in the server's words when it gave any. */
export function FormAlert(props: { children: ReactNode }) {
  return (
    <div role="alert" className="flex gap-2.5 rounded-md border border-red-200 bg-red-50 px-3 py-2.5 text-sm text-red-800">
      <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className="mt-0.5 size-4 shrink-0 text-red-500">
        <path
          fillRule="evenodd"
          d="M18 10a8 8 0 1 1-16 0 8 8 0 0 1 16 0Zm-8-5a.75.75 0 0 1 .75.75v4.5a.75.75 0 0 1-1.5 0v-4.5A.75.75 0 0 1 10 5Zm0 10a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z"
          clipRule="evenodd"
        />
      </svg>
      <div className="min-w-0">{props.children}</div>
    </div>
  )
}
