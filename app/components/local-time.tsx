// Dates in the reader's own time zone and locale. The server cannot know either, so the server
// render and the hydration pass both use UTC (identical text, no hydration mismatch) and the
// browser switches to local time right after.
import { useHydrated } from '../lib/use-hydrated'

export function LocalTime(props: {
  iso: string
  withTime?: boolean
  /** hours, minutes and seconds: runs in a list can be seconds apart */
  withSeconds?: boolean
}) {
  const hydrated = useHydrated()
  const date = new Date(props.iso)
  const timeZone = hydrated ? undefined : 'UTC'
  const locale = hydrated ? undefined : 'en-US'
  const text = new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: props.withSeconds ? 'medium' : props.withTime ? 'short' : undefined,
    timeZone,
  }).format(date)
  const full = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: props.withSeconds ? 'medium' : 'short', timeZone }).format(date)
  return (
    <time dateTime={props.iso} title={full}>
      {text}
    </time>
  )
}
