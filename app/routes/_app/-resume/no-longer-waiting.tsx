// An approval link opened after the fact: someone decided elsewhere, the approval expired, or
// the run ended some other way. Says so, with the execution's status and a way to it.
import { Link } from '@tanstack/react-router'
import { buttonClass } from '../../../components/button'
import { Card } from '../../../components/card'
import { type ExecutionView, StatusBadge } from '../-executions/outcome'

const explanations: Record<Exclude<ExecutionView['status'], 'paused'>, string> = {
  running: 'Someone decided its pending call and the program is running on.',
  completed: 'Its pending call was decided and the program finished.',
  failed: 'The program ended with an error.',
  cancelled: 'The run was cancelled.',
  interrupted: 'The server stopped while the program was running.',
  expired: 'Nobody approved or denied the call before the approval expired, so the program did not go on. Run it again to ask anew.',
  replay_diverged: 'It was decided, but the program did something different when it went on, so it was stopped.',
}

export function NoLongerWaiting(props: { execution: ExecutionView }) {
  const { execution } = props
  if (execution.status === 'paused') return null
  return (
    <Card title="No longer waiting for approval">
      <div className="space-y-4">
        <div className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
          <span>This execution is</span>
          <StatusBadge status={execution.status} />
        </div>
        <p className="text-sm text-slate-600">{explanations[execution.status]}</p>
        <Link to="/executions/$id" params={{ id: execution.id }} className={buttonClass('secondary')}>
          Open the execution
        </Link>
      </div>
    </Card>
  )
}
