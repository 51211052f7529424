// Adding an integration through the real API and waiting for its import: the API answers 201
// when the import finished within the request, or 202 while it goes on (the Worker's waitUntil),
// and the integration then reads `importing` until it settles.
import { expect } from 'vitest'
import { call } from './accounts'

/** Reads the integration `view` describes (its `id`) until it is no longer importing. */
export async function settleImport(baseUrl: string, view: Record<string, unknown>, timeoutMs = 10_000): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs
  while (view.status === 'importing') {
    if (Date.now() > deadline) throw new Error(`still importing after ${timeoutMs} ms: ${JSON.stringify(view)}`)
    await new Promise((resolve) => setTimeout(resolve, 250))
    view = (await call(baseUrl, `/api/integrations/${String(view.id)}`)).body
  }
  return view
}

/** Adds an integration and, if the answer is 202 (still importing), reads it until it settles. */
export async function addAndSettle(baseUrl: string, body: Record<string, unknown>, timeoutMs = 10_000) {
  const added = await call(baseUrl, '/api/integrations', { body })
  expect([201, 202], JSON.stringify(added.body)).toContain(added.status)
  return settleImport(baseUrl, added.body, timeoutMs)
}
