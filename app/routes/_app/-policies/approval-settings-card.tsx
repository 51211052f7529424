// Approval settings: how long a paused call waits for a decision, how long the agent's request
// is held open for one, and whether the person who ran the code may approve its calls.
import { useRouter } from '@tanstack/react-router'
import { type FormEvent, useRef, useState } from 'react'
import { type ApprovalSettings, ApprovalSettingsSchema, EXPIRY_MINUTES, INLINE_WAIT_SECONDS } from '~/server/policies/approval-settings.schema'
import { Button } from '../../../components/button'
import { Card } from '../../../components/card'
import { FormAlert, TextField } from '../../../components/form-field'
import { api, errorMessage } from '../../../lib/api-client'
import { textValue, validateForm } from '../../../lib/form-values'
import { useAction } from '../../../lib/use-action'

export function ApprovalSettingsCard(props: { settings: ApprovalSettings; editable: boolean }) {
  const router = useRouter()
  const formRef = useRef<HTMLFormElement>(null)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [saved, setSaved] = useState(false)
  const save = useAction(async (settings: ApprovalSettings) => {
    setSaved(false)
    await api('/api/policies/settings', { method: 'PUT', body: settings })
    await router.invalidate()
    setSaved(true)
  })
  const { settings, editable } = props

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    const number = (name: string) => (textValue(form, name) === '' ? Number.NaN : Number(textValue(form, name)))
    const input = {
      expiryMinutes: number('expiryMinutes'),
      inlineWaitSeconds: number('inlineWaitSeconds'),
      requireDifferentApprover: form.get('requireDifferentApprover') === 'on',
    }
    const data = validateForm(ApprovalSettingsSchema, input, formRef.current, setErrors)
    if (data) void save.run(data)
  }

  return (
    <Card title="Approvals" description={editable ? 'How calls that require approval wait for a person.' : 'How calls that require approval wait for a person. Only admins can change these.'}>
      {/* Remounted when the saved values change, so the inputs show them. */}
      <form key={JSON.stringify(settings)} ref={formRef} noValidate onSubmit={onSubmit} className="space-y-4" onChange={() => setSaved(false)}>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label="Expiry"
            name="expiryMinutes"
            type="number"
            inputMode="numeric"
            min={EXPIRY_MINUTES.min}
            max={EXPIRY_MINUTES.max}
            defaultValue={settings.expiryMinutes}
            disabled={!editable}
            hint={`Minutes a paused call waits for a decision (${EXPIRY_MINUTES.min}–${EXPIRY_MINUTES.max})`}
            error={errors.expiryMinutes}
          />
          <TextField
            label="Inline wait"
            name="inlineWaitSeconds"
            type="number"
            inputMode="numeric"
            min={INLINE_WAIT_SECONDS.min}
            max={INLINE_WAIT_SECONDS.max}
            defaultValue={settings.inlineWaitSeconds}
            disabled={!editable}
            hint={`Seconds the agent's request waits for a decision before it answers "paused" (${INLINE_WAIT_SECONDS.min}–${INLINE_WAIT_SECONDS.max})`}
            error={errors.inlineWaitSeconds}
          />
        </div>
        <label className="flex items-start gap-2.5 text-sm text-slate-800">
          <input
            type="checkbox"
            name="requireDifferentApprover"
            defaultChecked={settings.requireDifferentApprover}
            disabled={!editable}
            className="mt-0.5 size-4 rounded border-slate-300 text-indigo-600 focus:ring-indigo-500"
          />
          <span>
            <span className="font-medium">Require a different approver</span>
            <span className="block text-slate-500">The person who ran the code cannot approve its calls.</span>
          </span>
        </label>
        {save.error ? <FormAlert>{errorMessage(save.error)}</FormAlert> : null}
        {editable ? (
          <div className="flex flex-wrap items-center gap-3">
            <Button type="submit" pending={save.pending} pendingLabel="Saving…">
              Save settings
            </Button>
            <p role="status" className="text-sm text-emerald-700">
              {saved ? 'Saved.' : ''}
            </p>
          </div>
        ) : null}
      </form>
    </Card>
  )
}
