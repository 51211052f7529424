// What a description holds, before anything is saved: the console's preview step.
import type { previewIntegration } from '~/server/integrations/integration-service'
import { Badge } from '../../../components/badge'
import { schemeSummary, specKindLabel } from './auth-methods'
import { plainText } from '../../../lib/plain-text'

export type Preview = Awaited<ReturnType<typeof previewIntegration>>

function countNoun(kind: Preview['kind'], count: number): string {
  if (kind === 'graphql') return `${count === 1 ? 'query or mutation' : 'queries and mutations'}, each becomes a tool (subscriptions are not tools)`
  if (kind === 'mcp') return `tool${count === 1 ? '' : 's'} on the server`
  return `operation${count === 1 ? '' : 's'}, each becomes a tool`
}

export function PreviewPanel(props: { preview: Preview }) {
  const { preview } = props
  const schemes = Object.entries(preview.securitySchemes)
  return (
    <section aria-label="Preview" className="rounded-lg border border-slate-200 bg-slate-50/60 p-4 sm:p-5">
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="min-w-0 text-base font-semibold break-words text-slate-900">{preview.title}</h3>
        {preview.version ? <span className="text-sm text-slate-500">v{preview.version}</span> : null}
        <Badge tone="indigo">{specKindLabel(preview.specVersion, preview.kind)}</Badge>
      </div>
      {preview.description ? <p className="mt-1 line-clamp-3 text-sm break-words text-slate-600">{plainText(preview.description)}</p> : null}
      <dl className="mt-4 grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[10rem_minmax(0,1fr)]">
        {preview.authRequired ? (
          <>
            <dt className="font-medium text-slate-500">Tools</dt>
            <dd className="text-amber-800">{preview.authRequired}</dd>
          </>
        ) : (
          <>
            <dt className="font-medium text-slate-500">{preview.kind === 'openapi' ? 'Operations' : 'Tools'}</dt>
            <dd className="text-slate-900">
              <span className="font-semibold tabular-nums">{preview.operationCount.toLocaleString('en-US')}</span> {countNoun(preview.kind, preview.operationCount)}
            </dd>
          </>
        )}
        {preview.groups.length > 0 ? (
          <>
            <dt className="font-medium text-slate-500">Top groups</dt>
            <dd>
              <ul aria-label="Top groups" className="flex flex-wrap gap-1.5">
                {preview.groups.slice(0, 12).map((group) => (
                  <li key={group.name} className="rounded-md bg-white px-2 py-0.5 font-mono text-xs text-slate-700 ring-1 ring-slate-200 break-all">
                    {group.name} <span className="text-slate-400">{group.count}</span>
                  </li>
                ))}
                {preview.groups.length > 12 ? <li className="px-1 text-xs text-slate-500">and {preview.groups.length - 12} more</li> : null}
              </ul>
            </dd>
          </>
        ) : null}
        <dt className="font-medium text-slate-500">Servers</dt>
        <dd className="min-w-0">
          {preview.servers.length === 0 ? (
            <span className="text-amber-800">None named: set a base URL below</span>
          ) : (
            <ul className="space-y-0.5">
              {preview.servers.map((server) => (
                <li key={server} className="font-mono text-xs break-all text-slate-700">
                  {server}
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt className="font-medium text-slate-500">Authentication</dt>
        <dd className="min-w-0 text-slate-700">
          {schemes.length === 0 ? (
            'None described'
          ) : (
            <ul className="space-y-0.5">
              {schemes.map(([name, scheme]) => (
                <li key={name} className="break-words">
                  {schemeSummary(name, scheme)}
                </li>
              ))}
            </ul>
          )}
          <p className="mt-1 text-xs text-slate-500">
            {preview.needsCredential
              ? 'Calls need a credential: after adding it, add a connection with one.'
              : 'Calls need no credential: it gets an org connection of its own.'}
          </p>
        </dd>
        <dt className="font-medium text-slate-500">Warnings</dt>
        <dd className="min-w-0">
          {preview.warningCount === 0 ? (
            <span className="text-slate-700">None</span>
          ) : (
            <details>
              <summary className="cursor-pointer text-amber-800">
                {preview.warningCount.toLocaleString('en-US')} warning{preview.warningCount === 1 ? '' : 's'} (the import goes ahead without these parts)
              </summary>
              <ul className="mt-2 list-disc space-y-1 pl-5 text-xs break-words text-slate-700">
                {preview.warnings.map((warning, index) => (
                  <li key={index}>{warning}</li>
                ))}
                {preview.warningCount > preview.warnings.length ? <li>…and {preview.warningCount - preview.warnings.length} more</li> : null}
              </ul>
            </details>
          )}
        </dd>
      </dl>
    </section>
  )
}
