// Adds a rule at the end of the list, or at a chosen place (the rules from there move down).
// The server checks the pattern; its reason shows under the field.
import { useRouter } from '@tanstack/react-router'
import { type FormEvent, useRef, useState } from 'react'
import { POLICY_ACTIONS, type PolicyAction } from '~/db/enums'
import { Button } from '../../../components/button'
import { Card } from '../../../components/card'
import { FormAlert, SelectField, TextField } from '../../../components/form-field'
import { ApiError, api, errorMessage } from '../../../lib/api-client'
import { textValue } from '../../../lib/form-values'
import { useAction } from '../../../lib/use-action'
import { actionLabels } from './policy-action'

type AddInput = { pattern: string; action: PolicyAction; note?: string; position?: number }

export function AddPolicyCard(props: { count: number }) {
  const router = useRouter()
  const formRef = useRef<HTMLFormElement>(null)
  const [fieldError, setFieldError] = useState<{ field: string; message: string } | null>(null)
  const [added, setAdded] = useState<string | null>(null)
  const add = useAction(async (input: AddInput) => {
    setAdded(null)
    setFieldError(null)
    try {
      const rule = await api<{ pattern: string; position: number }>('/api/policies', { body: input })
      formRef.current?.reset()
      setAdded(`Added rule ${rule.position + 1}: ${rule.pattern}`)
      await router.invalidate()
    } catch (error) {
      const field = error instanceof ApiError ? /^Invalid request body: (\w+): (.*)$/.exec(error.message) : null
      if (field?.[1] && field[2]) {
        setFieldError({ field: field[1], message: field[2] })
        formRef.current?.querySelector<HTMLInputElement>(`[name="${field[1]}"]`)?.focus()
        return
      }
      throw error
    }
  })

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    const action = POLICY_ACTIONS.find((candidate) => candidate === textValue(form, 'action')) ?? 'require_approval'
    const note = textValue(form, 'note')
    const place = textValue(form, 'position')
    if (place !== '' && !(Number.isInteger(Number(place)) && Number(place) >= 1)) {
      setFieldError({ field: 'position', message: 'A place is a whole number from 1 (the top)' })
      return
    }
    void add.run({ pattern: textValue(form, 'pattern'), action, ...(note ? { note } : {}), ...(place ? { position: Number(place) - 1 } : {}) })
  }

  const errorFor = (field: string) => (fieldError?.field === field ? fieldError.message : undefined)
  return (
    <Card title="Add a policy" description="* matches any run of characters, dots included: github.* is every GitHub tool, *.delete* any tool with a segment starting with delete.">
      <form ref={formRef} noValidate onSubmit={onSubmit} className="space-y-4">
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-[minmax(0,2fr)_12rem_7rem]">
          <TextField label="Pattern" name="pattern" placeholder="e.g. github.*.delete*" autoComplete="off" spellCheck={false} maxLength={200} required error={errorFor('pattern')} />
          <SelectField label="Action" name="action" defaultValue="require_approval" error={errorFor('action')}>
            {POLICY_ACTIONS.map((action) => (
              <option key={action} value={action}>
                {actionLabels[action]}
              </option>
            ))}
          </SelectField>
          <TextField
            label="Place"
            name="position"
            type="number"
            inputMode="numeric"
            min={1}
            max={props.count + 1}
            optional
            placeholder={String(props.count + 1)}
            hint="Empty: last"
            error={errorFor('position')}
          />
        </div>
        <TextField label="Note" name="note" optional placeholder="Why this rule exists, for whoever reads it next" maxLength={500} autoComplete="off" error={errorFor('note')} />
        {add.error ? <FormAlert>{errorMessage(add.error)}</FormAlert> : null}
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" pending={add.pending} pendingLabel="Adding…">
            Add policy
          </Button>
          <p role="status" className="text-sm text-emerald-700">
            {added}
          </p>
        </div>
      </form>
    </Card>
  )
}
