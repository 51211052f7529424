// Lists render twice: a table on wide screens and stacked cards below `lg`, where a table
// would need sideways scrolling. The hidden one is display:none, so assistive technology and
// role-based tests only ever see one of them.
import type { ReactNode } from 'react'

export function DataTable(props: { caption: string; columns: string[]; children: ReactNode }) {
  return (
    <table className="hidden w-full text-left text-sm lg:table">
      <caption className="sr-only">{props.caption}</caption>
      <thead className="border-b border-slate-200 bg-slate-50/80 text-xs font-medium tracking-wide text-slate-500 uppercase">
        <tr>
          {props.columns.map((column, index) => (
            <th key={column || index} scope="col" className="px-4 py-2.5 font-medium first:pl-6 last:pr-6">
              {column || <span className="sr-only">Actions</span>}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">{props.children}</tbody>
    </table>
  )
}

export function Td(props: { children: ReactNode; className?: string }) {
  return <td className={`px-4 py-3 align-middle first:pl-6 last:pr-6 ${props.className ?? ''}`}>{props.children}</td>
}

export function CardList(props: { label: string; children: ReactNode }) {
  return (
    <ul aria-label={props.label} className="divide-y divide-slate-200 lg:hidden">
      {props.children}
    </ul>
  )
}

/** Label/value pairs inside one stacked card. */
export function CardFacts(props: { facts: [string, ReactNode][] }) {
  return (
    <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
      {props.facts.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-slate-500">{label}</dt>
          <dd className="min-w-0 text-slate-800">{value}</dd>
        </div>
      ))}
    </dl>
  )
}
