// A plain textarea that behaves enough like a code editor for a few lines of agent code: Tab and
// Shift+Tab indent and outdent by two spaces, Ctrl/⌘+Enter runs. Escape hands Tab back to the
// browser for one press, so keyboard users are never trapped in the field (WCAG 2.1.2).
//
// The field is read-only until the page hydrates: React sets a server-rendered textarea back to
// its rendered text when it takes it over, so anything typed before then would be replaced by
// (or, mid-keystroke, joined to) the sample.
import { type KeyboardEvent, type ReactNode, useId, useRef } from 'react'
import { useHydrated } from '../../../lib/use-hydrated'

const INDENT = '  '

export function CodeEditor(props: {
  label: string
  name: string
  value: string
  onChange: (value: string) => void
  onRun: () => void
  hint?: ReactNode
  error?: string
}) {
  const id = useId()
  const hydrated = useHydrated()
  const tabReleased = useRef(false)
  const hintId = props.hint ? `${id}-hint` : undefined
  const errorId = props.error ? `${id}-error` : undefined

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) {
      event.preventDefault()
      props.onRun()
      return
    }
    if (event.key === 'Escape') {
      tabReleased.current = true
      return
    }
    if (event.key !== 'Tab' || event.altKey || event.ctrlKey || event.metaKey) {
      tabReleased.current = false
      return
    }
    if (tabReleased.current) {
      tabReleased.current = false
      return
    }
    event.preventDefault()
    if (event.shiftKey) outdent(event.currentTarget)
    else indent(event.currentTarget)
    props.onChange(event.currentTarget.value)
  }

  return (
    <div>
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        {props.label}
      </label>
      <textarea
        id={id}
        name={props.name}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
        onKeyDown={onKeyDown}
        readOnly={!hydrated}
        rows={8}
        wrap="off"
        spellCheck={false}
        autoCapitalize="off"
        autoCorrect="off"
        autoComplete="off"
        aria-invalid={props.error ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
        // field-sizing grows the box with the code (Chromium); elsewhere `rows` and resize apply.
        className={`mt-1.5 block max-h-[32rem] min-h-44 w-full resize-y rounded-md border bg-slate-50 px-3 py-2.5 font-mono text-[13px] leading-6 text-slate-900 shadow-sm [field-sizing:content] [tab-size:2] placeholder:text-slate-400 focus:bg-white focus:ring-2 focus:outline-none ${
          props.error ? 'border-red-400 focus:border-red-500 focus:ring-red-500/25' : 'border-slate-300 focus:border-indigo-500 focus:ring-indigo-500/25'
        }`}
      />
      {props.hint ? (
        <p id={hintId} className="mt-1.5 text-xs text-slate-500">
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p id={errorId} className="mt-1.5 text-sm text-red-700">
          {props.error}
        </p>
      ) : null}
    </div>
  )
}

// execCommand keeps the browser's undo history (Ctrl+Z undoes an indent); where it is refused,
// setRangeText edits the value without it.
function replaceSelection(field: HTMLTextAreaElement, text: string) {
  if (!document.execCommand('insertText', false, text)) field.setRangeText(text, field.selectionStart, field.selectionEnd, 'end')
}

function selectedLines(field: HTMLTextAreaElement) {
  const { value, selectionStart, selectionEnd } = field
  const start = value.lastIndexOf('\n', selectionStart - 1) + 1
  // A selection ending right after a newline does not include the next line.
  const end = selectionEnd > selectionStart && value[selectionEnd - 1] === '\n' ? selectionEnd - 1 : selectionEnd
  const lineEnd = value.indexOf('\n', end)
  return { start, end: lineEnd === -1 ? value.length : lineEnd }
}

function indent(field: HTMLTextAreaElement) {
  const { selectionStart, selectionEnd, value } = field
  if (!value.slice(selectionStart, selectionEnd).includes('\n')) {
    replaceSelection(field, INDENT)
    return
  }
  const lines = selectedLines(field)
  const block = value.slice(lines.start, lines.end).replace(/^/gm, INDENT)
  field.setSelectionRange(lines.start, lines.end)
  replaceSelection(field, block)
  field.setSelectionRange(lines.start, lines.start + block.length)
}

function outdent(field: HTMLTextAreaElement) {
  const { selectionStart, selectionEnd, value } = field
  const collapsed = selectionStart === selectionEnd
  const lines = selectedLines(field)
  const original = value.slice(lines.start, lines.end)
  const block = original.replace(/^ {1,2}/gm, '')
  if (block === original) return
  const removedFirst = (original.split('\n', 1)[0] ?? '').length - (block.split('\n', 1)[0] ?? '').length
  field.setSelectionRange(lines.start, lines.end)
  replaceSelection(field, block)
  if (collapsed) {
    const caret = Math.max(lines.start, selectionStart - removedFirst)
    field.setSelectionRange(caret, caret)
  } else {
    field.setSelectionRange(lines.start, lines.start + block.length)
  }
}
