// The filters execution history can be searched by: one schema for the HTTP API, the console's
// server function and the Executions page's URL, so a filter means the same everywhere.
// Client-safe (zod and the enums only): the page validates its search params with it.
import { z } from 'zod'
import { EXECUTION_SOURCES, EXECUTION_STATUSES } from '~/db/enums'

/** The longest text search or tool prefix accepted: a search is a phrase, not a document. */
export const MAX_SEARCH_LENGTH = 200

// A form submits an empty field as `name=`; an empty filter means no filter.
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional())

// `2026-11-30` or a full ISO time with an offset (`2026-11-30T09:00:00Z`).
const isoTime = (name: string) =>
  z.union([z.iso.date(), z.iso.datetime({ offset: true })], { error: `${name} must be an ISO date (2026-11-30) or time (2026-11-30T09:00:00Z)` })

const text = (name: string, max: number) =>
  z.string().trim().min(1, `${name} is empty`).max(max, `${name} must be at most ${max} characters`)

export const HistoryFilterSchema = z.object({
  status: optional(z.enum(EXECUTION_STATUSES, { error: `status must be one of ${EXECUTION_STATUSES.join(', ')}` })),
  source: optional(z.enum(EXECUTION_SOURCES, { error: `source must be one of ${EXECUTION_SOURCES.join(', ')}` })),
  actor: optional(text('actor', 100)),
  integration: optional(text('integration', 100)),
  tool: optional(text('tool', MAX_SEARCH_LENGTH)),
  from: optional(isoTime('from')),
  to: optional(isoTime('to')),
  q: optional(text('q', MAX_SEARCH_LENGTH)),
})

export type HistoryFilter = z.infer<typeof HistoryFilterSchema>

export const HISTORY_FILTER_KEYS = Object.keys(HistoryFilterSchema.shape) as (keyof HistoryFilter)[]

/** The start of a `from` bound; a bare date starts at its UTC midnight. */
export function fromInstant(value: string): Date {
  return new Date(isDateOnly(value) ? `${value}T00:00:00Z` : value)
}

/** The end (exclusive) of a `to` bound; a bare date takes in the whole of that UTC day. */
export function toInstant(value: string): Date {
  return isDateOnly(value) ? new Date(Date.parse(`${value}T00:00:00Z`) + 86_400_000) : new Date(Date.parse(value) + 1)
}

const isDateOnly = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value)

/** The valid filters among `search` (a page's URL), leaving out any value that is not one. */
export function filterFromSearch(search: Record<string, unknown>): HistoryFilter {
  const filter: Record<string, unknown> = {}
  for (const key of HISTORY_FILTER_KEYS) {
    const parsed = HistoryFilterSchema.shape[key].safeParse(typeof search[key] === 'number' ? String(search[key]) : search[key])
    if (parsed.success && parsed.data !== undefined) filter[key] = parsed.data
  }
  return filter as HistoryFilter
}

/** Whether any filter is set. */
export const isFiltered = (filter: HistoryFilter) => HISTORY_FILTER_KEYS.some((key) => filter[key] !== undefined)
