// Dates in the reader's own time zone and locale. The server cannot know either, so the server
// render and the hydration pass both use UTC (identical text, no hydration mismatch) and the
// browser switches to local time right after.
import { useSyncExternalStore } from 'react'

const noSubscription = () => () => {}

function useHydrated() {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  )
}

export function LocalTime(props: { iso: string; withTime?: boolean }) {
  const hydrated = useHydrated()
  const date = new Date(props.iso)
  const timeZone = hydrated ? undefined : 'UTC'
  const locale = hydrated ? undefined : 'en-US'
  const text = new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: props.withTime ? 'short' : undefined,
    timeZone,
  }).format(date)
  const full = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short', timeZone }).format(date)
  return (
    <time dateTime={props.iso} title={full}>
      {text}
    </time>
  )
}
