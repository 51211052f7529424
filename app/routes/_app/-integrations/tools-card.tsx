// An integration's tools, a page at a time in path order, each leading to its declaration on
// the Tools page; above them, how code calls one.
import { Link } from '@tanstack/react-router'
import { useState } from 'react'
import type { IntegrationView } from '~/server/integrations/integrations'
import { Badge } from '../../../components/badge'
import { Button } from '../../../components/button'
import { Card } from '../../../components/card'
import { listToolsFn, type ToolPageView, type ToolRowView } from '../../../functions/integrations.functions'
import { errorMessage } from '../../../lib/api-client'
import { useAction } from '../../../lib/use-action'
import { callPath } from './auth-methods'

/** What each tool stands for, by kind. */
const ONE_PER = { openapi: 'one per operation', graphql: 'one per query and mutation', mcp: 'one per tool on the server' } as const

export function ToolsCard(props: { integration: IntegrationView; firstPage: ToolPageView; connectionAddresses: string[] }) {
  const { integration, connectionAddresses } = props
  const [more, setMore] = useState<ToolRowView[]>([])
  const [cursor, setCursor] = useState(props.firstPage.nextCursor)
  const loadMore = useAction(async () => {
    if (!cursor) return
    const page = await listToolsFn({ data: { id: integration.id, cursor } })
    setMore((shown) => [...shown, ...page.tools])
    setCursor(page.nextCursor)
  })
  const tools = [...props.firstPage.tools, ...more]
  const example = tools[0] ? callPath(integration.slug, tools[0].path, connectionAddresses) : null
  return (
    <Card
      title="Tools"
      description={
        integration.status === 'importing' && tools.length === 0
          ? undefined
          : `${integration.toolCount.toLocaleString('en-US')} tool${integration.toolCount === 1 ? '' : 's'}, ${ONE_PER[integration.kind]}`
      }
      flush
    >
      {example ? <HowToCall example={example} slug={integration.slug} connectionAddresses={connectionAddresses} /> : null}
      {tools.length === 0 ? (
        <p className="px-5 py-5 text-sm text-slate-600 sm:px-6">{integration.status === 'ready' ? 'This description has no operations.' : 'Its tools appear once the import is done.'}</p>
      ) : (
        <ul aria-label="Tools" className="divide-y divide-slate-100">
          {tools.map((tool) => (
            <ToolRow key={tool.path} tool={tool} />
          ))}
        </ul>
      )}
      {cursor || loadMore.error ? (
        <div className="flex flex-wrap items-center gap-3 border-t border-slate-200 px-5 py-4 sm:px-6">
          <p className="text-sm text-slate-600">
            Showing {tools.length.toLocaleString('en-US')} of {integration.toolCount.toLocaleString('en-US')}.
          </p>
          {cursor ? (
            <Button variant="secondary" pending={loadMore.pending} pendingLabel="Loading…" onClick={() => void loadMore.run()}>
              Load more
            </Button>
          ) : null}
          {loadMore.error ? (
            <p role="alert" className="text-sm text-red-700">
              {errorMessage(loadMore.error)}
            </p>
          ) : null}
        </div>
      ) : null}
    </Card>
  )
}

function HowToCall(props: { example: string; slug: string; connectionAddresses: string[] }) {
  const several = props.connectionAddresses.length > 1
  return (
    <div className="border-b border-slate-200 bg-slate-50/60 px-5 py-4 text-sm text-slate-700 sm:px-6">
      <p>
        Agents call them as <code className="font-mono break-all text-slate-900">await {props.example}(&#123; … &#125;)</code>
      </p>
      <p className="mt-1 text-xs text-slate-500">
        {props.connectionAddresses.length === 0
          ? 'No connection you can use yet: add one above before calling them.'
          : several
            ? `You can use ${props.connectionAddresses.length} connections, so calls name one: tools.${props.slug}.<${props.connectionAddresses.join(' | ')}>.<tool>.`
            : `Through ${props.connectionAddresses[0]}; the full form tools.${props.slug}.${props.connectionAddresses[0]}.<tool> works too.`}
      </p>
    </div>
  )
}

function ToolRow(props: { tool: ToolRowView }) {
  const { tool } = props
  const annotations = tool.annotations
  return (
    <li className="px-5 py-3 sm:px-6">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <Link
          to="/tools"
          search={{ path: tool.fullPath }}
          className="min-w-0 font-mono text-sm font-medium break-all text-indigo-700 hover:text-indigo-900 hover:underline"
        >
          {tool.path}
        </Link>
        {annotations.readOnlyHint ? <Badge tone="green">Read-only</Badge> : null}
        {annotations.destructiveHint ? <Badge tone="red">Destructive</Badge> : null}
      </div>
      {tool.title && tool.title !== tool.path && tool.title.replace(/[^A-Za-z0-9]/g, '_') !== tool.path ? (
        <p className="mt-0.5 text-sm break-words text-slate-600">{tool.title}</p>
      ) : tool.description ? (
        <p className="mt-0.5 line-clamp-2 text-sm break-words text-slate-600">{tool.description}</p>
      ) : null}
    </li>
  )
}
