// The console's frame: a sidebar on wide screens, a top bar with a menu on phones. Pages are
// listed once in `navItems`; later pages add one line there.
import { Link } from '@tanstack/react-router'
import { type ReactNode, useState } from 'react'

type NavItem = { to: '/'; label: string; icon: ReactNode }

const navItems: NavItem[] = [{ to: '/', label: 'Overview', icon: <OverviewIcon /> }]

export function AppShell(props: { orgName: string; children: ReactNode }) {
  const [menuOpen, setMenuOpen] = useState(false)
  return (
    <div className="min-h-screen md:flex">
      <header className="flex items-center justify-between border-b border-slate-200 bg-white px-4 py-3 md:hidden">
        <Brand orgName={props.orgName} />
        <button
          type="button"
          aria-expanded={menuOpen}
          aria-controls="main-nav"
          onClick={() => setMenuOpen((open) => !open)}
          className="rounded-md border border-slate-200 px-3 py-1.5 text-sm font-medium text-slate-700"
        >
          Menu
        </button>
      </header>
      <aside
        className={`${menuOpen ? 'block' : 'hidden'} border-b border-slate-200 bg-white md:sticky md:top-0 md:block md:h-screen md:w-60 md:shrink-0 md:border-r md:border-b-0`}
      >
        <div className="hidden px-5 pt-5 pb-4 md:block">
          <Brand orgName={props.orgName} />
        </div>
        <nav id="main-nav" aria-label="Main" className="px-3 py-2">
          <ul className="space-y-1">
            {navItems.map((item) => (
              <li key={item.to}>
                <Link
                  to={item.to}
                  onClick={() => setMenuOpen(false)}
                  activeOptions={{ exact: true }}
                  className="flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900"
                  activeProps={{ className: 'bg-slate-100 text-slate-900' }}
                >
                  {item.icon}
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </aside>
      <main className="min-w-0 flex-1 px-4 py-6 sm:px-8 sm:py-10">
        <div className="mx-auto max-w-5xl">{props.children}</div>
      </main>
    </div>
  )
}

function Brand(props: { orgName: string }) {
  return (
    <Link to="/" className="flex items-center gap-2.5">
      <span aria-hidden className="grid size-8 place-items-center rounded-lg bg-indigo-600 font-mono text-sm font-bold text-white">
        {'{}'}
      </span>
      <span className="leading-tight">
        <span className="block text-sm font-semibold text-slate-900">Executor</span>
        <span className="block text-xs text-slate-500">{props.orgName}</span>
      </span>
    </Link>
  )
}

function OverviewIcon() {
  return (
    <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className="size-4">
      <path d="M3 3h6v6H3V3Zm8 0h6v4h-6V3ZM3 11h6v6H3v-6Zm8-2h6v8h-6V9Z" />
    </svg>
  )
}
