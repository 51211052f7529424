// toolDeclaration runs under workerd: a one-file Worker that imports it (bundled by wrangler, with
// the same compatibility date and flags as wrangler.toml) answers with the very declarations the
// test computes in Node. workerd forbids generating code from strings (`eval`, `new Function`)
// and offers only the Node built-ins nodejs_compat provides; a generator needing either fails here.
import { readFileSync, writeFileSync } from 'node:fs'
import { devNull } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { toolDeclaration, type DeclarableTool } from '~/server/catalog/tool-declaration'
import { importOpenApi } from '~/server/integrations/openapi/import-document'
import { binDir, repoRoot, tempDir, wranglerBin } from '../harness/paths'
import { freePort } from '../harness/ports'
import { run, stopAll, waitForHealthy } from '../harness/process'

let url = ''

function tomlValue(key: string): string {
  const line = readFileSync(join(repoRoot, 'wrangler.toml'), 'utf8')
    .split('\n')
    .find((text) => text.startsWith(`${key} =`))
  if (!line) throw new Error(`wrangler.toml has no ${key}`)
  return line.slice(line.indexOf('=') + 1).trim()
}

beforeAll(async () => {
  const dir = tempDir('executor-declaration-worker-')
  writeFileSync(
    join(dir, 'worker.ts'),
    `import { toolDeclaration } from ${JSON.stringify(join(repoRoot, 'server/catalog/tool-declaration.ts'))}
export default {
  async fetch(request: Request): Promise<Response> {
    if (request.method !== 'POST') return new Response('ok')
    return new Response(await toolDeclaration(await request.json()))
  },
}
`,
  )
  writeFileSync(
    join(dir, 'wrangler.json'),
    JSON.stringify({
      name: 'tool-declaration-check',
      main: 'worker.ts',
      compatibility_date: JSON.parse(tomlValue('compatibility_date')),
      compatibility_flags: JSON.parse(tomlValue('compatibility_flags')),
    }),
  )
  const [port, inspectorPort] = [await freePort(), await freePort()]
  const proc = run(
    wranglerBin,
    ['dev', '-c', join(dir, 'wrangler.json'), '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', String(inspectorPort),
      '--persist-to', join(dir, 'state'), '--show-interactive-dev-session=false', '--env-file', devNull],
    {
      cwd: dir,
      env: {
        ...process.env,
        PATH: `${binDir}:${process.env.PATH ?? ''}`,
        CLOUDFLARE_CF_FETCH_ENABLED: 'false',
        WRANGLER_SEND_METRICS: 'false',
        WRANGLER_SEND_ERROR_REPORTS: 'false',
        NO_UPDATE_NOTIFIER: '1',
      },
    },
  )
  url = `http://127.0.0.1:${port}`
  await waitForHealthy(url, proc, 60_000)
}, 90_000)
afterAll(stopAll)

test('workerd makes the same declarations as Node, for real tools and for garbage', { timeout: 60_000 }, async () => {
  const imported = await importOpenApi(readFileSync(join(repoRoot, 'test/fixtures/petstore-openapi.yaml'), 'utf8'))
  const tools: DeclarableTool[] = [
    ...imported.tools.map((tool) => ({ ...tool, path: `petstore.${tool.path}` })),
    {
      path: 'demo.users.delete',
      title: 'Delete a user',
      description: 'Removes the user.',
      inputSchema: { type: 'object', properties: { user: { title: 'Simple User', type: 'object', nullable: true, properties: { login: { type: 'string' } } } } },
      outputSchema: { $ref: 'http://127.0.0.1:9/never-fetched.json' },
    },
    { path: 'demo.odd.thing', title: '', description: '', inputSchema: 'garbage', outputSchema: [null] },
  ]
  for (const tool of JSON.parse(JSON.stringify(tools)) as DeclarableTool[]) {
    const response = await fetch(url, { method: 'POST', body: JSON.stringify(tool) })
    expect(response.status, tool.path).toBe(200)
    expect(await response.text(), tool.path).toBe(await toolDeclaration(tool))
  }
})
