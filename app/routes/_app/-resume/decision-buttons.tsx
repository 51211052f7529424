// Approve and Deny for a pending call. While one runs both are disabled and the chosen one
// spins: approving runs the rest of the program before the answer comes back.
import { Button } from '../../../components/button'

export type Choice = 'approve' | 'deny'

export function DecisionButtons(props: { path: string; busy: Choice | null; onDecide: (choice: Choice) => void }) {
  const { busy } = props
  return (
    <div className="flex flex-col gap-3 border-t border-slate-200 pt-4 sm:flex-row sm:items-center">
      {/* Full width on phones: two easy targets, one above the other. */}
      <div className="grid grid-cols-2 gap-3 sm:flex">
        <Button
          variant="primary"
          className="sm:min-w-28"
          pending={busy === 'approve'}
          pendingLabel="Approving…"
          disabled={busy !== null}
          onClick={() => props.onDecide('approve')}
        >
          Approve
        </Button>
        <Button variant="danger" className="sm:min-w-28" pending={busy === 'deny'} pendingLabel="Denying…" disabled={busy !== null} onClick={() => props.onDecide('deny')}>
          Deny
        </Button>
      </div>
      <p className="text-sm text-slate-600" aria-live="polite">
        {busy === 'approve'
          ? `Approved: the program is making the call to ${props.path} and going on…`
          : busy === 'deny'
            ? 'Denied: the program is going on without the call…'
            : 'Either way the program goes on at once; a denied call fails inside it with ToolDenied.'}
      </p>
    </div>
  )
}
