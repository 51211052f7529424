/**
 * RFC 9728 protected-resource metadata for the /mcp endpoint. Where Executor is its own
 * authorization server (the container), it names itself; elsewhere clients use a bearer key.
 */
export function protectedResourceMetadata(publicOrigin: string, authorizationServer: boolean) {
  return {
    resource: `${publicOrigin}/mcp`,
    ...(authorizationServer ? { authorization_servers: [publicOrigin], scopes_supported: ['mcp'] } : {}),
    resource_name: 'Executor MCP',
    bearer_methods_supported: ['header'],
    resource_documentation: `${publicOrigin}/`,
  }
}

/** The metadata document as served: open to any origin, cacheable for an hour. */
export function protectedResourceResponse(publicOrigin: string, authorizationServer: boolean): Response {
  return Response.json(protectedResourceMetadata(publicOrigin, authorizationServer), {
    headers: { 'access-control-allow-origin': '*', 'cache-control': 'max-age=3600' },
  })
}
