/// <reference types="vite/client" />
import { HeadContent, Outlet, Scripts, createRootRoute } from '@tanstack/react-router'
import type { ReactNode } from 'react'
import { AppShell } from '../components/app-shell'
import { getShellFn } from '../functions/shell.functions'
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
  loader: () => getShellFn(),
  shellComponent: RootDocument,
  component: RootLayout,
})

function RootLayout() {
  const shell = Route.useLoaderData()
  return (
    <AppShell orgName={shell.orgName}>
      <Outlet />
    </AppShell>
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
        <Scripts />
      </body>
    </html>
  )
}
