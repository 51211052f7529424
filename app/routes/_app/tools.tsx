// Tools: the catalog as the viewer's agents see it (Executor's built-ins plus the tools of every
// integration they have a connection for), searched as they type, with each tool's declaration,
// schema, annotations and a call to copy. `?path=` opens one tool, so other pages link here.
import { Link, createFileRoute } from '@tanstack/react-router'
import { useEffect, useRef, useState } from 'react'
import type { ToolSummary } from '~/server/catalog/tool-catalog'
import { Badge } from '../../components/badge'
import { Card, EmptyState } from '../../components/card'
import { CodeBlock, prettyJson } from '../../components/code-block'
import { CopyButton } from '../../components/copy-button'
import { IntegrationsIcon, ToolsIcon } from '../../components/icons'
import { PageHeader } from '../../components/page-header'
import { catalogIntegrationsFn, describeToolFn, searchToolsFn, type ToolDetailView } from '../../functions/tools.functions'
import { errorMessage } from '../../lib/api-client'
import { exampleCall } from './-tools/example-call'

type Search = { q?: string; path?: string }

const text = (value: unknown) => (typeof value === 'string' && value.length <= 500 ? value : undefined)

export const Route = createFileRoute('/_app/tools')({
  validateSearch: (search: Record<string, unknown>): Search => ({ q: text(search.q), path: text(search.path) }),
  // Only the opened tool reloads the page's data; typing searches from the browser.
  loaderDeps: ({ search }) => ({ path: search.path }),
  loader: async ({ deps }) => {
    const [integrations, described] = await Promise.all([catalogIntegrationsFn(), deps.path ? describeToolFn({ data: { path: deps.path } }) : null])
    return { integrations, described, path: deps.path ?? null }
  },
  head: () => ({ meta: [{ title: 'Tools · Executor' }] }),
  component: ToolsPage,
})

/** Typing waits this long for a pause before searching. */
const SEARCH_DEBOUNCE_MS = 150

function ToolsPage() {
  const { integrations, described, path } = Route.useLoaderData()
  const search = Route.useSearch()
  const callable = integrations.filter((i) => i.connections.length > 0)
  return (
    <>
      <PageHeader
        title="Tools"
        description="Every tool your agents can call, as they find it with tools.executor.search: Executor's own tools and those of each integration you have a connection for."
      />
      <div className="space-y-6">
        {callable.length === 0 ? <NothingConnected anyIntegration={integrations.length > 0} /> : null}
        <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)] lg:items-start">
          <SearchCard initialQuery={search.q ?? ''} selected={path} />
          <div className="min-w-0 lg:sticky lg:top-6">
            {path ? described ? <ToolDetail tool={described} /> : <ToolMissing path={path} /> : <PickOne />}
          </div>
        </div>
      </div>
    </>
  )
}

function NothingConnected(props: { anyIntegration: boolean }) {
  return (
    <Card title="No integration connected yet" flush>
      <EmptyState icon={<IntegrationsIcon className="size-5" />} title="Only Executor's built-in tools are callable">
        <p>
          {props.anyIntegration
            ? 'Integrations exist, but you have no connection to any of them: open one and add a connection (or ask an admin for an org one).'
            : 'Nothing is integrated yet: an admin adds an API from its OpenAPI description, and its operations become tools here.'}
        </p>
        <Link to="/integrations" className="mt-3 inline-block font-medium text-indigo-700 hover:text-indigo-900">
          Go to integrations →
        </Link>
      </EmptyState>
    </Card>
  )
}

function SearchCard(props: { initialQuery: string; selected: string | null }) {
  const [query, setQuery] = useState(props.initialQuery)
  const [results, setResults] = useState<ToolSummary[] | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [searching, setSearching] = useState(false)
  // Answers can arrive out of order: only the latest query's answer is shown.
  const latest = useRef(0)
  useEffect(() => {
    const words = query.trim()
    const ticket = ++latest.current
    if (words === '') {
      setResults(null)
      setSearching(false)
      return
    }
    setSearching(true)
    const timer = setTimeout(() => {
      searchToolsFn({ data: { query: words } })
        .then((found) => {
          if (ticket !== latest.current) return
          setResults(found)
          setError(null)
        })
        .catch((caught: unknown) => {
          if (ticket === latest.current) setError(caught)
        })
        .finally(() => {
          if (ticket === latest.current) setSearching(false)
        })
    }, SEARCH_DEBOUNCE_MS)
    return () => clearTimeout(timer)
  }, [query])

  return (
    <Card title="Search" flush>
      <div className="px-5 pt-4 pb-3 sm:px-6">
        <label htmlFor="tool-search" className="text-sm font-medium text-slate-800">
          Search tools
        </label>
        <input
          id="tool-search"
          type="search"
          autoComplete="off"
          spellCheck={false}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          placeholder="e.g. find pets by status"
          aria-describedby="tool-search-hint"
          className="mt-1.5 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm placeholder:text-slate-400 focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/25 focus:outline-none"
        />
        <p id="tool-search-hint" className="mt-1.5 text-xs text-slate-500" aria-live="polite">
          {searching ? 'Searching…' : results ? `${results.length} result${results.length === 1 ? '' : 's'}` : 'Words from a tool’s path, title, description or parameters.'}
        </p>
      </div>
      {error ? (
        <p role="alert" className="px-5 pb-4 text-sm text-red-700 sm:px-6">
          {errorMessage(error)}
        </p>
      ) : null}
      {results && results.length === 0 && !searching ? <p className="border-t border-slate-100 px-5 py-4 text-sm text-slate-600 sm:px-6">No tool matches “{query.trim()}”.</p> : null}
      {results && results.length > 0 ? (
        <ul aria-label="Search results" className="divide-y divide-slate-100 border-t border-slate-100">
          {results.map((tool) => {
            const current = tool.path === props.selected
            return (
              <li key={tool.path}>
                <Link
                  to="/tools"
                  search={{ q: query.trim() || undefined, path: tool.path }}
                  replace
                  aria-current={current ? 'true' : undefined}
                  className={`block px-5 py-3 hover:bg-slate-50 focus-visible:bg-slate-50 sm:px-6 ${current ? 'bg-indigo-50/70' : ''}`}
                >
                  <span className="block font-mono text-sm font-medium break-all text-indigo-700">{tool.path}</span>
                  <span className="mt-0.5 line-clamp-2 block text-sm break-words text-slate-600">{tool.description}</span>
                </Link>
              </li>
            )
          })}
        </ul>
      ) : null}
    </Card>
  )
}

function PickOne() {
  return (
    <Card title="Declaration" flush>
      <EmptyState icon={<ToolsIcon className="size-5" />} title="Pick a tool">
        Search on the left (above, on a phone) and choose a result to see how to call it: its TypeScript declaration or input schema, and an example.
      </EmptyState>
    </Card>
  )
}

function ToolMissing(props: { path: string }) {
  return (
    <Card title="Not found" flush>
      <EmptyState icon={<ToolsIcon className="size-5" />} title="No tool you can use at this path">
        <code className="font-mono break-all">{props.path}</code> does not exist, or its integration has no connection you can use.
      </EmptyState>
    </Card>
  )
}

const annotationLabels: [string, string, 'green' | 'red' | 'neutral'][] = [
  ['readOnlyHint', 'Read-only', 'green'],
  ['destructiveHint', 'Destructive', 'red'],
  ['idempotentHint', 'Idempotent', 'neutral'],
  ['openWorldHint', 'Open world', 'neutral'],
]

function ToolDetail(props: { tool: ToolDetailView }) {
  const { tool } = props
  const headingRef = useRef<HTMLHeadingElement>(null)
  const example = exampleCall(tool.path, tool.inputSchema)
  const annotations = annotationLabels.filter(([key]) => tool.annotations[key] === true)
  // On phones the detail sits below the results: bring it into view when a tool is chosen.
  useEffect(() => {
    if (window.matchMedia('(max-width: 1023px)').matches) headingRef.current?.scrollIntoView({ block: 'start' })
  }, [tool.path])
  return (
    <section aria-labelledby="tool-heading" className="rounded-xl border border-slate-200 bg-white shadow-sm">
      <div className="border-b border-slate-200 px-5 py-4 sm:px-6">
        <h2 id="tool-heading" ref={headingRef} className="font-mono text-base font-semibold break-all text-slate-900">
          tools.{tool.path}
        </h2>
        {tool.title ? <p className="mt-1 text-sm font-medium text-slate-800">{tool.title}</p> : null}
        {annotations.length > 0 ? (
          <div className="mt-2 flex flex-wrap gap-1.5" aria-label="Annotations">
            {annotations.map(([key, label, tone]) => (
              <Badge key={key} tone={tone}>
                {label}
              </Badge>
            ))}
          </div>
        ) : null}
      </div>
      <div className="space-y-5 px-5 py-5 sm:px-6">
        {tool.description && tool.description !== tool.title ? <p className="text-sm break-words whitespace-pre-line text-slate-700">{tool.description}</p> : null}
        {tool.connections && tool.connections.length > 1 ? (
          <p className="text-sm text-slate-700">
            You can use {tool.connections.length} connections ({tool.connections.join(', ')}); this path goes through {tool.connections[0]}.
          </p>
        ) : null}
        <div>
          <div className="mb-2 flex items-center justify-between gap-3">
            <h3 className="text-sm font-semibold text-slate-900">Example call</h3>
            <CopyButton value={example} label="Copy example" />
          </div>
          <CodeBlock code={example} language="javascript" label="Example call" />
        </div>
        {tool.declaration ? (
          <div>
            <h3 className="mb-2 text-sm font-semibold text-slate-900">Declaration</h3>
            <CodeBlock code={tool.declaration} language="typescript" label="Declaration" capHeight />
          </div>
        ) : (
          <div>
            <h3 className="mb-2 text-sm font-semibold text-slate-900">Input schema</h3>
            <CodeBlock code={prettyJson(tool.inputSchema)} language="json" label="Input schema" capHeight />
          </div>
        )}
        {!tool.declaration && tool.outputSchema ? (
          <details className="group">
            <summary className="cursor-pointer text-sm font-semibold text-slate-900">Output schema</summary>
            <CodeBlock code={prettyJson(tool.outputSchema)} language="json" label="Output schema" capHeight className="mt-2" />
          </details>
        ) : null}
      </div>
    </section>
  )
}
