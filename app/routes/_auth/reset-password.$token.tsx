// Setting a new password with a reset link an owner issued. The token is the proof, so no
// sign-in is needed; once used (or after an hour) the link stops working.
import { Link, createFileRoute, useHydrated } from '@tanstack/react-router'
import { type FormEvent, useRef, useState } from 'react'
import { ResetPasswordSchema } from '~/server/auth/account.schema'
import { Button, buttonClass } from '../../components/button'
import { CardHeading } from '../../components/centered-card'
import { FormAlert, TextField } from '../../components/form-field'
import { PASSWORD_HINT } from '../../components/sign-up-form'
import { api, errorMessage } from '../../lib/api-client'
import { validateForm } from '../../lib/form-values'
import { redirectNativeFormPost } from '../../lib/native-form-post'
import { useAction } from '../../lib/use-action'

export const Route = createFileRoute('/_auth/reset-password/$token')({
  head: () => ({ meta: [{ title: 'Set a new password · Executor' }, { name: 'referrer', content: 'no-referrer' }] }),
  server: { handlers: { POST: redirectNativeFormPost } },
  component: ResetPasswordPage,
})

function ResetPasswordPage() {
  const { token } = Route.useParams()
  const hydrated = useHydrated()
  const formRef = useRef<HTMLFormElement>(null)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [done, setDone] = useState(false)
  const reset = useAction(async (input: { token: string; newPassword: string }) => {
    await api('/api/account/reset-password', { body: input })
    setDone(true)
  })
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const input = { token, newPassword: String(new FormData(event.currentTarget).get('newPassword') ?? '') }
    const data = validateForm(ResetPasswordSchema, input, formRef.current, setErrors)
    if (data) void reset.run(data)
  }
  if (done) {
    return (
      <>
        <CardHeading title="Password set">
          <p>Your new password works now, and every earlier session of yours was signed out.</p>
        </CardHeading>
        <Link to="/login" className={buttonClass('primary')}>
          Sign in
        </Link>
      </>
    )
  }
  return (
    <>
      <CardHeading title="Set a new password">
        <p>Choose a new password for your account. This link works once.</p>
      </CardHeading>
      {/* method="post": a form sent before the page is interactive never puts the password in a URL. */}
      <form ref={formRef} method="post" noValidate onSubmit={onSubmit} className="space-y-5">
        <TextField label="New password" name="newPassword" type="password" autoComplete="new-password" required hint={PASSWORD_HINT} error={errors.newPassword} />
        {reset.error ? <FormAlert>{errorMessage(reset.error)}</FormAlert> : null}
        <Button type="submit" disabled={!hydrated} pending={reset.pending} pendingLabel="Saving…" className="w-full">
          Set password
        </Button>
      </form>
    </>
  )
}
