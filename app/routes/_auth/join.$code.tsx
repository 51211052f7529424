// Joining with an invite link. The page first says what the link offers, from a
// public lookup, and only then asks for an account; a spent link gets a page of its own.
import { Link, createFileRoute } from '@tanstack/react-router'
import { Badge } from '../../components/badge'
import { buttonClass } from '../../components/button'
import { CardHeading } from '../../components/centered-card'
import { LocalTime } from '../../components/local-time'
import { SignOutButton } from '../../components/sign-out-button'
import { SignUpForm } from '../../components/sign-up-form'
import { describeInviteFn } from '../../functions/invites.functions'
import { redirectNativeFormPost } from '../../lib/native-form-post'
import { roleNames, roleWithArticle } from '../../lib/roles'

export const Route = createFileRoute('/_auth/join/$code')({
  loader: ({ params }) => describeInviteFn({ data: { code: params.code } }),
  head: () => ({ meta: [{ title: 'Join · Executor' }] }),
  server: { handlers: { POST: redirectNativeFormPost } },
  component: JoinPage,
})


function JoinPage() {
  const invite = Route.useLoaderData()
  const { code } = Route.useParams()
  const { session } = Route.useRouteContext()
  if (invite.status !== 'valid') return <SpentInvite status={invite.status} />
  const who = invite.invitedBy ?? 'An administrator'
  return (
    <>
      <CardHeading title={`Join ${invite.organization}`}>
        <p>
          <strong className="font-medium text-slate-900">{who}</strong> invited you to join <strong className="font-medium text-slate-900">{invite.organization}</strong>{' '}
          as {roleWithArticle[invite.role]}.
        </p>
      </CardHeading>
      <dl className="-mt-2 mb-6 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 rounded-lg bg-slate-50 px-4 py-3 text-sm">
        <dt className="text-slate-500">Role</dt>
        <dd>
          <Badge tone="indigo">{roleNames[invite.role]}</Badge>
        </dd>
        {invite.label ? (
          <>
            <dt className="text-slate-500">Invite for</dt>
            <dd className="min-w-0 break-words text-slate-800">{invite.label}</dd>
          </>
        ) : null}
        <dt className="text-slate-500">Link expires</dt>
        <dd className="text-slate-800">{invite.expiresAt ? <LocalTime iso={invite.expiresAt} withTime /> : 'Never'}</dd>
      </dl>
      {session.principal ? (
        <div className="space-y-4 text-sm text-slate-600">
          <p>
            You are signed in as <strong className="font-medium text-slate-900">{session.principal.email}</strong>. This link is for creating a new account; sign
            out first if you want to use it.
          </p>
          <div className="flex flex-wrap gap-2">
            <Link to="/" className={buttonClass('primary')}>
              Go to overview
            </Link>
            <SignOutButton identity={session.identity} variant="secondary" stay />
          </div>
        </div>
      ) : (
        <SignUpForm submitLabel="Create account and join" pendingLabel="Joining…" inviteCode={code} />
      )}
    </>
  )
}

const spent = {
  used: {
    title: 'This invite has already been used',
    text: 'Each invite link works once. If you joined with it, sign in; otherwise ask whoever invited you for a new link.',
  },
  expired: { title: 'This invite has expired', text: 'Invite links stop working after a while. Ask whoever invited you for a new one.' },
  revoked: { title: 'This invite was revoked', text: 'Whoever created the link has withdrawn it. Ask them for a new one if you still need access.' },
  unknown: { title: 'This invite link is not valid', text: 'Check that you copied the whole link, or ask whoever invited you for a new one.' },
} as const

function SpentInvite(props: { status: keyof typeof spent }) {
  const copy = spent[props.status]
  return (
    <>
      <CardHeading title={copy.title}>
        <p>{copy.text}</p>
      </CardHeading>
      <Link to="/login" className={buttonClass('secondary', 'w-full')}>
        Go to sign in
      </Link>
    </>
  )
}
