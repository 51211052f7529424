// Creating an account: the owner claim on /setup and joining with an invite on /join/<code>.
// Both are Better Auth's sign-up; an invite code rides in a header. The password
// rule is the server's; the hint repeats it so nobody has to guess.
import { useRouter } from '@tanstack/react-router'
import { type FormEvent, type ReactNode, useRef, useState } from 'react'
import { ApiError, api, errorMessage } from '../lib/api-client'
import { useAction } from '../lib/use-action'
import { Button } from './button'
import { FormAlert, TextField } from './form-field'
import { passwordProblem } from '~/server/auth/password.schema'

export const PASSWORD_HINT = 'Use 16 or more characters, or at least 10 with three of: lowercase, uppercase, digits, symbols.'

type Values = { name: string; email: string; password: string }
type FieldErrors = Partial<Record<keyof Values, string>>

const passwordCodes = new Set(['WEAK_PASSWORD', 'PASSWORD_TOO_SHORT', 'PASSWORD_TOO_LONG'])
const emailCodes = new Set(['INVALID_EMAIL', 'USER_ALREADY_EXISTS', 'USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL'])

function fieldErrorFor(error: ApiError): FieldErrors | undefined {
  if (passwordCodes.has(error.code)) return { password: error.message }
  if (error.code === 'INVALID_EMAIL') return { email: 'Enter a valid email address' }
  if (emailCodes.has(error.code)) return { email: 'An account with this email already exists' }
  return undefined
}

export function SignUpForm(props: {
  submitLabel: string
  pendingLabel: string
  inviteCode?: string
  /** extra help shown under a form-level error, e.g. a link to sign in */
  errorHelp?: (error: ApiError) => ReactNode
}) {
  const router = useRouter()
  const formRef = useRef<HTMLFormElement>(null)
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({})
  const signUp = useAction(async (values: Values) => {
    try {
      await api('/api/auth/sign-up/email', {
        body: values,
        headers: props.inviteCode ? { 'x-executor-invite': props.inviteCode } : undefined,
      })
    } catch (error) {
      const fields = error instanceof ApiError ? fieldErrorFor(error) : undefined
      if (!fields) throw error
      setFieldErrors(fields)
      focusFirstInvalid(formRef.current, fields)
      return
    }
    router.clearCache()
    await router.navigate({ to: '/' })
  })

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    const values = { name: String(form.get('name') ?? '').trim(), email: String(form.get('email') ?? '').trim(), password: String(form.get('password') ?? '') }
    const missing: FieldErrors = {}
    if (!values.name) missing.name = 'Enter your name'
    if (!values.email) missing.email = 'Enter your email address'
    else if (!/^[^\s@]+@[^\s@]+$/.test(values.email)) missing.email = 'Enter a valid email address'
    if (!values.password) missing.password = 'Choose a password'
    else missing.password = passwordProblem(values.password)
    if (!missing.password) delete missing.password
    setFieldErrors(missing)
    if (Object.keys(missing).length > 0) {
      signUp.clearError()
      focusFirstInvalid(formRef.current, missing)
      return
    }
    void signUp.run(values)
  }

  const formError = signUp.error
  return (
    <form ref={formRef} noValidate onSubmit={onSubmit} className="space-y-5">
      <TextField label="Name" name="name" autoComplete="name" required error={fieldErrors.name} />
      <TextField label="Email" name="email" type="email" autoComplete="email" required error={fieldErrors.email} />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint={PASSWORD_HINT}
        error={fieldErrors.password}
      />
      {formError ? (
        <FormAlert>
          <p>{errorMessage(formError)}</p>
          {formError instanceof ApiError && props.errorHelp ? props.errorHelp(formError) : null}
        </FormAlert>
      ) : null}
      <Button type="submit" pending={signUp.pending} pendingLabel={props.pendingLabel} className="w-full">
        {props.submitLabel}
      </Button>
    </form>
  )
}

function focusFirstInvalid(form: HTMLFormElement | null, errors: FieldErrors) {
  const first = (['name', 'email', 'password'] as const).find((field) => errors[field])
  const input = first ? form?.elements.namedItem(first) : null
  if (input instanceof HTMLInputElement) input.focus()
}
