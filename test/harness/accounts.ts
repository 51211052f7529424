// HTTP helpers for tests of the container's accounts: sign-up/in through Better Auth's own
// endpoints, a cookie per person, and the shared 401/403 check for protected endpoints.
import { createClient } from '@libsql/client'
import { join } from 'node:path'
import { expect } from 'vitest'

export type Person = { name: string; email: string; password: string }
export type Session = { cookie: string; person: Person }

export const strongPassword = 'Correct-Horse-7'

export function person(name: string): Person {
  return { name, email: `${name.toLowerCase().replace(/\W+/g, '.')}@example.com`, password: strongPassword }
}

export type Call = { status: number; body: Record<string, unknown>; headers: Headers }

export async function call(
  baseUrl: string,
  path: string,
  options: { method?: string; body?: unknown; cookie?: string; headers?: Record<string, string> } = {},
): Promise<Call> {
  const method = options.method ?? (options.body === undefined ? 'GET' : 'POST')
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      // Like a browser on the public origin (the harness makes it the base URL); Better Auth
      // refuses cookie-less sign-ins without one.
      ...(method === 'GET' ? {} : { origin: baseUrl }),
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(options.cookie ? { cookie: options.cookie } : {}),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    redirect: 'manual',
  })
  const text = await response.text()
  const body = text ? (JSON.parse(text) as Record<string, unknown>) : {}
  return { status: response.status, body, headers: response.headers }
}

/** `name=value` pairs of every Set-Cookie, ready for a Cookie header. */
export function cookieFrom(headers: Headers): string {
  return headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')
}

export async function signUp(baseUrl: string, who: Person, invite?: string): Promise<Call & { cookie: string }> {
  const result = await call(baseUrl, '/api/auth/sign-up/email', {
    body: who,
    headers: invite ? { 'x-executor-invite': invite } : {},
  })
  return { ...result, cookie: cookieFrom(result.headers) }
}

export async function signIn(baseUrl: string, who: Pick<Person, 'email' | 'password'>): Promise<Call & { cookie: string }> {
  const result = await call(baseUrl, '/api/auth/sign-in/email', { body: { email: who.email, password: who.password } })
  return { ...result, cookie: cookieFrom(result.headers) }
}

/** Claims the owner of a fresh server and returns the owner's session. */
export async function claimOwner(baseUrl: string, who = person('Owner')): Promise<Session> {
  const result = await signUp(baseUrl, who)
  expect(result.status, JSON.stringify(result.body)).toBe(200)
  return { cookie: result.cookie, person: who }
}

/** Invites `who` with `role` as `inviter` and signs them up through the link. */
export async function addPerson(baseUrl: string, inviter: Session, who: Person, role: 'admin' | 'member'): Promise<Session & { userId: string }> {
  const created = await call(baseUrl, '/api/invites', { cookie: inviter.cookie, body: { role } })
  expect(created.status, JSON.stringify(created.body)).toBe(201)
  const joined = await signUp(baseUrl, who, String(created.body.code))
  expect(joined.status, JSON.stringify(joined.body)).toBe(200)
  const user = joined.body.user as { id: string }
  return { cookie: joined.cookie, person: who, userId: user.id }
}

/** Proves an endpoint answers 401 without credentials and 403 to a signed-in member. */
export async function expectProtected(
  baseUrl: string,
  memberCookie: string,
  path: string,
  options: { method?: string; body?: unknown } = {},
) {
  const anonymous = await call(baseUrl, path, options)
  expect(anonymous.status).toBe(401)
  expect(anonymous.body.code).toBe('UNAUTHORIZED')
  const member = await call(baseUrl, path, { ...options, cookie: memberCookie })
  expect(member.status).toBe(403)
  expect(member.body.code).toBe('FORBIDDEN')
}

/** Runs SQL against a server's database file (WAL lets the test read while it runs). */
export async function sql(dataDir: string, statement: string, args: (string | number | null)[] = []) {
  const client = createClient({ url: `file:${join(dataDir, 'data.db')}`, timeout: 5_000 })
  try {
    return (await client.execute({ sql: statement, args })).rows
  } finally {
    client.close()
  }
}

/** A new API key for the signed-in `who`. */
export async function createApiKey(baseUrl: string, who: Session, name = 'test'): Promise<string> {
  const created = await call(baseUrl, '/api/api-keys', { cookie: who.cookie, body: { name } })
  expect(created.status, JSON.stringify(created.body)).toBe(201)
  return String(created.body.key)
}
