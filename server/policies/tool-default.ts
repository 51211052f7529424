// What a tool call gets when no policy matches it: reads are allowed, writes need approval.
// OpenAPI: POST, PUT, PATCH and DELETE are writes; GraphQL: mutations; MCP: tools the server
// marks `destructiveHint: true`. Executor's own `executor.*` tools only read the catalog.
import type { ToolDefault } from './decide-policy'

export type ToolKind = 'openapi' | 'graphql' | 'mcp' | 'builtin'

const WRITE_METHODS = new Set(['post', 'put', 'patch', 'delete'])

/** The default for one stored tool row (`annotations` and `operation` as stored with the tool). */
export function toolDefault(kind: ToolKind, tool: { annotations: unknown; operation: unknown }): ToolDefault {
  switch (kind) {
    case 'openapi': {
      const method = stringField(tool.operation, 'method')?.toLowerCase()
      if (!method) return { action: 'allow', reason: 'OpenAPI operations that do not write are allowed by default' }
      const shown = method.toUpperCase()
      if (WRITE_METHODS.has(method)) {
        return { action: 'require_approval', reason: `${shown} operations of OpenAPI integrations require approval by default` }
      }
      return { action: 'allow', reason: `${shown} operations of OpenAPI integrations are allowed by default` }
    }
    case 'graphql':
      if (stringField(tool.operation, 'operationType') === 'mutation') {
        return { action: 'require_approval', reason: 'GraphQL mutations require approval by default' }
      }
      return { action: 'allow', reason: 'GraphQL queries are allowed by default' }
    case 'mcp':
      if (isRecord(tool.annotations) && tool.annotations.destructiveHint === true) {
        return { action: 'require_approval', reason: 'MCP tools marked destructive (destructiveHint) require approval by default' }
      }
      return { action: 'allow', reason: 'MCP tools not marked destructive are allowed by default' }
    case 'builtin':
      return { action: 'allow', reason: 'built-in tools are allowed by default' }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null
}

function stringField(value: unknown, key: string): string | undefined {
  if (!isRecord(value)) return undefined
  const field = value[key]
  return typeof field === 'string' ? field : undefined
}
