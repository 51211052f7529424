// Pages inside the console frame (sidebar and user area); setup, sign-in and join live in _auth.
import { Outlet, createFileRoute, useLoaderData } from '@tanstack/react-router'
import { AppShell } from '../components/app-shell'

export const Route = createFileRoute('/_app')({
  component: AppLayout,
})

function AppLayout() {
  const { session } = Route.useRouteContext()
  const shell = useLoaderData({ from: '__root__' })
  return (
    <AppShell orgName={shell.orgName} viewer={session}>
      <Outlet />
    </AppShell>
  )
}
