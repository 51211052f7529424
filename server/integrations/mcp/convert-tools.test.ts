import { expect, test } from 'vitest'
import { convertTools } from './convert-tools'

test('MCP tools become tools with their schemas, annotations and original names', () => {
  const tools = convertTools(
    [
      {
        name: 'get-issue',
        title: 'Get an issue',
        description: 'Reads one issue.',
        inputSchema: { type: 'object', properties: { number: { type: 'integer' } }, required: ['number'] },
        outputSchema: { type: 'object', properties: { title: { type: 'string' } } },
        annotations: { readOnlyHint: true, idempotentHint: true, title: 'ignored when title is set' },
      },
      { name: 'repo.delete', inputSchema: { type: 'object' }, annotations: { destructiveHint: true, title: 'Delete a repo' } },
      { name: 'get-issue', inputSchema: { type: 'object' } },
    ],
    'sse',
  )
  expect(tools.map((t) => t.path)).toEqual(['get_issue', 'repo_delete'])
  const [issue, remove] = tools
  expect(issue).toMatchObject({
    title: 'Get an issue',
    description: 'Reads one issue.',
    inputSchema: { required: ['number'] },
    annotations: { readOnlyHint: true, idempotentHint: true },
    operation: { name: 'get-issue', transport: 'sse' },
  })
  expect((issue?.outputSchema as { properties: Record<string, unknown> }).properties.structuredContent).toEqual({
    type: 'object',
    properties: { title: { type: 'string' } },
  })
  expect(remove).toMatchObject({ title: 'Delete a repo', description: '', annotations: { destructiveHint: true }, operation: { name: 'repo.delete' } })
  expect((remove?.outputSchema as { properties: Record<string, unknown> }).properties.structuredContent).toBeUndefined()
})
