// How long a paused call has left before its approval expires ("in 8 min", under an "Expires" label). The server
// render and hydration cannot agree on "now", so both show the time itself and the countdown
// starts once React runs in the browser.
import { useEffect, useState } from 'react'
import { LocalTime } from '../../../components/local-time'
import { useHydrated } from '../../../lib/use-hydrated'

const TICK_MS = 15_000

/** "in 8 min", "in 40 s", "in 2 h 5 min"; `null` once the moment has passed. */
export function formatTimeLeft(ms: number): string | null {
  if (ms <= 0) return null
  if (ms < 60_000) return `in ${Math.ceil(ms / 1000)} s`
  const minutes = Math.round(ms / 60_000)
  if (minutes < 60) return `in ${minutes} min`
  const hours = Math.floor(minutes / 60)
  return minutes % 60 === 0 ? `in ${hours} h` : `in ${hours} h ${minutes % 60} min`
}

export function ExpiresIn(props: { iso: string }) {
  const hydrated = useHydrated()
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), TICK_MS)
    return () => clearInterval(timer)
  }, [])
  if (!hydrated) {
    return (
      <span>
        at <LocalTime iso={props.iso} withTime />
      </span>
    )
  }
  const left = formatTimeLeft(new Date(props.iso).getTime() - now)
  return (
    <time dateTime={props.iso} title={new Date(props.iso).toLocaleString()}>
      {left ?? 'expired'}
    </time>
  )
}
