// The Account page behind Cloudflare Access: Executor keeps no account there, so the page shows
// who Access says you are (or, under local dev auth, the fixed dev admin) and where that comes from.
import type { SessionState } from '~/server/auth/session-state'
import { Card } from '../../../components/card'
import { Fact } from '../../../components/fact'
import { PageHeader } from '../../../components/page-header'
import { SignOutButton } from '../../../components/sign-out-button'
import { roleNames } from '../../../lib/roles'

type Principal = NonNullable<SessionState['principal']>

export function AccessIdentity(props: { principal: Principal }) {
  const { principal } = props
  const dev = principal.via === 'dev'
  return (
    <>
      <PageHeader
        title="Your identity"
        description={
          dev
            ? 'Dev auth is on (ENABLE_DEV_AUTH), so every request to this local Worker is the fixed dev admin below.'
            : 'Cloudflare Access signs you in to this Executor and tells it who you are; there is no password or profile to manage here.'
        }
      />
      <div className="space-y-6">
        <Card title={dev ? 'Who dev auth says you are' : 'Who Cloudflare Access says you are'} actions={dev ? null : <SignOutButton identity="access" variant="secondary" />}>
          <dl className="grid gap-5 sm:grid-cols-2">
            <Fact label="Name">{principal.name || '—'}</Fact>
            <Fact label="Email" valueClassName="break-words">
              {principal.email}
            </Fact>
            <Fact label="Role">{roleNames[principal.role]}</Fact>
            <Fact label="Groups">{principal.groups?.length ? principal.groups.join(', ') : 'None sent'}</Fact>
          </dl>
        </Card>
        <Card title="Where your role comes from">
          <p className="text-sm text-slate-600">
            {dev ? 'Under dev auth you are always the owner. Deployed behind Cloudflare Access, people' : 'People'} whose email is listed in{' '}
            <code className="font-mono text-slate-800">ADMIN_EMAILS</code> administer Executor; everyone else Access lets in is a member.
            Who may open Executor at all is decided by the Access application&apos;s policies, in the Cloudflare dashboard.
          </p>
        </Card>
      </div>
    </>
  )
}
