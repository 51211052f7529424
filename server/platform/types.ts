// Each deploy target builds one Platform at start-up (server/platform/bun.ts, cloudflare.ts)
// and hands it down; domain code never asks which runtime it is on (SPEC §1).
import type { Database } from '~/db/database'
import type { Logger } from '../observability/logger'

export type Target = 'bun' | 'cloudflare'

export interface Platform {
  /** which deploy target built this platform */
  readonly target: Target
  /** the Drizzle database (libSQL file or D1) */
  readonly db: Database
  /** structured JSON-lines logger */
  readonly log: Logger
  /** the one origin browsers use; trusted for auth, never taken from Host */
  readonly publicOrigin: string
  /** EXECUTOR_ALLOW_LOCAL_NETWORK / ALLOW_LOCAL_NETWORK */
  readonly allowLocalNetwork: boolean
  /** master key material for secrets at rest */
  readonly secretKey: string
  /** epoch milliseconds */
  now(): number
}
