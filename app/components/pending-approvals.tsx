// The number of paused executions the viewer may decide, as an amber pill beside Executions in
// the navigation, linking to them. Fetched after hydration, on every navigation, every 30 s while
// the tab is visible, and when a page says a decision was made; zero shows nothing.
import { Link, useRouter } from '@tanstack/react-router'
import { useEffect, useState } from 'react'
import { listPendingApprovalsFn } from '../functions/approvals.functions'

const REFRESH_EVERY_MS = 30_000
const DECIDED_EVENT = 'executor:approvals-changed'

/** Tells the badge a decision was made, so it counts again now rather than at its next tick. */
export function refreshPendingApprovals() {
  window.dispatchEvent(new Event(DECIDED_EVENT))
}

export function usePendingApprovalCount(enabled: boolean): number {
  const router = useRouter()
  const [count, setCount] = useState(0)
  useEffect(() => {
    if (!enabled) return
    let stopped = false
    let latest = 0
    const refresh = () => {
      if (document.visibilityState !== 'visible') return
      // Answers can cross; only the last request's counts.
      const asked = ++latest
      listPendingApprovalsFn()
        .then((answer) => {
          if (!stopped && asked === latest) setCount(answer.count)
        })
        // A failed count (a moment offline, a session that ended) keeps the last one until the next try.
        .catch(() => undefined)
    }
    refresh()
    const timer = setInterval(refresh, REFRESH_EVERY_MS)
    const unsubscribe = router.subscribe('onResolved', (event) => {
      if (event.hrefChanged) refresh()
    })
    document.addEventListener('visibilitychange', refresh)
    window.addEventListener(DECIDED_EVENT, refresh)
    return () => {
      stopped = true
      clearInterval(timer)
      unsubscribe()
      document.removeEventListener('visibilitychange', refresh)
      window.removeEventListener(DECIDED_EVENT, refresh)
    }
  }, [enabled, router])
  return count
}

export function PendingApprovalsPill(props: { count: number; onClick?: () => void }) {
  if (props.count <= 0) return null
  const label = `${props.count} pending approval${props.count === 1 ? '' : 's'}`
  return (
    <Link
      to="/executions"
      search={{ status: 'paused' }}
      onClick={props.onClick}
      aria-label={label}
      title={label}
      className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900 tabular-nums ring-1 ring-amber-600/25 ring-inset hover:bg-amber-200"
    >
      {props.count > 99 ? '99+' : props.count}
    </Link>
  )
}
