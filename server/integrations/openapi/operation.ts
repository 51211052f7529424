// One OpenAPI operation as a tool needs it: what the import (./import-document.ts) extracts from
// a dereferenced description, and what the request builder (./build-request.ts) turns into an
// HTTP request. Plain JSON, so it can be stored with the tool and read back unchanged. Schemas
// live once, in the tool's input and output schemas, not again in the OperationSpec.

/** A JSON Schema object as found in (or derived from) the description. */
export type JsonSchema = { [keyword: string]: unknown }

export type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'options' | 'head' | 'patch' | 'trace'

export type ParameterLocation = 'path' | 'query' | 'header' | 'cookie'

export type OperationParameter = {
  /** the name on the wire */
  name: string
  /** the tool input property that carries it when not `name` (two parameters share a name, or it is `body`/`contentType`) */
  inputName?: string
  in: ParameterLocation
  required: boolean
  /** OpenAPI serialization style; the location's default when absent */
  style?: 'matrix' | 'label' | 'form' | 'simple' | 'spaceDelimited' | 'pipeDelimited' | 'deepObject'
  /** OpenAPI explode; `true` for style form and `false` otherwise when absent */
  explode?: boolean
  /** query only: reserved characters are sent unescaped */
  allowReserved?: boolean
  description?: string
}

export type OperationBody = {
  required: boolean
  /** the media types the operation accepts, in the document's order (the first is the default) */
  contentTypes: string[]
  /**
   * schemas of the media types whose schema differs from the default's (the default's is the
   * tool input's `body`); absent when all share one
   */
  otherSchemas?: Record<string, JsonSchema>
  description?: string
}

/** How a credential is presented, as the document's securitySchemes say (pre-fills a connection). */
export type SecurityScheme =
  | { type: 'apiKey'; in: 'header' | 'query' | 'cookie'; name: string; description?: string }
  | { type: 'http'; scheme: 'bearer' | 'basic'; bearerFormat?: string; description?: string }
  | {
      type: 'oauth2'
      description?: string
      /** the document's flows (endpoints and scopes pre-fill an OAuth 2 connection) */
      flows?: OAuthFlows
      /** from an MCP server's 401: where its protected resource metadata is, and the scope it asked for */
      challenge?: { resourceMetadata?: string; scope?: string }
    }
  | { type: 'openIdConnect'; description?: string; openIdConnectUrl?: string }
  | { type: 'mutualTLS' | 'other'; description?: string }

/** An OpenAPI OAuth 2 flow: endpoints, and scope names with their descriptions. */
export type OAuthFlow = { authorizationUrl?: string; tokenUrl?: string; refreshUrl?: string; scopes: Record<string, string> }
export type OAuthFlows = { authorizationCode?: OAuthFlow; clientCredentials?: OAuthFlow }

export type OperationSpec = {
  method: HttpMethod
  /** the path template as written in the document, e.g. `/pets/{petId}` */
  path: string
  operationId?: string
  summary?: string
  description?: string
  tags: string[]
  deprecated: boolean
  parameters: OperationParameter[]
  body?: OperationBody
  /** names of the security schemes that apply (any one of them suffices); empty: no credential */
  security: string[]
  /** the operation's own servers (path- or operation-level), overriding the document's when present */
  servers?: string[]
}

/** One tool made from one operation. */
export type ToolDefinition = {
  /** dotted tool path inside the integration: `<group>.<operation>`, each segment ^[A-Za-z0-9_]+$ */
  path: string
  title: string
  description: string
  /** the tool's input: path, query, header and cookie parameters by name, plus `body` and `contentType` */
  inputSchema: JsonSchema
  /** `{ status, headers, data }` with `data` typed by the success response's schema when known */
  outputSchema: JsonSchema
  annotations: { readOnlyHint?: boolean; destructiveHint?: boolean; idempotentHint?: boolean }
  operation: OperationSpec
}

/** What importing one description yields. */
export type ImportedDescription = {
  title: string
  /** the OpenAPI (`3.0.4`) or Swagger (`2.0`) version the document declared, before upgrading */
  specVersion: string
  version: string
  description?: string
  /** the document's `servers`, variables substituted with their defaults */
  servers: string[]
  securitySchemes: Record<string, SecurityScheme>
  tools: ToolDefinition[]
  /** problems that did not stop the import (an operation skipped, a $ref left unresolved…) */
  warnings: string[]
}
