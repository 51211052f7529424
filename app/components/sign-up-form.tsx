// Creating an account: the owner claim on /setup and joining with an invite on /join/<code>.
// Both are Better Auth's sign-up; an invite code rides in a header. The password
// rule is the server's; the hint repeats it so nobody has to guess.
import { useHydrated, useRouter } from '@tanstack/react-router'
import { type FormEvent, type ReactNode, useRef, useState } from 'react'
import { ApiError, api, errorMessage } from '../lib/api-client'
import { useAction } from '../lib/use-action'
import { Button } from './button'
import { FormAlert, TextField } from './form-field'
import { NeedsJavaScript } from './needs-javascript'
import { passwordProblem } from '~/server/auth/password.schema'

export const PASSWORD_HINT = 'Use 16 or more characters, or at least 10 with three of: lowercase, uppercase, digits, symbols.'

type Values = { name: string; email: string; password: string; setupCode: string }
type FieldErrors = Partial<Record<keyof Values, string>>

const passwordCodes = new Set(['WEAK_PASSWORD', 'PASSWORD_TOO_SHORT', 'PASSWORD_TOO_LONG'])
const emailCodes = new Set(['INVALID_EMAIL', 'USER_ALREADY_EXISTS', 'USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL'])
const setupCodeCodes = new Set(['SETUP_CODE_REQUIRED', 'SETUP_CODE_INVALID'])

export const SETUP_CODE_HINT = 'Executor printed it to its log when it started: look for the line that begins "setup code:".'

function fieldErrorFor(error: ApiError): FieldErrors | undefined {
  if (setupCodeCodes.has(error.code)) return { setupCode: error.message }
  if (passwordCodes.has(error.code)) return { password: error.message }
  if (error.code === 'INVALID_EMAIL') return { email: 'Enter a valid email address' }
  if (emailCodes.has(error.code)) return { email: 'An account with this email already exists' }
  return undefined
}

export function SignUpForm(props: {
  submitLabel: string
  pendingLabel: string
  inviteCode?: string
  /** the owner claim on a server other machines can reach also asks for the setup code */
  askSetupCode?: boolean
  /** extra help shown under a form-level error, e.g. a link to sign in */
  errorHelp?: (error: ApiError) => ReactNode
}) {
  const router = useRouter()
  const hydrated = useHydrated()
  const formRef = useRef<HTMLFormElement>(null)
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({})
  const signUp = useAction(async ({ setupCode, ...values }: Values) => {
    const headers: Record<string, string> = {}
    if (props.inviteCode) headers['x-executor-invite'] = props.inviteCode
    if (props.askSetupCode) headers['x-executor-setup-code'] = setupCode
    try {
      await api('/api/auth/sign-up/email', { body: values, headers })
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
    const values = {
      name: String(form.get('name') ?? '').trim(),
      email: String(form.get('email') ?? '').trim(),
      password: String(form.get('password') ?? ''),
      setupCode: String(form.get('setupCode') ?? '').trim(),
    }
    const missing: FieldErrors = {}
    if (props.askSetupCode && !values.setupCode) missing.setupCode = 'Enter the setup code from the Executor log'
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
    <>
      <NeedsJavaScript action="Creating an account" />
      <form ref={formRef} method="post" noValidate onSubmit={onSubmit} className="space-y-5">
        {props.askSetupCode ? (
          <TextField label="Setup code" name="setupCode" autoComplete="off" spellCheck={false} required hint={SETUP_CODE_HINT} error={fieldErrors.setupCode} />
        ) : null}
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
        {/* Until the page is interactive a click would submit the form natively. */}
        <Button type="submit" disabled={!hydrated} pending={signUp.pending} pendingLabel={props.pendingLabel} className="w-full">
          {props.submitLabel}
        </Button>
      </form>
    </>
  )
}

function focusFirstInvalid(form: HTMLFormElement | null, errors: FieldErrors) {
  const first = (['setupCode', 'name', 'email', 'password'] as const).find((field) => errors[field])
  const input = first ? form?.elements.namedItem(first) : null
  if (input instanceof HTMLInputElement) input.focus()
}
