// An integration's import status: a badge everywhere, and while importing a progress bar with
// the phase; a failed import says why.
import type { IntegrationView } from '~/server/integrations/integrations'
import { Badge } from '../../../components/badge'

export type { IntegrationView }

const looks: Record<IntegrationView['status'], { label: string; tone: 'green' | 'red' | 'amber' }> = {
  importing: { label: 'Importing', tone: 'amber' },
  ready: { label: 'Ready', tone: 'green' },
  failed: { label: 'Failed', tone: 'red' },
}

export function IntegrationStatusBadge(props: { status: IntegrationView['status'] }) {
  const look = looks[props.status]
  return <Badge tone={look.tone}>{look.label}</Badge>
}

/** The phase and, once the operation count is known, a bar of done/total. */
export function ImportProgress(props: { integration: Pick<IntegrationView, 'statusMessage' | 'progress'>; compact?: boolean }) {
  const { progress, statusMessage } = props.integration
  const percent = progress && progress.total > 0 ? Math.min(100, Math.round((progress.done / progress.total) * 100)) : null
  return (
    <div className={props.compact ? 'min-w-0 space-y-1' : 'min-w-0 space-y-2'}>
      <p className="text-sm text-slate-700" role="status">
        {statusMessage ?? 'Importing'}
        {progress ? (
          <span className="text-slate-500 tabular-nums">
            {' '}
            · {progress.done.toLocaleString('en-US')} of {progress.total.toLocaleString('en-US')} operations
          </span>
        ) : null}
      </p>
      <div
        role="progressbar"
        aria-label="Import progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        className="h-1.5 w-full max-w-sm overflow-hidden rounded-full bg-slate-200"
      >
        <div className={`h-full rounded-full bg-indigo-500 ${percent === null ? 'w-1/3 animate-pulse' : 'transition-[width]'}`} style={percent === null ? undefined : { width: `${percent}%` }} />
      </div>
    </div>
  )
}

export function ImportFailure(props: { message: string | null }) {
  return <p className="text-sm break-words text-red-700">{props.message ?? 'The import failed.'}</p>
}
