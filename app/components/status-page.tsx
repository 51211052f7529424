import { Link } from '@tanstack/react-router'
import type { ReactNode } from 'react'
import { buttonClass } from './button'

/** A centred "you cannot see this" message: not found, forbidden. */
export function StatusPage(props: {
  status: string
  title: string
  icon?: ReactNode
  children: ReactNode
  back: { to: '/' | '/executions' | '/integrations'; label: string }
}) {
  return (
    <div className="mx-auto max-w-md py-16 text-center">
      {props.icon ? (
        <div aria-hidden className="mx-auto mb-4 grid size-12 place-items-center rounded-full bg-slate-100 text-slate-500">
          {props.icon}
        </div>
      ) : null}
      <p className="text-sm font-semibold text-indigo-600">{props.status}</p>
      <h1 className="mt-1 text-2xl font-semibold tracking-tight">{props.title}</h1>
      <p className="mt-2 text-slate-600">{props.children}</p>
      <Link to={props.back.to} className={buttonClass('primary', 'mt-6')}>
        {props.back.label}
      </Link>
    </div>
  )
}
