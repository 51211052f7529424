import type { ReactNode } from 'react'

export function PageHeader(props: { title: string; description?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="mb-8 flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{props.title}</h1>
        {props.description ? <p className="mt-1 max-w-2xl text-slate-600">{props.description}</p> : null}
      </div>
      {props.actions}
    </div>
  )
}
