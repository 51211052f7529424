// The call a paused execution waits on: the tool, its arguments, why it needs a person and how
// long the decision can wait. On the approval page and atop a paused execution's detail page.
import type { PendingView } from '~/server/executions/executions'
import { CodeBlock, prettyJson } from '../../../components/code-block'
import { Fact } from '../../../components/fact'
import { LocalTime } from '../../../components/local-time'
import { ExpiresIn } from './expires-in'
import { PolicyBadge } from './policy-decision'

export function PendingCall(props: { pending: PendingView; showArguments?: boolean }) {
  const { pending } = props
  return (
    <div className="space-y-4">
      <dl className="grid grid-cols-2 gap-x-6 gap-y-4 text-sm sm:grid-cols-3">
        <Fact label="Tool" className="col-span-2 sm:col-span-3">
          <code className="font-mono text-sm font-medium break-all text-slate-900">tools.{pending.path}</code>
        </Fact>
        <Fact label="Why it asks" className="col-span-2 sm:col-span-3">
          <div role="group" aria-label="Why it asks">
            <p className="flex flex-wrap items-center gap-x-2 gap-y-1">
              <PolicyBadge action={pending.policy.action} waiting />
              <span>{pending.policy.reason}</span>
            </p>
            {pending.policy.rule?.note ? <p className="mt-1 text-sm text-slate-600">Note on the rule: {pending.policy.rule.note}</p> : null}
          </div>
        </Fact>
        <Fact label="Requested" valueClassName="tabular-nums">
          <LocalTime iso={pending.requestedAt} withTime />
        </Fact>
        <Fact label="Expires" valueClassName="tabular-nums" className="sm:col-span-2">
          <ExpiresIn iso={pending.expiresAt} />
        </Fact>
      </dl>
      {props.showArguments === false ? null : (
        <div>
          <h3 className="mb-1.5 text-xs font-medium tracking-wide text-slate-500 uppercase">Arguments</h3>
          <CodeBlock language="json" code={prettyJson(pending.args)} label={`Arguments of ${pending.path}`} capHeight />
        </div>
      )}
    </div>
  )
}
