// "Revoke" with a confirmation, for a row of a list of credentials (API keys, authorized MCP
// clients): sends the DELETE, reloads the page's data, and shows a failure under the button.
import { useRouter } from '@tanstack/react-router'
import { api, errorMessage } from '../lib/api-client'
import { useAction } from '../lib/use-action'
import { ConfirmButton } from './confirm-button'

export function RevokeButton(props: { path: string; accessibleLabel: string; question: string }) {
  const router = useRouter()
  const revoke = useAction(async () => {
    await api(props.path, { method: 'DELETE' })
    await router.invalidate()
  })
  return (
    <div className="inline-flex flex-col items-end gap-1">
      <ConfirmButton
        label="Revoke"
        accessibleLabel={props.accessibleLabel}
        question={props.question}
        confirmLabel="Revoke"
        pendingLabel="Revoking…"
        pending={revoke.pending}
        onConfirm={() => void revoke.run()}
      />
      {revoke.error ? (
        <p role="alert" className="text-sm text-red-700">
          {errorMessage(revoke.error)}
        </p>
      ) : null}
    </div>
  )
}
