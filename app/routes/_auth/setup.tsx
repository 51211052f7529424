// The owner claim: the first account on a fresh Executor becomes its owner. The root
// redirects here while no owner exists and away once one does.
import { Link, createFileRoute, useLoaderData } from '@tanstack/react-router'
import { CardHeading } from '../../components/centered-card'
import { SignUpForm } from '../../components/sign-up-form'
import { redirectNativeFormPost } from '../../lib/native-form-post'

export const Route = createFileRoute('/_auth/setup')({
  head: () => ({ meta: [{ title: 'Set up · Executor' }] }),
  server: { handlers: { POST: redirectNativeFormPost } },
  component: SetupPage,
})

function SetupPage() {
  const shell = useLoaderData({ from: '__root__' })
  const { session } = Route.useRouteContext()
  return (
    <>
      <CardHeading title="Set up Executor">
        <p>
          Create the owner account for <strong className="font-medium text-slate-900">{shell.orgName}</strong>. The owner manages members, invites and every
          setting; you can invite the rest of your team next.
        </p>
      </CardHeading>
      <SignUpForm
        submitLabel="Create owner account"
        pendingLabel="Creating account…"
        askSetupCode={session.needsSetupCode}
        errorHelp={(error) =>
          error.status === 409 ? (
            <Link to="/login" className="mt-1 inline-block font-medium underline">
              Go to sign in
            </Link>
          ) : null
        }
      />
    </>
  )
}
