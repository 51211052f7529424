/** RFC 9728 protected-resource metadata for the /mcp endpoint. */
export function protectedResourceMetadata(publicOrigin: string) {
  return {
    resource: `${publicOrigin}/mcp`,
    resource_name: 'Executor MCP',
    bearer_methods_supported: ['header'],
    resource_documentation: `${publicOrigin}/`,
  }
}

/** The metadata document as served: open to any origin, cacheable for an hour. */
export function protectedResourceResponse(publicOrigin: string): Response {
  return Response.json(protectedResourceMetadata(publicOrigin), {
    headers: { 'access-control-allow-origin': '*', 'cache-control': 'max-age=3600' },
  })
}
