// Pages seen before anyone is signed in: one centered card, no console frame.
import { Outlet, createFileRoute, useLoaderData } from '@tanstack/react-router'
import { CenteredCard } from '../components/centered-card'

export const Route = createFileRoute('/_auth')({
  component: AuthLayout,
})

function AuthLayout() {
  const shell = useLoaderData({ from: '__root__' })
  return (
    <CenteredCard orgName={shell.orgName}>
      <Outlet />
    </CenteredCard>
  )
}
