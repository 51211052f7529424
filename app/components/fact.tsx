// One labelled value in a facts grid (`<dl>`): an execution's status and timing, an integration's source.
import type { ReactNode } from 'react'

export function Fact(props: { label: string; children: ReactNode; className?: string; valueClassName?: string }) {
  return (
    <div className={`min-w-0 ${props.className ?? ''}`}>
      <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">{props.label}</dt>
      <dd className={`mt-1 text-slate-900 ${props.valueClassName ?? ''}`}>{props.children}</dd>
    </div>
  )
}
