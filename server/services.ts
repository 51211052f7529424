// The one place a Platform becomes the dependency objects domain modules take.
import { defaultCatalog } from './catalog/default-catalog'
import { createToolCatalog, DEFAULT_MAX_RESPONSE_BYTES, type ToolCatalog } from './catalog/tool-catalog'
import type { ConnectionDeps } from './connections/connections'
import type { AuthorizeDeps } from './connections/oauth/authorize'
import type { ExecutionDeps } from './executions/executions'
import type { ImportDeps } from './integrations/import-integration'
import type { GateDeps, McpDeps } from './mcp/handle-mcp'
import { AppError } from './http/app-error'
import type { ClientDeps } from './mcp-oauth/clients'
import type { TokenDeps } from './mcp-oauth/tokens'
import { createGuardedFetch, type GuardedFetch } from './net/guarded-fetch'
import type { Platform } from './platform/types'
import { createKeyRing } from './secrets/key-ring'
import type { SecretBox } from './secrets/secret-box'

// Built once per platform (a process in the container, an isolate on the Worker).
const perPlatform = new WeakMap<Platform, { fetch: GuardedFetch; secrets: () => Promise<SecretBox>; catalog: ToolCatalog }>()

function shared(platform: Platform) {
  let parts = perPlatform.get(platform)
  if (!parts) {
    const fetch = createGuardedFetch({
      resolver: platform.resolver,
      connector: platform.connector,
      allowLocalNetwork: platform.allowLocalNetwork,
      localNetworkSetting: platform.target === 'cloudflare' ? 'ALLOW_LOCAL_NETWORK' : 'EXECUTOR_ALLOW_LOCAL_NETWORK',
    })
    let box: Promise<SecretBox> | undefined
    const secrets = () => (box ??= createKeyRing(platform.secretKey, platform.previousSecretKey))
    const catalog = createToolCatalog({
      db: platform.db,
      builtins: defaultCatalog(),
      log: platform.log,
      integrations: { secrets, now: platform.now, fetch, maxResponseBytes: DEFAULT_MAX_RESPONSE_BYTES },
    })
    parts = { fetch, secrets, catalog }
    perPlatform.set(platform, parts)
  }
  return parts
}

/** The guarded fetch every outbound request made for an agent or an integration goes through. */
export function guardedFetch(platform: Platform): GuardedFetch {
  return shared(platform).fetch
}

export function executionDeps(platform: Platform): ExecutionDeps {
  const { db, log, sandbox: runner, sandboxLimits: limits, now } = platform
  return { db, catalog: shared(platform).catalog, log, runner, now, ...(limits ? { limits } : {}) }
}

export function importDeps(platform: Platform): ImportDeps {
  return { db: platform.db, blobs: platform.blobs, fetch: shared(platform).fetch, log: platform.log, now: platform.now }
}

export async function connectionDeps(platform: Platform): Promise<ConnectionDeps> {
  return { db: platform.db, secrets: await shared(platform).secrets(), now: platform.now }
}

/** What OAuth 2 connections need besides the database and secrets: the guarded fetch and the public origin (redirect URI). */
export async function oauthDeps(platform: Platform): Promise<AuthorizeDeps> {
  return { ...(await connectionDeps(platform)), fetch: shared(platform).fetch, publicOrigin: platform.publicOrigin }
}

export function mcpDeps(platform: Platform): McpDeps {
  return { ...executionDeps(platform), ...mcpGate(platform.identity, platform.publicOrigin), sessions: platform.mcpSessions }
}

/** How /mcp authenticates; the Worker needs it at boot, before its Platform exists, to answer before routing. */
export function mcpGate(identity: Platform['identity'], publicOrigin: string): GateDeps {
  return { authenticate: (request) => identity.authenticate(request), publicOrigin, signsInWithOAuth: identity.mcpOAuth !== undefined }
}

export type McpOAuthDeps = ClientDeps & TokenDeps & { publicOrigin: string }

/**
 * The MCP authorization server's dependencies; a 404 where there is none (the Worker, whose
 * people sign in through Cloudflare Access).
 */
export function mcpOAuthDeps(platform: Platform): McpOAuthDeps {
  const settings = platform.identity.mcpOAuth
  if (!settings) {
    throw new AppError('NOT_FOUND', 'This Executor has no OAuth authorization server: it signs people in through Cloudflare Access')
  }
  return {
    db: platform.db,
    fetch: shared(platform).fetch,
    allowLocalNetwork: platform.allowLocalNetwork,
    now: platform.now,
    publicOrigin: platform.publicOrigin,
    issuer: platform.publicOrigin,
    accessTokenTtlSeconds: settings.accessTokenTtlSeconds,
  }
}
