// Every kind of integration Executor knows, by the `kind` stored on the integration row.
import type { IntegrationKind } from '~/db/enums'
import { AppError } from '../../http/app-error'
import type { KindAdapter } from './kind'
import { mcpKind } from './mcp-kind'
import { graphQlKind } from './graphql-kind'
import { openApiKind } from './openapi-kind'

const kinds: Partial<Record<IntegrationKind, KindAdapter>> = {
  openapi: openApiKind,
  mcp: mcpKind,
  graphql: graphQlKind,
}

export function kindAdapter(kind: IntegrationKind): KindAdapter {
  const adapter = kinds[kind]
  if (!adapter) throw new AppError('BAD_REQUEST', `Integrations of kind "${kind}" are not supported yet`)
  return adapter
}
