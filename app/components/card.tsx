// A titled panel: the unit every console page is built from.
import { type ReactNode, useId } from 'react'

export function Card(props: { title: string; description?: ReactNode; actions?: ReactNode; children: ReactNode; flush?: boolean }) {
  const headingId = useId()
  return (
    <section aria-labelledby={headingId} className="rounded-xl border border-slate-200 bg-white shadow-sm">
      <div className="flex flex-col gap-3 border-b border-slate-200 px-5 py-4 sm:flex-row sm:items-center sm:justify-between sm:px-6">
        <div className="min-w-0">
          <h2 id={headingId} className="text-base font-semibold text-slate-900">
            {props.title}
          </h2>
          {props.description ? <p className="mt-0.5 text-sm text-slate-600">{props.description}</p> : null}
        </div>
        {props.actions}
      </div>
      {/* `flush` lets tables and lists run edge to edge */}
      <div className={props.flush ? '' : 'px-5 py-5 sm:px-6'}>{props.children}</div>
    </section>
  )
}

export function EmptyState(props: { icon?: ReactNode; title: string; children: ReactNode }) {
  return (
    <div className="px-5 py-10 text-center sm:px-6">
      {props.icon ? (
        <div aria-hidden className="mx-auto grid size-10 place-items-center rounded-full bg-slate-100 text-slate-500">
          {props.icon}
        </div>
      ) : null}
      <h3 className="mt-3 text-sm font-semibold text-slate-900">{props.title}</h3>
      <div className="mx-auto mt-1 max-w-md text-sm text-slate-600">{props.children}</div>
    </div>
  )
}
