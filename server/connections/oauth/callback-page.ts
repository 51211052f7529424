// The small page the OAuth callback answers with: what happened, in words, and where to go next.
// Provider-supplied text is escaped; nothing secret is ever on it.
import { escapeHtml } from '../../http/escape-html'
import type { CallbackOutcome } from './authorize'


type Page = { status: number; title: string; body: string }

export function callbackPage(outcome: CallbackOutcome | { kind: 'signed_out' }): Response {
  const page = describe(outcome)
  const integrationId = 'integrationId' in outcome ? outcome.integrationId : undefined
  const back = integrationId ? `/integrations/${encodeURIComponent(integrationId)}` : '/integrations'
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)} · Executor</title></head>
<body data-outcome="${outcome.kind}" style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 4rem auto; padding: 0 1rem; color: #0f172a">
<h1 style="font-size: 1.25rem">${escapeHtml(page.title)}</h1>
<p>${page.body}</p>
<p><a href="${back}">${back === '/integrations' ? 'Back to integrations' : 'Back to the integration'}</a></p>
</body></html>`
  return new Response(html, {
    status: page.status,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' },
  })
}

function describe(outcome: CallbackOutcome | { kind: 'signed_out' }): Page {
  const named = (connection: string | undefined) => (connection ? `Connection <code>${escapeHtml(connection)}</code>` : 'The connection')
  switch (outcome.kind) {
    case 'connected':
      return { status: 200, title: 'Connected', body: `${named(outcome.connection)} is authorized: agents' calls now carry its token.` }
    case 'denied':
      return { status: 400, title: 'Access denied', body: `${named(outcome.connection)} was not authorized: access was denied at the provider. Start again from the connection to retry.` }
    case 'expired':
      return { status: 410, title: 'Link expired', body: 'This authorization took longer than 15 minutes and expired. Start again from the connection.' }
    case 'unknown':
      return { status: 400, title: 'Unknown or used link', body: 'This authorization is unknown or was already used (each link works once). Start again from the connection.' }
    case 'wrong_user':
      return { status: 403, title: 'Started by someone else', body: 'This authorization was started by another person; only they can finish it. Start your own from the connection.' }
    case 'signed_out':
      return { status: 401, title: 'Sign in first', body: 'Sign in to Executor in this browser, then start the authorization again from the connection.' }
    case 'error':
      return { status: 502, title: 'Authorization failed', body: `${named(outcome.connection)} was not authorized: ${escapeHtml(outcome.detail)}` }
  }
}
