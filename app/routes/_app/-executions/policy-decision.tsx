// Why a tool call was allowed, paused for a person or blocked, and who decided it: shown for each
// call of an execution and for the call a paused execution waits on.
import type { PolicyDecision } from '~/server/policies/decide-policy'
import type { ApprovalRecord } from '~/server/executions/replay-records'
import { Badge } from '../../../components/badge'
import { LocalTime } from '../../../components/local-time'

const actionLooks: Record<PolicyDecision['action'], { label: string; tone: 'green' | 'amber' | 'red' }> = {
  allow: { label: 'Allowed', tone: 'green' },
  require_approval: { label: 'Needed approval', tone: 'amber' },
  block: { label: 'Blocked', tone: 'red' },
}

/** The verdict alone; `waiting` says it of a call not yet made ("Needs approval"). */
export function PolicyBadge(props: { action: PolicyDecision['action']; waiting?: boolean }) {
  const look = actionLooks[props.action]
  return <Badge tone={look.tone}>{props.waiting && props.action === 'require_approval' ? 'Needs approval' : look.label}</Badge>
}

/** The policy's verdict, where it came from ("rule #2 github.*" or "default") and its reason. */
export function PolicyLine(props: { policy: PolicyDecision; label?: string }) {
  const { policy } = props
  return (
    <div role="group" aria-label={props.label ?? 'Policy'} className="flex min-w-0 flex-wrap items-center gap-x-2 gap-y-1 text-xs">
      <PolicyBadge action={policy.action} />
      {policy.rule ? (
        <span className="min-w-0 text-slate-600" title={policy.reason}>
          rule #{policy.rule.position + 1} <code className="font-mono font-medium break-all text-slate-800">{policy.rule.pattern}</code>
          {policy.rule.note ? <span className="text-slate-500"> · {policy.rule.note}</span> : null}
        </span>
      ) : (
        // A default's reason is the only thing that says which default applied.
        <span className="min-w-0 text-slate-600">default: {policy.reason}</span>
      )}
    </div>
  )
}

const viaNames: Record<ApprovalRecord['via'], string> = {
  console: 'console',
  api: 'API',
  mcp: 'MCP',
  elicitation: "the agent's client",
  auto_approve: 'auto-approve',
}

/** "Approved by Ada Owner via console at …", "Denied by …", or "Auto-approved". */
export function ApprovalLine(props: { approval: ApprovalRecord }) {
  const { approval } = props
  const tone = approval.approved ? 'text-emerald-800' : 'text-red-800'
  if (approval.via === 'auto_approve') {
    return (
      <p className={`text-xs ${tone}`}>
        Auto-approved at <LocalTime iso={approval.at} withSeconds />
      </p>
    )
  }
  return (
    <p className={`text-xs ${tone}`}>
      {approval.approved ? 'Approved' : 'Denied'} by{' '}
      <span className="font-medium" title={approval.by.email}>
        {approval.by.name || approval.by.email}
      </span>{' '}
      via {viaNames[approval.via]} at <LocalTime iso={approval.at} withTime />
    </p>
  )
}
