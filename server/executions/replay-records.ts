// What a paused execution keeps so it can go on later by replay: every call that settled (its
// path, a hash of its arguments, its result or error, and when and in what order the program
// received it) and the one call waiting for a decision. Nothing here is a secret: arguments and
// results are what the program itself saw.
import type { PolicyDecision } from '../policies/decide-policy'
import type { Role } from '~/db/enums'
import type { JsonValue } from './executions'

/** One settled call, as a replay hands it back. */
export type RecordedCall = {
  seq: number
  path: string
  argsHash: string
  ok: boolean
  /** the result's JSON text (undefined: the tool returned nothing) */
  result?: string
  error?: string
  errorName?: string
  settleIndex: number
  settledAt: number
}

export type ApprovalVia = 'console' | 'api' | 'mcp' | 'elicitation' | 'auto_approve'

/** A decision on a call that needed approval: who, how, when. */
export type ApprovalRecord = {
  approved: boolean
  by: { id: string; name: string; email: string }
  /** ISO time */
  at: string
  via: ApprovalVia
}

/** The call a paused execution waits on. */
export type PendingCall = {
  seq: number
  /** as the program wrote it */
  path: string
  /** the arguments as recorded (cut when large); the check on replay uses argsHash */
  args: JsonValue
  argsHash: string
  policy: PolicyDecision
  /** ISO time the approval was asked for */
  requestedAt: string
  /** what the run's principal could do when it paused; the rest of the run acts the same */
  principal: { role: Role; via: 'session' | 'api_key' | 'oauth' | 'access' | 'dev'; apiKeyId?: string }
  /** set once someone decided; the replay then makes the call (or refuses it) */
  decision?: ApprovalRecord
}

export async function argsHashOf(args: unknown): Promise<string> {
  const text = args === undefined ? '' : JSON.stringify(args)
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('')
}
