import { createFileRoute, useHydrated, useRouter } from '@tanstack/react-router'
import { type FormEvent, useRef, useState } from 'react'
import { Button } from '../../components/button'
import { CardHeading } from '../../components/centered-card'
import { FormAlert, TextField } from '../../components/form-field'
import { NeedsJavaScript } from '../../components/needs-javascript'
import { ApiError, api, errorMessage } from '../../lib/api-client'
import { redirectNativeFormPost } from '../../lib/native-form-post'
import { safeRedirect } from '../../lib/session-rules'
import { useAction } from '../../lib/use-action'

export const Route = createFileRoute('/_auth/login')({
  validateSearch: (search: Record<string, unknown>): { redirect?: string } =>
    typeof search.redirect === 'string' ? { redirect: search.redirect } : {},
  head: () => ({ meta: [{ title: 'Sign in · Executor' }] }),
  server: { handlers: { POST: redirectNativeFormPost } },
  component: LoginPage,
})

type FieldErrors = { email?: string; password?: string }

function LoginPage() {
  const router = useRouter()
  const hydrated = useHydrated()
  const search = Route.useSearch()
  const formRef = useRef<HTMLFormElement>(null)
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({})
  const signIn = useAction(async (values: { email: string; password: string }) => {
    await api('/api/auth/sign-in/email', { body: values })
    router.clearCache()
    // Only a path on this site: a crafted link must not bounce a fresh session elsewhere.
    await router.navigate({ href: safeRedirect(search.redirect), replace: true })
  })

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    const values = { email: String(form.get('email') ?? '').trim(), password: String(form.get('password') ?? '') }
    const missing: FieldErrors = {}
    if (!values.email) missing.email = 'Enter your email address'
    if (!values.password) missing.password = 'Enter your password'
    setFieldErrors(missing)
    const first = missing.email ? 'email' : missing.password ? 'password' : undefined
    if (first) {
      signIn.clearError()
      const input = formRef.current?.elements.namedItem(first)
      if (input instanceof HTMLInputElement) input.focus()
      return
    }
    void signIn.run(values)
  }

  return (
    <>
      <CardHeading title="Sign in to Executor" />
      <NeedsJavaScript action="Signing in" />
      <form ref={formRef} method="post" noValidate onSubmit={onSubmit} className="space-y-5">
        <TextField label="Email" name="email" type="email" autoComplete="username" required error={fieldErrors.email} />
        <TextField label="Password" name="password" type="password" autoComplete="current-password" required error={fieldErrors.password} />
        {signIn.error ? <FormAlert>{signInMessage(signIn.error)}</FormAlert> : null}
        {/* Until the page is interactive a click would submit the form natively. */}
        <Button type="submit" disabled={!hydrated} pending={signIn.pending} pendingLabel="Signing in…" className="w-full">
          Sign in
        </Button>
      </form>
      <p className="mt-6 border-t border-slate-200 pt-5 text-sm text-slate-600">
        New here? Accounts are by invitation: open the invite link an owner or admin sent you.
      </p>
    </>
  )
}

// A 401 says only that the pair did not match: which half was wrong stays unsaid.
function signInMessage(error: unknown) {
  if (error instanceof ApiError && error.status === 401) return 'Incorrect email or password'
  return errorMessage(error)
}
