// Policies: the ordered rules that decide whether a tool call runs, waits for approval or is
// blocked, a box to test a tool path against them, and the approval settings. Everyone can
// read them (members learn why a call needs approval); only admins and owners change them,
// and the API refuses anyone else regardless.
import { createFileRoute } from '@tanstack/react-router'
import { PageHeader } from '../../components/page-header'
import { policiesAndSettingsFn } from '../../functions/policies.functions'
import { canAdminister } from '../../lib/roles'
import { AddPolicyCard } from './-policies/add-policy-card'
import { ApprovalSettingsCard } from './-policies/approval-settings-card'
import { PolicyListCard } from './-policies/policy-list-card'
import { TestPathCard } from './-policies/test-path-card'

export const Route = createFileRoute('/_app/policies')({
  loader: () => policiesAndSettingsFn(),
  head: () => ({ meta: [{ title: 'Policies · Executor' }] }),
  component: PoliciesPage,
})

function PoliciesPage() {
  const { policies, settings } = Route.useLoaderData()
  const { session } = Route.useRouteContext()
  const editable = canAdminister(session.principal?.role)
  return (
    <>
      <PageHeader
        title="Policies"
        description="Rules that decide each tool call: allow it, ask a person to approve it, or block it. The first rule whose pattern matches the tool's path wins; with none, the tool's default applies."
      />
      <div className="space-y-6">
        <PolicyListCard policies={policies} editable={editable} />
        {editable ? <AddPolicyCard count={policies.length} /> : null}
        <div className="grid gap-6 lg:grid-cols-2 lg:items-start">
          <TestPathCard />
          <ApprovalSettingsCard settings={settings} editable={editable} />
        </div>
      </div>
    </>
  )
}
