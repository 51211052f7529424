// A run still going, on its detail page: how long it has run, a Cancel button, and a refresh
// every second until it ends, when the page shows its result instead.
import { useRouter } from '@tanstack/react-router'
import { useEffect, useState } from 'react'
import { Button } from '../../../components/button'
import { Card } from '../../../components/card'
import { api, errorMessage } from '../../../lib/api-client'
import { useAction } from '../../../lib/use-action'
import { SectionNote, type ExecutionView } from './outcome'

const REFRESH_EVERY_MS = 1_000

export function RunningOutcome(props: { execution: ExecutionView }) {
  const { execution } = props
  const router = useRouter()
  const elapsedMs = useElapsedMs(execution.startedAt)
  const cancel = useAction(async () => {
    await api(`/api/executions/${encodeURIComponent(execution.id)}/cancel`, { method: 'POST' })
    await router.invalidate()
  })
  return (
    <Card title="Result">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <SectionNote>
          Still running{elapsedMs === null ? '' : ` (${formatElapsed(elapsedMs)} so far)`}: its result, logs and tool calls appear here
          when it ends.
        </SectionNote>
        <Button variant="danger" pending={cancel.pending} pendingLabel="Cancelling…" onClick={() => void cancel.run()}>
          Cancel run
        </Button>
      </div>
      {cancel.error ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {errorMessage(cancel.error)}
        </p>
      ) : null}
    </Card>
  )
}

/** Reloads the page's data every second while `active`, one reload at a time. */
export function useRefreshWhile(active: boolean) {
  const router = useRouter()
  useEffect(() => {
    if (!active) return
    let stopped = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const refresh = async () => {
      // A failed reload (a moment offline) is retried on the next tick.
      await router.invalidate().catch(() => undefined)
      if (!stopped) timer = setTimeout(() => void refresh(), REFRESH_EVERY_MS)
    }
    timer = setTimeout(() => void refresh(), REFRESH_EVERY_MS)
    return () => {
      stopped = true
      clearTimeout(timer)
    }
  }, [active, router])
}

/** Milliseconds since `startedAt`, ticking each second; null until mounted (the server renders no clock). */
export function useElapsedMs(startedAt: string): number | null {
  const [now, setNow] = useState<number | null>(null)
  useEffect(() => {
    setNow(Date.now())
    const timer = setInterval(() => setNow(Date.now()), 1_000)
    return () => clearInterval(timer)
  }, [])
  return now === null ? null : Math.max(0, now - Date.parse(startedAt))
}

/** "7 s", "2 min 5 s": whole seconds, as a clock counting up reads. */
export function formatElapsed(ms: number): string {
  const seconds = Math.floor(ms / 1000)
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`
}
