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
let kept: KeyedRows | null = null

/** Rows with the viewer and filters they were fetched for. */
type KeyedRows = HistoryRows & { key: string }

// withNewest answers the same object when nothing changed: keep it, so nothing re-renders.
const newest = (current: KeyedRows, page: HistoryPage): KeyedRows => {
  const next = withNewest(current, page)
  return next === current ? current : { ...next, key: current.key }
}

const firstRows = (page: HistoryPage, key: string): KeyedRows => ({ rows: page.executions, nextBefore: page.nextBefore, key })

/**
 * The history rows for `viewer` matching `filter`, starting from the loader's `firstPage` and
 * what this tab showed before for the same filters. New filters (the URL changed) start again
 * from their own first page, which arrives with them; rows kept for other filters never mix in.
 */
export function useHistoryRows(firstPage: HistoryPage, viewer: string, filter: HistoryFilter = {}) {
  const filterJson = JSON.stringify(filter)
  const key = `${viewer}\n${filterJson}`
  const [state, setState] = useState<KeyedRows>(() =>
    kept?.key === key ? { ...withNewest(kept, firstPage), key } : firstRows(firstPage, key),
  )
  // Until the state catches up with new filters, show their first page.
  const shown = state.key === key ? state : firstRows(firstPage, key)
  /** Applies `update` to the rows of these filters; rows of other filters start from their first page. */
  const setShown = (update: (current: HistoryRows) => HistoryRows) =>
    setState((current) => ({ ...update(current.key === key ? current : firstRows(firstPage, key)), key }))
  useEffect(() => {
    kept = shown
  }, [shown])
  // A first page the loader brought later (the page was reloaded by the router, or new filters).
  useEffect(() => {
    setState((current) => (current.key === key ? newest(current, firstPage) : firstRows(firstPage, key)))
  }, [firstPage, key])

  useEffect(() => {
    const filter = JSON.parse(filterJson) as HistoryFilter
    let inFlight = false
    let stopped = false
    const refresh = async () => {
      if (inFlight || document.visibilityState !== 'visible') return
      inFlight = true
      try {
        const page = await listExecutionsFn({ data: filter })
        if (!stopped) setState((current) => (current.key === key ? newest(current, page) : current))
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
  }, [filterJson, key])

  return {
    rows: shown.rows,
    nextBefore: shown.nextBefore,
    filtered: isFiltered(filter),
    // A run started here may not match the filters: the next refresh brings it if it does.
    addRun: (run: ExecutionSummary) => {
      if (!isFiltered(filter)) setShown((current) => withRun(current, run))
    },
    addOlder: (page: HistoryPage) => setShown((current) => withOlder(current, page)),
  }
}

export type HistoryState = ReturnType<typeof useHistoryRows>
