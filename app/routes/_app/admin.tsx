// Members and invites, for owners and admins. Members who open it get a plain
// "not for you" page; the server functions refuse them regardless.
import { createFileRoute, redirect, useLoaderData } from '@tanstack/react-router'
import { StatusPage } from '../../components/status-page'
import { LockIcon } from '../../components/icons'
import { PageHeader } from '../../components/page-header'
import { listInvitesFn } from '../../functions/invites.functions'
import { listMembersFn } from '../../functions/members.functions'
import { canAdminister } from '../../lib/roles'
import { CreateInviteCard, InvitesCard } from './-admin/invites-card'
import { MembersCard } from './-admin/members-card'

export const Route = createFileRoute('/_app/admin')({
  // Behind Cloudflare Access, Access decides who gets in; there are no invites to manage.
  beforeLoad: ({ context }) => {
    if (context.session.identity === 'access') throw redirect({ to: '/' })
  },
  loader: async ({ context }) => {
    if (!canAdminister(context.session.principal?.role)) return { allowed: false as const }
    const [members, invites] = await Promise.all([listMembersFn(), listInvitesFn()])
    return { allowed: true as const, members, invites }
  },
  head: () => ({ meta: [{ title: 'Admin · Executor' }] }),
  component: AdminPage,
})

function AdminPage() {
  const data = Route.useLoaderData()
  const { session } = Route.useRouteContext()
  const shell = useLoaderData({ from: '__root__' })
  if (!data.allowed || !session.principal) return <AdminsOnly orgName={shell.orgName} />
  return (
    <>
      <PageHeader title="Admin" description={`Who can use Executor for ${shell.orgName}, with which role, and the invite links that let new people join.`} />
      <div className="space-y-6">
        <MembersCard members={data.members} actorRole={session.principal.role} />
        <CreateInviteCard invites={data.invites} />
        <InvitesCard invites={data.invites} />
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
