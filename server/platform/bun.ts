// The container target's platform: parse config, prepare the data dir and keys,
// open the one libSQL client, migrate, seed, and only then serve. Any failure prints one line
// per problem and exits 1 — never start half-configured.
import { applySchemaMigrations } from '~/db/migrate'
import { schemaMigrations } from '~/db/migrations'
import { openLibsql, openScratchLibsql } from '~/db/libsql'
import { createDatabaseBlobStore } from '../blobs/database-blob-store'
import { createAccounts } from '../auth/accounts'
import { createAccountsIdentity } from '../auth/accounts-identity'
import { createMemorySessionStore } from '../mcp/session-store'
import { bootstrapOwner } from '../auth/bootstrap-owner'
import { needsSetup, releaseStaleClaims } from '../auth/owner-claim'
import { newSetupCode } from '../auth/setup-code'
import { prepareDatabase } from '../boot/prepare-database'
import { warmUpRequestThread } from '../boot/warm-up-mcp'
import { ConfigError } from '../config/config-error'
import { startExpirySweep, sweepExpiredApprovals } from '../executions/expiry-sweep'
import { markInterrupted } from '../executions/interrupted'
import { markImportsLost } from '../integrations/integrations'
import { parseContainerConfig, type ContainerConfig } from '../config/container'
import { resolveKeyMaterial } from '../config/secrets'
import { createLogger, errorFields, type Logger } from '../observability/logger'
import { getOrganization } from '../organization/organization'
import { rotateSecretsAtBoot } from '../secrets/rotate-at-boot'
import { withAdmission } from '../sandbox/admission'
import { createInlineRunner, type SandboxRunner } from '../sandbox/runner'
import { createDnsResolver, createPinnedConnector } from './bun-net'
import { createWorkerPoolRunner } from './bun-sandbox'
import { createKeyFileStore, ensureDataDir } from './key-files'
import { restrictDatabaseFile, restrictDatabaseSidecars } from './db-files'
import type { Platform } from './types'

let booted: Promise<Platform> | undefined

/** The process's one Platform, booted on first use. */
export function getPlatform(_request?: Request): Promise<Platform> {
  booted ??= bootContainer(process.env).catch(exitOnBootFailure)
  return booted
}

async function bootContainer(env: Record<string, string | undefined>): Promise<Platform> {
  const log = createLogger()
  const { config, warnings } = parseContainerConfig(env)
  for (const warning of warnings) log.warn(warning)
  // Sandbox threads start and warm up while the database is prepared below.
  const sandbox = withAdmission(createSandboxRunner(config, log), config.admission)
  closeSandboxOnShutdown(sandbox)
  const sandboxWarm = sandbox.warmUp().catch((error: unknown) => log.warn('sandbox warm-up failed', errorFields(error)))
  await ensureDataDir(config.dataDir)
  const keys = await resolveKeyMaterial(config, createKeyFileStore(config.dataDir))
  if (keys.generated.length > 0) log.info('using key files', { files: keys.generated, dataDir: config.dataDir })
  const fileWarnings = await restrictDatabaseFile(config.dbPath)
  const database = await openLibsql(config.dbPath)
  fileWarnings.push(...(await restrictDatabaseSidecars(config.dbPath)))
  for (const warning of fileWarnings) log.warn(warning)
  const applied = await applySchemaMigrations(database.client, schemaMigrations)
  if (applied.length > 0) log.info('schema migrations applied', { migrations: applied })
  await prepareDatabase(database.db, { id: 'org_default', ...config.org }, Date.now(), log)
  await rotateSecretsAtBoot(database.db, { current: keys.secretKey, previous: config.previousSecretKey }, log)
  await releaseStaleClaims(database.db)
  await markInterrupted(database.db, Date.now(), log)
  // Paused executions stay paused across restarts; only those whose approval ran out end here,
  // and from now on every minute (expiry-sweep.ts).
  await sweepExpiredApprovals(database.db, Date.now(), log)
  process.once('exit', startExpirySweep(database.db, log, () => Date.now()))
  const lostImports = await markImportsLost(database.db, Date.now())
  if (lostImports > 0) log.warn('integration imports interrupted by the last shutdown', { integrations: lostImports })
  const org = await getOrganization(database.db)
  if (!org) throw new Error('organization missing after seeding')
  const now = () => Date.now()
  const setupCode = config.setupCodeRequired ? newSetupCode() : undefined
  const accounts = createAccounts({
    db: database.db,
    organizationId: org.id,
    secret: keys.authSecret,
    publicOrigin: config.publicOrigin,
    trustedOrigins: config.trustedOrigins,
    log,
    now,
    setupCode,
  })
  if (config.bootstrapAdmin) await bootstrapOwner(accounts, database.db, config.bootstrapAdmin, log, setupCode)
  if (setupCode !== undefined && (await needsSetup(database.db))) {
    log.info(`setup code: ${setupCode} (enter it at ${config.publicOrigin}/setup to create the owner account; a new one is printed at every start)`, {
      setupCode,
    })
  }
  closeOnShutdown(database.close)
  // Ready before the first request, so it does not wait for a thread; the request thread warms
  // its own side of an MCP call meanwhile.
  await Promise.all([sandboxWarm, warmUpMcpPath(config, now, log)])
  log.info('executor ready', {
    publicOrigin: config.publicOrigin,
    dataDir: config.dataDir,
    dbPath: config.dbPath,
  })
  return {
    target: 'bun',
    db: database.db,
    blobs: createDatabaseBlobStore(database.db, now),
    log,
    publicOrigin: config.publicOrigin,
    trustedOrigins: config.trustedOrigins,
    loopbackBind: config.loopbackBind,
    bodyLimits: config.bodyLimits,
    allowLocalNetwork: config.allowLocalNetwork,
    secretKey: keys.secretKey,
    previousSecretKey: config.previousSecretKey,
    identity: createAccountsIdentity(accounts, database.db, now, {
      setupCodeRequired: setupCode !== undefined,
      publicOrigin: config.publicOrigin,
      accessTokenTtlSeconds: config.mcpAccessTokenTtlSeconds,
    }),
    sandbox,
    mcpSessions: createMemorySessionStore({ ...config.mcpSessions, now }),
    resolver: createDnsResolver(),
    connector: createPinnedConnector(),
    serverTiming: config.serverTiming,
    now,
  }
}

// The first MCP calls would otherwise run the request thread's code cold (boot/warm-up-mcp.ts);
// a failure here costs only that, so it is a warning, not a boot failure.
async function warmUpMcpPath(config: ContainerConfig, now: () => number, log: Logger): Promise<void> {
  let scratch: Awaited<ReturnType<typeof openScratchLibsql>> | undefined
  try {
    scratch = await openScratchLibsql(schemaMigrations)
    await warmUpRequestThread({ ...config, scratchDb: scratch.db, now })
  } catch (error) {
    log.warn('MCP warm-up failed', errorFields(error))
  } finally {
    scratch?.close()
  }
}

function createSandboxRunner(config: ContainerConfig, log: Logger): SandboxRunner {
  const pool = createWorkerPoolRunner({
    warmThreads: config.sandboxWorkers,
    maxThreads: config.admission.maxConcurrent,
    onRetire: (reason) => {
      if (reason !== 'idle' && reason !== 'shutdown') log.info('sandbox thread replaced', { reason })
    },
  })
  if (pool) return pool
  // Only a dev server (no built worker script) gets here; programs then hold its event loop.
  log.warn('sandbox worker script not found; running programs on the request thread')
  return createInlineRunner()
}

function exitOnBootFailure(error: unknown): never {
  if (error instanceof ConfigError) {
    for (const issue of error.issues) console.error(`executor: ${issue.message}`)
  } else {
    console.error(JSON.stringify({ level: 'error', msg: 'boot failed', ...errorFields(error) }))
  }
  process.exit(1)
}

// Nitro's own handler stops the listener and drains in-flight requests on SIGTERM/SIGINT;
// the database closes after that, on process exit, so no request loses its connection.
function closeOnShutdown(close: () => void) {
  process.once('exit', close)
}

// Running programs end as `aborted` at once, so their requests answer and the drain is quick.
function closeSandboxOnShutdown(sandbox: SandboxRunner) {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void sandbox.close())
}
