// The filter bar over execution history. Its fields are named as the page's search params, so
// it is a plain GET form: it works before (or without) JavaScript, and with it the router
// navigates instead, keeping the filters in the URL so a reload or a shared link keeps them.
// Selects apply at once; text and dates apply with Enter or the Apply button.
import { Link, useNavigate } from '@tanstack/react-router'
import { type FormEvent, useEffect, useRef, useState } from 'react'
import { EXECUTION_SOURCES, EXECUTION_STATUSES } from '~/db/enums'
import { filterFromSearch, isFiltered, type HistoryFilter } from '~/server/executions/history-filter.schema'
import { Button } from '../../../components/button'
import { SelectField, TextField } from '../../../components/form-field'
import { sourceNames, statusNames } from './outcome'

export type FilterChoices = {
  integrations: string[]
  /** Everyone whose runs the viewer may filter by; null for members, who only see their own. */
  people: { id: string; label: string }[] | null
}

export function HistoryFilters(props: { filter: HistoryFilter; choices: FilterChoices }) {
  const navigate = useNavigate()
  const { filter, choices } = props
  // The form shows the URL's filters: it remounts when they change from outside it (back, forward,
  // "Clear filters"), but not when it changed them itself, which would wipe what is being typed.
  const ownChange = useRef<string | null>(null)
  const [generation, setGeneration] = useState(0)
  const current = JSON.stringify(filter)
  const shown = useRef(current)
  useEffect(() => {
    if (shown.current === current) return
    shown.current = current
    const own = ownChange.current === current
    ownChange.current = null
    if (!own) setGeneration((n) => n + 1)
  }, [current])
  const apply = (form: HTMLFormElement) => {
    const fields = Object.fromEntries(new FormData(form))
    const next = filterFromSearch(fields)
    ownChange.current = JSON.stringify(next)
    void navigate({ to: '/executions', search: next })
  }
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    apply(event.currentTarget)
  }
  const onSelect = (event: { currentTarget: HTMLSelectElement }) => {
    if (event.currentTarget.form) apply(event.currentTarget.form)
  }
  // A select changed before the page was interactive (the server-rendered form shows at once)
  // fired no change handler: once it is, a select that no longer shows the URL's filter applies.
  const form = useRef<HTMLFormElement>(null)
  const mountedFilter = useRef(filter)
  useEffect(() => {
    const element = form.current
    if (!element) return
    const stale = [...element.querySelectorAll('select')].some(
      (select) => select.value !== (mountedFilter.current[select.name as keyof HistoryFilter] ?? ''),
    )
    if (stale) apply(element)
    // Only the first mount can follow a change made before hydration.
  }, [])
  return (
    <form
      ref={form}
      key={generation}
      method="get"
      action="/executions"
      role="search"
      aria-label="Filter executions"
      onSubmit={onSubmit}
      className="grid grid-cols-2 gap-3 border-b border-slate-200 px-5 py-4 sm:px-6 lg:grid-cols-4"
    >
      <TextField
        label="Search"
        name="q"
        type="search"
        defaultValue={filter.q}
        placeholder="Code or tool path"
        maxLength={200}
        className="col-span-2"
      />
      <SelectField label="Status" name="status" defaultValue={filter.status ?? ''} onChange={onSelect}>
        <option value="">Any status</option>
        {EXECUTION_STATUSES.map((status) => (
          <option key={status} value={status}>
            {statusNames[status]}
          </option>
        ))}
      </SelectField>
      <SelectField label="Source" name="source" defaultValue={filter.source ?? ''} onChange={onSelect}>
        <option value="">Any source</option>
        {EXECUTION_SOURCES.map((source) => (
          <option key={source} value={source}>
            {sourceNames[source]}
          </option>
        ))}
      </SelectField>
      {choices.integrations.length > 0 ? (
        <SelectField label="Integration" name="integration" defaultValue={filter.integration ?? ''} onChange={onSelect}>
          <option value="">Any integration</option>
          {withCurrent(choices.integrations, filter.integration).map((slug) => (
            <option key={slug} value={slug}>
              {slug}
            </option>
          ))}
        </SelectField>
      ) : (
        <TextField label="Integration" name="integration" defaultValue={filter.integration} placeholder="Slug" maxLength={100} />
      )}
      <TextField label="Tool" name="tool" defaultValue={filter.tool} placeholder="github.issues" maxLength={200} />
      {choices.people ? (
        <SelectField label="Run by" name="actor" defaultValue={filter.actor ?? ''} onChange={onSelect}>
          <option value="">Anyone</option>
          {withCurrent(
            choices.people.map((person) => person.id),
            filter.actor,
          ).map((id) => (
            <option key={id} value={id}>
              {choices.people?.find((person) => person.id === id)?.label ?? id}
            </option>
          ))}
        </SelectField>
      ) : null}
      <TextField label="From" name="from" type="date" defaultValue={dateOf(filter.from)} />
      <TextField label="To" name="to" type="date" defaultValue={dateOf(filter.to)} />
      <div className="col-span-2 flex items-end gap-3 lg:col-span-1">
        <Button type="submit" variant="secondary">
          Apply
        </Button>
        {isFiltered(filter) ? (
          <Link to="/executions" search={{}} className="py-2 text-sm font-medium text-indigo-600 hover:text-indigo-500">
            Clear filters
          </Link>
        ) : null}
      </div>
    </form>
  )
}

// A value from the URL that is not among the choices (a removed integration) stays selectable.
const withCurrent = (values: string[], current: string | undefined) => (current && !values.includes(current) ? [...values, current] : values)

// Date inputs hold a bare date; a full time from a shared API-style URL shows its date part.
const dateOf = (value: string | undefined) => value?.slice(0, 10)
