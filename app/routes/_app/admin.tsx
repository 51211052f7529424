// Members and invites (SPEC §3, §10), for owners and admins. Members who open it get a plain
// "not for you" page; the server functions refuse them regardless.
import { Link, createFileRoute, redirect, useLoaderData } from '@tanstack/react-router'
import { buttonClass } from '../../components/button'
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
    <div className="mx-auto max-w-md py-16 text-center">
      <div aria-hidden className="mx-auto grid size-12 place-items-center rounded-full bg-slate-100 text-slate-500">
        <LockIcon className="size-5" />
      </div>
      <p className="mt-4 text-sm font-semibold text-indigo-600">403</p>
      <h1 className="mt-1 text-2xl font-semibold tracking-tight">Only owners and admins can open this page</h1>
      <p className="mt-2 text-slate-600">Managing members and invites for {props.orgName} needs the admin or owner role. Ask an owner if you need it.</p>
      <Link to="/" className={buttonClass('primary', 'mt-6')}>
        Back to overview
      </Link>
    </div>
  )
}
