// Where a page request should go given who is signed in. These redirects are only for
// comfort: every server function and API route checks the caller again.
import { redirect } from '@tanstack/react-router'
import type { SessionState } from '~/server/auth/session-state'

/** Pages a signed-out person may open when Executor manages its own accounts. */
function isPublicPage(pathname: string) {
  return pathname === '/login' || pathname === '/setup' || pathname.startsWith('/join/') || pathname.startsWith('/reset-password/')
}

/**
 * The path to send this request to instead, or undefined to let it through. `href` is the
 * path with its query, kept so sign-in can return there.
 */
export function sessionRedirect(session: SessionState, location: { pathname: string; href: string }): string | undefined {
  const { pathname } = location
  if (session.needsSetup) return pathname === '/setup' ? undefined : '/setup'
  if (pathname === '/setup') return '/'
  if (session.identity === 'access') {
    // Cloudflare Access owns sign-in there, so in-app account pages have nothing to offer.
    return isPublicPage(pathname) ? '/' : undefined
  }
  if (!session.principal) {
    if (isPublicPage(pathname)) return undefined
    return signInHref(location.href)
  }
  if (pathname === '/login') return '/'
  return undefined
}

/** Sign-in, returning to `href` (a path with its query) afterwards. */
export function signInHref(href: string): string {
  return href === '/' ? '/login' : `/login?${new URLSearchParams({ redirect: href })}`
}

const ORIGIN = 'http://executor.invalid'

/**
 * A `?redirect=` value made safe to navigate to: a path on this site, never another origin
 * (`//host`, `/\host`, `https://…`), else `/`.
 */
export function safeRedirect(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/'
  try {
    const url = new URL(value, ORIGIN)
    if (url.origin !== ORIGIN) return '/'
    return `${url.pathname}${url.search}${url.hash}`
  } catch {
    return '/'
  }
}

/**
 * beforeLoad of a page that exists only where Executor manages its own accounts (API keys,
 * authorized MCP clients, MCP consent): behind Cloudflare Access it sends the person home.
 */
export function accountsOnlyPage({ context }: { context: { session: SessionState } }) {
  if (context.session.identity === 'access') throw redirect({ to: '/' })
}
