// The frame for pages seen before (or instead of) the console: setup, sign-in, joining, and
// the Cloudflare Access notice. No sidebar: there is nothing to navigate to yet.
import type { ReactNode } from 'react'
import { Brand } from './app-shell'

export function CenteredCard(props: { orgName: string; children: ReactNode; footer?: ReactNode }) {
  return (
    <main className="flex min-h-screen flex-col items-center px-4 py-10 sm:justify-center sm:py-16">
      <div className="w-full max-w-md">
        <div className="mb-6 flex justify-center">
          <Brand orgName={props.orgName} />
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">{props.children}</div>
        {props.footer ? <div className="mt-6 text-center text-sm text-slate-600">{props.footer}</div> : null}
      </div>
    </main>
  )
}

export function CardHeading(props: { title: string; children?: ReactNode }) {
  return (
    <div className="mb-6">
      <h1 className="text-xl font-semibold tracking-tight text-slate-900">{props.title}</h1>
      {props.children ? <div className="mt-1.5 text-sm text-slate-600">{props.children}</div> : null}
    </div>
  )
}
