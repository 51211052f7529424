// The 404 of a page about one execution (its detail, its approval page).
import { ExecutionsIcon } from '../../../components/icons'
import { StatusPage } from '../../../components/status-page'

export function ExecutionNotFound() {
  return (
    <StatusPage
      status="404"
      title="Execution not found"
      icon={<ExecutionsIcon className="size-5" />}
      back={{ to: '/executions', label: 'Back to executions' }}
    >
      No execution with this id is visible to you. Check the link; members see only their own runs, while owners and admins
      see everyone's.
    </StatusPage>
  )
}
