// A connection's credential and where it goes on a request. Applied after the agent's
// parameters, so a credential always wins over a parameter of the same name, and reported
// back as the secret strings the response reader must redact (in every form an upstream
// might echo them: as sent, percent-encoded, and the base64 of HTTP basic).
import { AppError } from '../../http/app-error'
import { encodeStrict } from './serialize-parameter'
import { base64 } from '../../encoding/base64'

export type Credential =
  | { type: 'none' }
  /** `prefix` goes before the key as written (`Bearer `, `token `) */
  | { type: 'apiKey'; in: 'header' | 'query' | 'cookie'; name: string; key: string; prefix?: string }
  | { type: 'bearer'; token: string }
  | { type: 'basic'; username: string; password: string }

/** The parts of a request a credential can go into; changed in place. */
export type RequestParts = { url: URL; headers: Headers }

export type AppliedCredential = {
  /** every string that must never reach the sandbox, longest first */
  secrets: string[]
  /** header names holding the credential, dropped on a cross-origin redirect */
  credentialHeaders: string[]
}

export function applyCredential(parts: RequestParts, credential: Credential | undefined): AppliedCredential {
  if (credential === undefined || credential.type === 'none') return { secrets: [], credentialHeaders: [] }
  switch (credential.type) {
    case 'bearer':
      setHeader(parts.headers, 'authorization', `Bearer ${credential.token}`)
      return { secrets: secretForms(credential.token), credentialHeaders: ['authorization'] }
    case 'basic': {
      const encoded = base64OfUtf8(`${credential.username}:${credential.password}`)
      setHeader(parts.headers, 'authorization', `Basic ${encoded}`)
      // With no password the user name is the key (Stripe's convention), so it is secret too.
      const plain = credential.password === '' ? credential.username : credential.password
      return { secrets: uniqueLongestFirst([encoded, ...secretForms(plain)]), credentialHeaders: ['authorization'] }
    }
    case 'apiKey': {
      const value = `${credential.prefix ?? ''}${credential.key}`
      const secrets = secretForms(credential.key)
      if (credential.in === 'header') {
        setHeader(parts.headers, credential.name, value)
        return { secrets, credentialHeaders: [credential.name.toLowerCase()] }
      }
      if (credential.in === 'query') {
        parts.url.search = withPair(parts.url.search.slice(1), '&', credential.name, encodeStrict(value))
        return { secrets, credentialHeaders: [] }
      }
      const cookie = withPair(parts.headers.get('cookie') ?? '', '; ', credential.name, encodeStrict(value))
      setHeader(parts.headers, 'cookie', cookie)
      return { secrets, credentialHeaders: [] }
    }
  }
}

/** base64 of the UTF-8 bytes (btoa alone only takes Latin-1). */
export function base64OfUtf8(text: string): string {
  return base64(new TextEncoder().encode(text))
}

/** The value and its percent-encoded form (an upstream echoing a URL shows that one). */
function secretForms(value: string): string[] {
  return uniqueLongestFirst([value, encodeURIComponent(value), encodeStrict(value)])
}

function uniqueLongestFirst(values: string[]): string[] {
  return [...new Set(values.filter((value) => value !== ''))].sort((a, b) => b.length - a.length)
}

/** `list` (pairs joined by `separator`) without any pair named `name`, then `name=value`. */
function withPair(list: string, separator: string, name: string, value: string): string {
  const kept = list
    .split(separator.trim())
    .map((pair) => pair.trim())
    .filter((pair) => pair !== '' && decodeName(pair) !== name)
  return [...kept, `${encodeStrict(name)}=${value}`].join(separator)
}

function decodeName(pair: string): string {
  const name = pair.split('=', 1)[0] ?? ''
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '))
  } catch {
    return name
  }
}

// Headers would throw a TypeError quoting the value; this says what is wrong without it.
function setHeader(headers: Headers, name: string, value: string) {
  if (!/^[\t\x20-\x7e]*$/.test(value)) {
    throw new AppError('BAD_REQUEST', `The credential for header ${name} has characters an HTTP header cannot carry`)
  }
  headers.set(name, value)
}

/**
 * The credential's secret strings before any request exists (so messages about building one, or
 * a connection's errors, are redacted too); a credential no header can carry gives its raw parts.
 */
export function credentialSecrets(credential: Credential | undefined): string[] {
  if (credential === undefined) return []
  try {
    return applyCredential({ url: new URL('http://scratch.invalid/'), headers: new Headers() }, credential).secrets
  } catch {
    switch (credential.type) {
      case 'apiKey':
        return [credential.key]
      case 'bearer':
        return [credential.token]
      case 'basic':
        return [credential.username, credential.password]
      default:
        return []
    }
  }
}
