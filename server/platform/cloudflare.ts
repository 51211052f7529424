// The Worker target's platform: bindings come from `cloudflare:workers` (imported only here and by
// the MCP session Durable Object). D1 schema migrations are applied by wrangler (wrangler.toml migrations_dir);
// the data steps and secret key rotation run once per isolate before its first request.
import { env } from 'cloudflare:workers'
import type { D1Database, DurableObjectNamespace, R2Bucket } from '@cloudflare/workers-types'
import { openD1 } from '~/db/d1'
import { createDatabaseBlobStore } from '../blobs/database-blob-store'
import { createR2BlobStore } from '../blobs/r2-blob-store'
import { createAccessIdentity } from '../auth/access-identity'
import { createMemorySessionStore } from '../mcp/session-store'
import { routeToSessionObject } from './mcp-session-object'
import { createDohResolver } from '../net/doh-resolver'
import { createUnpinnedConnector } from '../net/fetch-connector'
import { prepareDatabase } from '../boot/prepare-database'
import { DEFAULT_BODY_LIMITS } from '../http/bounded-body'
import { ConfigError } from '../config/config-error'
import { parseWorkerConfig, type WorkerConfig } from '../config/worker'
import { AppError } from '../http/app-error'
import { isLoopbackHostname } from '../http/loopback'
import { createLogger } from '../observability/logger'
import { sweepExpiredApprovals } from '../executions/expiry-sweep'
import { withAdmission } from '../sandbox/admission'
import { DEFAULT_LIMITS, MAX_LIMITS } from '../sandbox/limits'
import { createInlineRunner } from '../sandbox/runner'
import { rotateSecretsAtBoot } from '../secrets/rotate-at-boot'
import { mcpGate } from '../services'
import type { Platform } from './types'

let booted: Promise<Platform> | undefined
let parsed: ReturnType<typeof parseWorkerConfig> | undefined

/** Parsed once; an invalid config throws its ConfigError on every request until fixed and redeployed. */
function workerConfig() {
  parsed ??= parseWorkerConfig({ ...env })
  return parsed
}

/** The isolate's Platform; a failed boot is retried on the next request. */
export async function getPlatform(request: Request): Promise<Platform> {
  const { config, warnings } = workerConfig()
  const url = new URL(request.url)
  refuseForeignHostWithDevAuth(url, config.enableDevAuth)
  booted ??= bootWorker(config, warnings, url.origin).catch((error: unknown) => {
    booted = undefined
    throw error
  })
  return booted
}

// Deployed, the request URL is the route Cloudflare matched, so its origin is the Worker's own:
// Cloudflare sends a request for another name to that name's zone, never here. Under local
// `wrangler dev` the URL is whatever Host the client sent, and a web page can point its own name
// at 127.0.0.1 (DNS rebinding). Dev auth makes every request an owner, so with it only loopback
// names are answered, and the origin is never learnt from another name.
function refuseForeignHostWithDevAuth(url: URL, enableDevAuth: boolean) {
  if (!enableDevAuth || isLoopbackHostname(url.hostname)) return
  throw new AppError(
    'INVALID_HOST',
    `ENABLE_DEV_AUTH is on, so this Worker answers only to localhost or 127.0.0.1, not "${url.host}". Use a loopback URL, or turn dev auth off and protect the Worker with Cloudflare Access.`,
  )
}

// Without VITE_PUBLIC_SITE_URL the Worker's origin is the one it is served on (see above).
async function bootWorker(config: WorkerConfig, warnings: string[], requestOrigin: string): Promise<Platform> {
  const log = createLogger()
  const bindings: Record<string, unknown> = { ...env }
  for (const warning of warnings) log.warn(warning)
  const d1 = bindings.DB
  if (!isD1(d1)) throw new ConfigError([{ variable: 'DB', message: 'D1 binding DB is missing; add it to wrangler.toml' }])
  const sessionObjects = bindings.MCP_SESSION
  if (!isNamespace(sessionObjects)) {
    throw new ConfigError([{ variable: 'MCP_SESSION', message: 'Durable Object binding MCP_SESSION is missing; add it to wrangler.toml' }])
  }
  const db = openD1(d1)
  const now = Date.now()
  await prepareDatabase(db, config.org, now, log)
  await rotateSecretsAtBoot(db, { current: config.secretKey, previous: config.previousSecretKey }, log)
  const publicOrigin = config.publicOrigin ?? requestOrigin
  const identity = createAccessIdentity({ access: config.access, adminEmails: config.adminEmails, enableDevAuth: config.enableDevAuth })
  const gate = mcpGate(identity, publicOrigin)
  return {
    target: 'cloudflare',
    db,
    // R2 when the bucket is bound; a Worker deployed without one keeps blobs in D1, in chunks.
    blobs: isBucket(bindings.BLOBS) ? createR2BlobStore(bindings.BLOBS) : createDatabaseBlobStore(db, () => Date.now()),
    log,
    publicOrigin,
    trustedOrigins: [publicOrigin],
    // workerd decides where the Worker listens; its Host is the route Cloudflare matched.
    loopbackBind: false,
    bodyLimits: DEFAULT_BODY_LIMITS,
    allowLocalNetwork: config.allowLocalNetwork,
    secretKey: config.secretKey,
    previousSecretKey: config.previousSecretKey,
    identity,
    // No threads here: programs run inline, capped per isolate to fit its memory (isolate-budget.ts).
    sandbox: withAdmission(createInlineRunner(), config.admission),
    sandboxLimits: {
      defaults: { ...DEFAULT_LIMITS, memoryBytes: config.programHeapBytes },
      max: { ...MAX_LIMITS, memoryBytes: config.programHeapBytes },
    },
    // Each session lives in its own Durable Object, which runs handleMcp with its own store; this
    // one only gives the idle timeout and the cap per principal (MCP_SESSION_IDLE_SECONDS,
    // MCP_SESSIONS_PER_PRINCIPAL) to the objects and the session list.
    mcpSessions: createMemorySessionStore({ now: () => Date.now(), idleMs: config.mcpSessionIdleMs, perPrincipal: config.mcpSessionsPerPrincipal }),
    dispatchMcp: (request) => routeToSessionObject(sessionObjects, request, gate),
    // workerd's fetch cannot be pinned to an address; the guard still checks every name it
    // resolves over DNS-over-HTTPS (see server/net/fetch-connector.ts for the remaining gap).
    resolver: createDohResolver(),
    connector: createUnpinnedConnector(),
    serverTiming: false,
    now: () => Date.now(),
  }
}

/**
 * The Cron Trigger's work (wrangler.toml `[triggers]`, handed over by cloudflare-scheduled.ts):
 * ends paused executions whose approval ran out. It needs only D1, so it does not boot the
 * platform, which wants a request to learn its origin.
 */
export async function sweepOnSchedule(): Promise<void> {
  const log = createLogger()
  const d1 = ({ ...env } as Record<string, unknown>).DB
  if (!isD1(d1)) {
    log.warn('scheduled sweep skipped: the D1 binding DB is missing; add it to wrangler.toml')
    return
  }
  await sweepExpiredApprovals(openD1(d1), Date.now(), log)
}

function isNamespace(value: unknown): value is DurableObjectNamespace {
  return typeof value === 'object' && value !== null && 'idFromName' in value && 'get' in value
}

function isBucket(value: unknown): value is R2Bucket {
  return typeof value === 'object' && value !== null && 'put' in value && 'get' in value && 'list' in value && 'createMultipartUpload' in value
}

function isD1(value: unknown): value is D1Database {
  return typeof value === 'object' && value !== null && 'prepare' in value && 'batch' in value
}
