/** RFC 9728 protected-resource metadata for the /mcp endpoint. */
export function protectedResourceMetadata(publicOrigin: string) {
  return {
    resource: `${publicOrigin}/mcp`,
    resource_name: 'Executor MCP',
    bearer_methods_supported: ['header'],
    resource_documentation: `${publicOrigin}/`,
  }
}
