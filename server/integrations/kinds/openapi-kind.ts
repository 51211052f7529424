// OpenAPI as a kind: a description (fetched through the guard, or pasted) whose operations become
// tools, called as HTTP requests with the connection's credential.
import { refuseOtherKinds } from '../detect-kind'
import { fetchDocument } from '../fetch-document'
import { callOperation } from '../openapi/call-operation'
import { importOpenApi } from '../openapi/import-document'
import type { ToolDefinition } from '../openapi/operation'
import { UpstreamError } from '../openapi/read-response'
import type { KindAdapter } from './kind'
import { ToolCallError } from './tool-call-error'

export const openApiKind: KindAdapter = {
  async read(source, context) {
    let text: string
    let sourceUrl: string | undefined
    if ('url' in source) {
      context.onPhase?.('Fetching the description')
      const fetched = await fetchDocument(context.fetch, source.url, context.signal)
      text = fetched.text
      sourceUrl = fetched.url
    } else {
      text = source.document
    }
    context.onPhase?.('Reading the description')
    refuseOtherKinds(text)
    // Relative server URLs and same-origin `$ref`s resolve against where the document came from.
    const imported = await importOpenApi(text, {
      baseUrl: sourceUrl,
      sourceUrl,
      fetch: context.fetch,
      signal: context.signal,
      onProgress: (progress) => {
        if (progress.phase === 'resolving') context.onPhase?.('Resolving $refs')
        if (progress.done !== undefined && progress.total !== undefined) context.onProgress?.(progress.done, progress.total)
      },
    })
    const needsCredential = !(Object.keys(imported.securitySchemes).length === 0 && imported.tools.every((t) => t.operation.security.length === 0))
    const json = /^\s*[{[]/.test(text)
    const document = { text, contentType: json ? 'application/json' : 'application/yaml', fileSuffix: json ? '.openapi.json' : '.openapi.yaml' }
    return { ...imported, needsCredential, source: document }
  },

  async call(tool, args, context) {
    const operation = tool.operation as ToolDefinition['operation']
    context.annotate({ method: operation.method.toUpperCase() })
    // The operator's base URL wins; else the operation's own server; else the description's.
    const url = context.baseUrl ?? operation.servers?.[0] ?? context.defaultBaseUrl
    if (!url || !/^https?:\/\//i.test(url)) {
      throw new ToolCallError(`This integration has no base URL to call (its description names no absolute server): an admin sets one on the integration`)
    }
    try {
      const response = await callOperation({ ...(tool as object), operation } as ToolDefinition, args, {
        fetch: context.fetch,
        baseUrl: url,
        credential: context.credential,
        connectionName: context.connectionName,
        signal: context.signal,
        maxResponseBytes: context.maxResponseBytes,
      })
      context.annotate({ httpStatus: response.status })
      return response
    } catch (error) {
      if (error instanceof UpstreamError) context.annotate({ httpStatus: error.status })
      throw error
    }
  },
}
