// What a run came to, as the first card of its detail page and of its approval page once
// decided: the result, the error, a running run's progress, or the call a paused run waits on.
import { Link } from '@tanstack/react-router'
import { buttonClass } from '../../../components/button'
import { Card } from '../../../components/card'
import { ErrorPanel, type ExecutionView, ResultView } from './outcome'
import { PendingCall } from './pending-call'
import { RunningOutcome } from './running-outcome'

const endedWithoutResult: Record<Exclude<ExecutionView['status'], 'running' | 'completed' | 'paused'>, string> = {
  failed: 'Error',
  cancelled: 'Cancelled',
  interrupted: 'Interrupted',
  expired: 'Approval expired',
  replay_diverged: 'Replay diverged',
}

export function OutcomeCard(props: { execution: ExecutionView; title?: string }) {
  const { execution } = props
  if (execution.status === 'running') return <RunningOutcome execution={execution} />
  if (execution.status === 'paused') return <WaitingForApproval execution={execution} />
  if (execution.status !== 'completed') {
    return (
      <Card title={props.title ?? endedWithoutResult[execution.status]}>
        <ErrorPanel error={execution.error} fallbackMessage={execution.errorMessage} />
      </Card>
    )
  }
  return (
    <Card title={props.title ?? 'Result'}>
      <ResultView result={execution.result} truncated={execution.resultTruncated} />
    </Card>
  )
}

function WaitingForApproval(props: { execution: ExecutionView }) {
  const { execution } = props
  return (
    <Card
      title="Waiting for approval"
      description="The program stopped before this call; it goes on once someone approves or denies it."
      actions={
        <Link to="/resume/$id" params={{ id: execution.id }} className={buttonClass('primary', 'self-start sm:self-auto')}>
          Review and decide
        </Link>
      }
    >
      {execution.pending ? (
        <PendingCall pending={execution.pending} />
      ) : (
        <p className="text-sm text-slate-600">The pending call could not be read.</p>
      )}
    </Card>
  )
}
