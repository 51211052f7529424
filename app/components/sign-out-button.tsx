// Ends the session. With in-app accounts that is Better Auth's sign-out; behind Cloudflare
// Access the session belongs to Access, so the button goes to its logout URL instead.
import { useRouter } from '@tanstack/react-router'
import type { SessionState } from '~/server/auth/session-state'
import { api, errorMessage } from '../lib/api-client'
import { useAction } from '../lib/use-action'
import { Button, buttonClass } from './button'
import { SignOutIcon } from './icons'

export function SignOutButton(props: {
  identity: SessionState['identity']
  variant?: 'ghost' | 'secondary'
  /** reload the current page signed out instead of going to /login (the join page) */
  stay?: boolean
  className?: string
}) {
  const router = useRouter()
  const variant = props.variant ?? 'ghost'
  const signOut = useAction(async () => {
    await api('/api/auth/sign-out', { body: {} })
    // Nothing loaded for this person may be shown to whoever signs in next.
    router.clearCache()
    if (props.stay) await router.invalidate()
    else await router.navigate({ to: '/login' })
  })
  if (props.identity === 'access') {
    return (
      <a href="/cdn-cgi/access/logout" className={buttonClass(variant, props.className)}>
        <SignOutIcon />
        Sign out
      </a>
    )
  }
  return (
    <>
      <Button variant={variant} pending={signOut.pending} pendingLabel="Signing out…" onClick={() => signOut.run()} className={props.className}>
        <SignOutIcon />
        Sign out
      </Button>
      {signOut.error ? (
        <p role="alert" className="mt-1 px-2 text-xs text-red-700">
          {errorMessage(signOut.error)}
        </p>
      ) : null}
    </>
  )
}
