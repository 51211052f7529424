/// <reference types="vite/client" />
import { HeadContent, Outlet, Scripts, createRootRoute, redirect } from '@tanstack/react-router'
import { type ReactNode, useEffect } from 'react'
import { AppShell } from '../components/app-shell'
import { CardHeading, CenteredCard } from '../components/centered-card'
import { NotFound } from '../components/not-found'
import { getSessionStateFn } from '../functions/session.functions'
import { getShellFn } from '../functions/shell.functions'
import { sessionRedirect } from '../lib/session-rules'
import appCss from '../styles.css?url'

export const Route = createRootRoute({
  head: () => ({
    meta: [
      { charSet: 'utf-8' },
      { name: 'viewport', content: 'width=device-width, initial-scale=1' },
      { title: 'Executor' },
      { name: 'description', content: 'Let AI agents use your APIs safely.' },
    ],
    links: [
      { rel: 'stylesheet', href: appCss },
      { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
    ],
  }),
  // Runs on every navigation, so signing in or out elsewhere is noticed on the next click.
  // The session lands in router context for every page below.
  beforeLoad: async ({ location }) => {
    const session = await getSessionStateFn()
    const target = sessionRedirect(session, location)
    if (target) throw redirect({ href: target })
    return { session }
  },
  loader: () => getShellFn(),
  shellComponent: RootDocument,
  component: RootLayout,
  notFoundComponent: RootNotFound,
})

function RootLayout() {
  const { session } = Route.useRouteContext()
  const shell = Route.useLoaderData()
  // Behind Cloudflare Access an anonymous request means Access is not in front yet: there is
  // no in-app sign-in to send anyone to.
  if (session.identity === 'access' && !session.principal) return <AccessSignIn orgName={shell.orgName} problem={session.accessProblem} />
  return <Outlet />
}

function RootNotFound() {
  const { session } = Route.useRouteContext()
  const shell = Route.useLoaderData()
  return (
    <AppShell orgName={shell?.orgName ?? 'Executor'} viewer={session}>
      <NotFound />
    </AppShell>
  )
}

function AccessSignIn(props: { orgName: string; problem: string | undefined }) {
  return (
    <CenteredCard orgName={props.orgName}>
      <CardHeading title="Sign-in is handled by Cloudflare Access">
        <p>This Executor does not keep its own accounts. Open it through the Cloudflare Access URL your administrator gave you, and Access will ask who you are.</p>
      </CardHeading>
      {props.problem ? (
        <p role="alert" className="text-sm text-red-700">
          {props.problem}
        </p>
      ) : null}
      <p className="text-sm text-slate-600">
        If you run this Executor: put the Worker behind a Cloudflare Access application and set <code className="font-mono text-slate-800">ACCESS_TEAM_DOMAIN</code> and{' '}
        <code className="font-mono text-slate-800">ACCESS_AUD</code>.
      </p>
    </CenteredCard>
  )
}

function RootDocument(props: { children: ReactNode }) {
  return (
    <html lang="en">
      <head>
        <HeadContent />
      </head>
      <body>
        {props.children}
        <HydratedMark />
        <Scripts />
      </body>
    </html>
  )
}

// Marks the document once React has hydrated it (`<html data-hydrated>`): before that, the
// server-rendered page shows but a click or a choice reaches no handler. The browser tests wait
// for the mark after each page load, as a person would wait for a page to finish loading.
function HydratedMark() {
  useEffect(() => {
    document.documentElement.dataset.hydrated = ''
  }, [])
  return null
}
