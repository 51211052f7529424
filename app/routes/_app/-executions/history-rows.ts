// The rows the history list shows, kept across visits: older pages someone loaded are still
// there when they come back from a run's page, and the newest page, fetched again while the list
// is open, lays new runs over the top (and updates runs that finished) without moving the rest.
import { useEffect, useState } from 'react'
import { isFiltered, type HistoryFilter } from '~/server/executions/history-filter.schema'
import { listExecutionsFn } from '../../../functions/executions.functions'
import type { ExecutionSummary } from './outcome'

export type HistoryPage = Awaited<ReturnType<typeof listExecutionsFn>>

export type HistoryRows = { rows: ExecutionSummary[]; nextBefore: string | null }

/** How often an open, visible history asks for new runs. */
export const HISTORY_REFRESH_MS = 4000

/**
 * `page`, the newest runs, laid over the rows shown. Runs not in it are older than all of it, so
 * they stay below. A page that shares no run with the rows (more new runs than a page holds)
 * replaces them, rather than leave a gap between the two.
 */
export function withNewest(shown: HistoryRows, page: HistoryPage): HistoryRows {
  const inPage = new Set(page.executions.map((execution) => execution.id))
  const overlaps = shown.rows.some((execution) => inPage.has(execution.id))
  if (shown.rows.length === 0 || (!overlaps && page.nextBefore !== null)) return { rows: page.executions, nextBefore: page.nextBefore }
  const below = shown.rows.filter((execution) => !inPage.has(execution.id))
  return keepIfSame(shown, { rows: [...page.executions, ...below], nextBefore: shown.nextBefore })
}

/** `page`, the runs before the last one shown, added below. */
export function withOlder(shown: HistoryRows, page: HistoryPage): HistoryRows {
  const ids = new Set(shown.rows.map((execution) => execution.id))
  return { rows: [...shown.rows, ...page.executions.filter((execution) => !ids.has(execution.id))], nextBefore: page.nextBefore }
}

/** A run just started here, on top. */
export function withRun(shown: HistoryRows, run: ExecutionSummary): HistoryRows {
  return { rows: [run, ...shown.rows.filter((execution) => execution.id !== run.id)], nextBefore: shown.nextBefore }
}

// The same rows keep the same object, so a refresh that found nothing new renders nothing.
function keepIfSame(shown: HistoryRows, next: HistoryRows): HistoryRows {
  const same =
    next.nextBefore === shown.nextBefore &&
    next.rows.length === shown.rows.length &&
    next.rows.every((row, index) => {
      const old = shown.rows[index]
      return (
        old?.id === row.id &&
        old.status === row.status &&
        old.durationMs === row.durationMs &&
        old.toolCallCount === row.toolCallCount &&
        old.errorMessage === row.errorMessage
      )
    })
  return same ? shown : next
}

// Browser memory only: effects never run in the server render, so this stays empty there.
let kept: (HistoryRows & { key: string }) | null = null

const firstRows = (page: HistoryPage): HistoryRows => ({ rows: page.executions, nextBefore: page.nextBefore })

/**
 * The history rows for `viewer` matching `filter`, starting from the loader's `firstPage` and
 * what this tab showed before for the same filter; other filters start again from `firstPage`.
 */
export function useHistoryRows(firstPage: HistoryPage, viewer: string, filter: HistoryFilter = {}) {
  const filterJson = JSON.stringify(filter)
  const key = `${viewer}\n${filterJson}`
  const [shown, setShown] = useState<HistoryRows>(() => (kept?.key === key ? withNewest(kept, firstPage) : firstRows(firstPage)))
  const [shownKey, setShownKey] = useState(key)
  if (shownKey !== key) {
    // New filters (the URL changed): their first page replaces the rows, rather than joining them.
    setShownKey(key)
    setShown(firstRows(firstPage))
  }
  useEffect(() => {
    kept = { ...shown, key }
  }, [shown, key])
  // A first page the loader brought later (the page was reloaded by the router).
  useEffect(() => setShown((current) => withNewest(current, firstPage)), [firstPage])

  useEffect(() => {
    const filter = JSON.parse(filterJson) as HistoryFilter
    let inFlight = false
    let stopped = false
    const refresh = async () => {
      if (inFlight || document.visibilityState !== 'visible') return
      inFlight = true
      try {
        const page = await listExecutionsFn({ data: filter })
        if (!stopped) setShown((current) => withNewest(current, page))
      } catch {
        // Offline or a server hiccup: the next tick tries again. An ended session goes to sign-in.
      } finally {
        inFlight = false
      }
    }
    const timer = setInterval(() => void refresh(), HISTORY_REFRESH_MS)
    const onVisible = () => void refresh()
    document.addEventListener('visibilitychange', onVisible)
    window.addEventListener('focus', onVisible)
    return () => {
      stopped = true
      clearInterval(timer)
      document.removeEventListener('visibilitychange', onVisible)
      window.removeEventListener('focus', onVisible)
    }
  }, [filterJson])

  return {
    ...shown,
    filtered: isFiltered(filter),
    // A run started here may not match the filters: the next refresh brings it if it does.
    addRun: (run: ExecutionSummary) => {
      if (!isFiltered(filter)) setShown((current) => withRun(current, run))
    },
    addOlder: (page: HistoryPage) => setShown((current) => withOlder(current, page)),
  }
}

export type HistoryState = ReturnType<typeof useHistoryRows>
