// The one place a Platform becomes the dependency objects domain modules take.
import { defaultCatalog } from './catalog/default-catalog'
import type { ExecutionDeps } from './executions/executions'
import type { McpDeps } from './mcp/handle-mcp'
import type { Platform } from './platform/types'

export function executionDeps(platform: Platform): ExecutionDeps {
  return { db: platform.db, catalog: defaultCatalog(), log: platform.log, runner: platform.sandbox, now: platform.now }
}

export function mcpDeps(platform: Platform): McpDeps {
  return {
    ...executionDeps(platform),
    sessions: platform.mcpSessions,
    publicOrigin: platform.publicOrigin,
    authenticate: (request) => platform.identity.authenticate(request),
  }
}
