// The one moment a secret (invite link, API key) exists in plain text: the server keeps only
// its hash, so the person must copy it now. Focus moves here so keyboard and screen-reader
// users land on it, too.
import { type ReactNode, useEffect, useId, useRef } from 'react'
import { Button } from './button'
import { CopyButton } from './copy-button'

export function OnceShownSecret(props: { title: string; children: ReactNode; value: string; copyLabel: string; onDone: () => void }) {
  const headingId = useId()
  const box = useRef<HTMLDivElement>(null)
  useEffect(() => box.current?.focus(), [props.value])
  return (
    <div
      ref={box}
      tabIndex={-1}
      role="region"
      aria-labelledby={headingId}
      className="rounded-xl border border-indigo-200 bg-indigo-50/70 p-4 outline-none sm:p-5"
    >
      <div className="flex items-start gap-3">
        <span aria-hidden className="mt-0.5 grid size-6 shrink-0 place-items-center rounded-full bg-indigo-600 text-white">
          <svg viewBox="0 0 20 20" fill="currentColor" className="size-3.5">
            <path fillRule="evenodd" d="M16.7 5.3a1 1 0 0 1 0 1.4l-8 8a1 1 0 0 1-1.4 0l-4-4a1 1 0 1 1 1.4-1.4L8 12.58l7.3-7.3a1 1 0 0 1 1.4 0Z" clipRule="evenodd" />
          </svg>
        </span>
        <div className="min-w-0 flex-1">
          <h3 id={headingId} className="text-sm font-semibold text-slate-900">
            {props.title}
          </h3>
          <p className="mt-1 text-sm text-slate-700">{props.children}</p>
          <p className="mt-1 text-sm font-medium text-amber-800">It won't be shown again: copy it now.</p>
        </div>
      </div>
      <div className="mt-3 flex flex-col gap-2 sm:flex-row sm:items-start">
        <code className="block min-w-0 flex-1 rounded-md border border-indigo-200 bg-white px-3 py-2 font-mono text-sm break-all text-slate-900 select-all">
          {props.value}
        </code>
        <div className="flex gap-2">
          <CopyButton value={props.value} label={props.copyLabel} />
          <Button variant="ghost" onClick={props.onDone}>
            Done
          </Button>
        </div>
      </div>
    </div>
  )
}
