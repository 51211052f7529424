// Members, invites and the audit log, for owners and admins. Members who open it get a plain
// "not for you" page; the server functions refuse them regardless. Behind Cloudflare Access,
// Access decides who gets in and ADMIN_EMAILS who administers: only the audit log is left here.
import { createFileRoute, useLoaderData } from '@tanstack/react-router'
import { AUDIT_ACTIONS, type AuditAction } from '~/db/enums'
import { StatusPage } from '../../components/status-page'
import { LockIcon } from '../../components/icons'
import { PageHeader } from '../../components/page-header'
import { listAuditFn } from '../../functions/audit.functions'
import { listInvitesFn } from '../../functions/invites.functions'
import { listMembersFn } from '../../functions/members.functions'
import { canAdminister } from '../../lib/roles'
import { AuditCard } from './-admin/audit-card'
import { CreateInviteCard, InvitesCard } from './-admin/invites-card'
import { MembersCard } from './-admin/members-card'

const isAuditAction = (value: unknown): value is AuditAction => AUDIT_ACTIONS.some((action) => action === value)

export const Route = createFileRoute('/_app/admin')({
  // `?audit=` filters the audit log by action.
  validateSearch: (search: Record<string, unknown>): { audit?: AuditAction } => ({ audit: isAuditAction(search.audit) ? search.audit : undefined }),
  loaderDeps: ({ search }) => ({ audit: search.audit }),
  loader: async ({ context, deps }) => {
    if (!canAdminister(context.session.principal?.role)) return { allowed: false as const }
    if (context.session.identity === 'access') {
      return { allowed: true as const, people: null, audit: await listAuditFn({ data: { action: deps.audit } }), auditAction: deps.audit }
    }
    const [members, invites, audit] = await Promise.all([listMembersFn(), listInvitesFn(), listAuditFn({ data: { action: deps.audit } })])
    return { allowed: true as const, people: { members, invites }, audit, auditAction: deps.audit }
  },
  head: () => ({ meta: [{ title: 'Admin · Executor' }] }),
  component: AdminPage,
})

function AdminPage() {
  const data = Route.useLoaderData()
  const { session } = Route.useRouteContext()
  const shell = useLoaderData({ from: '__root__' })
  if (!data.allowed || !session.principal) return <AdminsOnly orgName={shell.orgName} />
  if (data.people === null) {
    return (
      <>
        <PageHeader
          title="Admin"
          description={
            <>
              Who changed what in Executor for {shell.orgName}. Cloudflare Access decides who gets in, and{' '}
              <code className="font-mono text-slate-800">ADMIN_EMAILS</code> who administers: there are no members or invites to manage here.
            </>
          }
        />
        <AuditCard firstPage={data.audit} action={data.auditAction} accounts={false} />
      </>
    )
  }
  return (
    <>
      <PageHeader title="Admin" description={`Who can use Executor for ${shell.orgName}, with which role, the invite links that let new people join, and who changed what.`} />
      <div className="space-y-6">
        <MembersCard members={data.people.members} actorRole={session.principal.role} />
        <CreateInviteCard invites={data.people.invites} />
        <InvitesCard invites={data.people.invites} />
        <AuditCard firstPage={data.audit} action={data.auditAction} />
      </div>
    </>
  )
}

function AdminsOnly(props: { orgName: string }) {
  return (
    <StatusPage
      status="403"
      title="Only owners and admins can open this page"
      icon={<LockIcon className="size-5" />}
      back={{ to: '/', label: 'Back to overview' }}
    >
      Managing members and invites for {props.orgName} needs the admin or owner role. Ask an owner if you need it.
    </StatusPage>
  )
}
