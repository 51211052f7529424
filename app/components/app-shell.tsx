// The console's frame: a sidebar on wide screens, a top bar with a menu on phones. Pages are
// listed once in `navItems`; later pages add one line there.
import { Link } from '@tanstack/react-router'
import { type ReactNode, useState } from 'react'
import type { SessionState } from '~/server/auth/session-state'
import { canAdminister, roleNames } from '../lib/roles'
import { ConnectIcon, ExecutionsIcon, IntegrationsIcon, KeyIcon, OverviewIcon, PeopleIcon, PoliciesIcon, ToolkitsIcon, ToolsIcon, UserIcon } from './icons'
import { buttonClass } from './button'
import { PendingApprovalsPill, usePendingApprovalCount } from './pending-approvals'
import { SignOutButton } from './sign-out-button'

type Viewer = { identity: SessionState['identity']; principal: SessionState['principal'] }

type NavItem = {
  to: '/' | '/connect' | '/executions' | '/integrations' | '/tools' | '/policies' | '/toolkits' | '/api-keys' | '/account' | '/admin'
  label: string
  icon: ReactNode
  /** hidden when this returns false; the page itself still checks (and the server does too) */
  visible?: (viewer: Viewer) => boolean
}

// Behind Cloudflare Access there are no in-app API keys, invites or member management; the
// Account page shows who Access says you are, and Admin only the audit log.
const accountsOnly = (viewer: Viewer) => viewer.identity === 'accounts'

const navItems: NavItem[] = [
  { to: '/', label: 'Overview', icon: <OverviewIcon /> },
  { to: '/connect', label: 'Connect a client', icon: <ConnectIcon /> },
  { to: '/executions', label: 'Executions', icon: <ExecutionsIcon /> },
  { to: '/integrations', label: 'Integrations', icon: <IntegrationsIcon /> },
  { to: '/tools', label: 'Tools', icon: <ToolsIcon /> },
  { to: '/policies', label: 'Policies', icon: <PoliciesIcon /> },
  { to: '/toolkits', label: 'Toolkits', icon: <ToolkitsIcon /> },
  { to: '/api-keys', label: 'API keys', icon: <KeyIcon />, visible: accountsOnly },
  { to: '/account', label: 'Account', icon: <UserIcon /> },
  { to: '/admin', label: 'Admin', icon: <PeopleIcon />, visible: (v) => canAdminister(v.principal?.role) },
]

export function AppShell(props: { orgName: string; viewer: Viewer; children: ReactNode }) {
  const [menuOpen, setMenuOpen] = useState(false)
  const items = navItems.filter((item) => item.visible?.(props.viewer) ?? true)
  const pendingApprovals = usePendingApprovalCount(props.viewer.principal !== null)
  return (
    <div className="min-h-screen md:flex">
      <header className="flex items-center justify-between border-b border-slate-200 bg-white px-4 py-3 md:hidden">
        <Brand orgName={props.orgName} />
        <button
          type="button"
          aria-expanded={menuOpen}
          aria-controls="main-menu"
          onClick={() => setMenuOpen((open) => !open)}
          className="rounded-md border border-slate-200 px-3 py-1.5 text-sm font-medium text-slate-700"
        >
          Menu
        </button>
      </header>
      {/* The aside spans the page height (border, background); its content sticks on scroll. */}
      <aside
        id="main-menu"
        className={`${menuOpen ? 'block' : 'hidden'} border-b border-slate-200 bg-white md:block md:w-60 md:shrink-0 md:border-r md:border-b-0`}
      >
        <div className="flex flex-col md:sticky md:top-0 md:h-screen">
          <div className="hidden px-5 pt-5 pb-4 md:block">
            <Brand orgName={props.orgName} />
          </div>
          <nav aria-label="Main" className="px-3 py-2 md:flex-1">
            <ul className="space-y-1">
              {items.map((item) => (
                <li key={item.to} className="relative">
                  <Link
                    to={item.to}
                    onClick={() => setMenuOpen(false)}
                    // Overview is only itself; other items stay lit on their sub-pages (/executions/<id>).
                    activeOptions={{ exact: item.to === '/' }}
                    className="flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900"
                    activeProps={{ className: 'bg-slate-100 text-slate-900' }}
                  >
                    {item.icon}
                    {item.label}
                  </Link>
                  {/* A link of its own beside the entry (links cannot nest): to the runs waiting for a decision. */}
                  {item.to === '/executions' ? (
                    <span className="absolute inset-y-0 right-2 flex items-center">
                      <PendingApprovalsPill count={pendingApprovals} onClick={() => setMenuOpen(false)} />
                    </span>
                  ) : null}
                </li>
              ))}
            </ul>
          </nav>
          {props.viewer.principal ? <UserArea principal={props.viewer.principal} identity={props.viewer.identity} /> : null}
        </div>
      </aside>
      <main className="min-w-0 flex-1 px-4 py-6 sm:px-8 sm:py-10">
        <div className="mx-auto max-w-5xl">{props.children}</div>
      </main>
    </div>
  )
}

function UserArea(props: { principal: NonNullable<SessionState['principal']>; identity: SessionState['identity'] }) {
  const { principal } = props
  return (
    <section aria-label="Your account" className="mx-3 mb-3 border-t border-slate-200 pt-3">
      <div className="flex items-center gap-3 px-2">
        <span aria-hidden className="grid size-8 shrink-0 place-items-center rounded-full bg-indigo-100 text-xs font-semibold text-indigo-700">
          {initials(principal.name || principal.email)}
        </span>
        <div className="min-w-0 flex-1 leading-tight">
          <p className="truncate text-sm font-medium text-slate-900" title={principal.email}>
            {principal.name || principal.email}
          </p>
          <p className="truncate text-xs text-slate-500">{roleNames[principal.role]}</p>
          {/* Behind Access, who you are is Access's word: say so, with the groups it sent. */}
          {props.identity === 'access' ? (
            <p className="truncate text-xs text-slate-500" title={principal.groups?.length ? `Groups: ${principal.groups.join(', ')}` : undefined}>
              {principal.via === 'dev' ? 'via dev auth' : 'via Cloudflare Access'}
              {principal.groups?.length ? ` · ${principal.groups.join(', ')}` : ''}
            </p>
          ) : null}
        </div>
      </div>
      {/* MCP clients signed in through the browser exist only where Executor manages accounts. */}
      {props.identity === 'accounts' ? (
        <Link to="/authorized-clients" className={buttonClass('ghost', 'mt-2 w-full justify-start px-2')} activeProps={{ className: 'bg-slate-100' }}>
          <ConnectIcon />
          Authorized clients
        </Link>
      ) : null}
      {/* Dev auth signs every request in as the dev admin: there is no session to end. */}
      {principal.via === 'dev' ? null : <SignOutButton identity={props.identity} className="mt-2 w-full justify-start px-2" />}
    </section>
  )
}

function initials(name: string) {
  const parts = name.trim().split(/\s+/)
  const letters = parts.length > 1 ? `${parts[0]?.[0] ?? ''}${parts.at(-1)?.[0] ?? ''}` : name.slice(0, 2)
  return letters.toUpperCase()
}

export function Brand(props: { orgName: string }) {
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
