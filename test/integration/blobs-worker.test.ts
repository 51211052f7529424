// Integration sources on the Worker under `wrangler dev`: with the R2 binding `BLOBS` they are R2
// objects (found in the local R2 persistence, the D1 blob tables empty); with no bucket bound they
// go to D1 in chunks, and GitHub's 13 MB description comes back byte for byte from there.
import { readdir, readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { call } from '../harness/accounts'
import { addAndSettle } from '../harness/integration-import'
import { servePetstoreDocument } from '../harness/petstore'
import { stopAll } from '../harness/process'
import { d1Query, startWorker, type WorkerServer } from '../harness/worker-server'

let withR2: WorkerServer
let withoutR2: WorkerServer
let served: Awaited<ReturnType<typeof servePetstoreDocument>>
let documentUrl: string
let petstoreYaml: string

beforeAll(async () => {
  served = await servePetstoreDocument()
  ;({ url: documentUrl, yaml: petstoreYaml } = served)
  const vars = { ENABLE_DEV_AUTH: 'true', ALLOW_LOCAL_NETWORK: 'true' }
  ;[withR2, withoutR2] = await Promise.all([startWorker({ vars }), startWorker({ vars, withoutBindings: ['BLOBS'] })])
})
afterAll(async () => {
  await stopAll()
  await served?.close()
})

async function downloadText(baseUrl: string, slug: string) {
  const response = await fetch(`${baseUrl}/api/integrations/${slug}/source`)
  expect(response.status).toBe(200)
  return { text: await response.text(), headers: response.headers }
}

/** Files under the local R2 persistence whose bytes are exactly `content`. */
async function r2FilesHolding(persistDir: string, content: string): Promise<string[]> {
  const root = join(persistDir, 'v3/r2')
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => [])
  const found: string[] = []
  for (const entry of entries) {
    if (!entry.isFile()) continue
    const path = join(entry.parentPath, entry.name)
    if ((await readFile(path, 'utf8')) === content) found.push(path)
  }
  return found
}

async function count(persistDir: string, table: string): Promise<number> {
  const [row] = await d1Query(persistDir, `select count(*) as n from ${table}`)
  return Number(row?.n)
}

test('with R2 bound, the source is an R2 object (D1 holds none) and is deleted with the integration', async () => {
  const added = await addAndSettle(withR2.url, { kind: 'openapi', slug: 'petstore', url: documentUrl })
  expect(added, withR2.logs().slice(-2000)).toMatchObject({ status: 'ready', toolCount: 19 })
  const { text, headers } = await downloadText(withR2.url, 'petstore')
  expect(text).toBe(petstoreYaml)
  expect(headers.get('content-disposition')).toBe('attachment; filename="petstore.openapi.yaml"')
  expect(await r2FilesHolding(withR2.persistDir, petstoreYaml)).toHaveLength(1)
  expect(await count(withR2.persistDir, 'blob')).toBe(0)
  expect(await count(withR2.persistDir, 'blob_chunk')).toBe(0)

  expect((await call(withR2.url, '/api/integrations/petstore', { method: 'DELETE' })).status).toBe(204)
  expect(await r2FilesHolding(withR2.persistDir, petstoreYaml)).toEqual([])
})

test('with no bucket bound, sources go to D1: the same bytes come back, and a pasted one refreshes from it', async () => {
  const added = await addAndSettle(withoutR2.url, { kind: 'openapi', slug: 'petstore', url: documentUrl })
  expect(added, withoutR2.logs().slice(-2000)).toMatchObject({ status: 'ready', toolCount: 19 })
  expect((await downloadText(withoutR2.url, 'petstore')).text).toBe(petstoreYaml)
  expect(await count(withoutR2.persistDir, 'blob')).toBe(1)
  expect(await r2FilesHolding(withoutR2.persistDir, petstoreYaml)).toEqual([])

  const pasted = await addAndSettle(withoutR2.url, { kind: 'openapi', slug: 'pasted', document: petstoreYaml })
  expect(pasted).toMatchObject({ status: 'ready', sourceUrl: null })
  const refreshed = await call(withoutR2.url, '/api/integrations/pasted/refresh', { method: 'POST' })
  expect([200, 202], JSON.stringify(refreshed.body)).toContain(refreshed.status)
  expect((await downloadText(withoutR2.url, 'pasted')).text).toBe(petstoreYaml)

  expect((await call(withoutR2.url, '/api/integrations/pasted', { method: 'DELETE' })).status).toBe(204)
  expect((await call(withoutR2.url, '/api/integrations/petstore', { method: 'DELETE' })).status).toBe(204)
  expect(await count(withoutR2.persistDir, 'blob')).toBe(0)
  expect(await count(withoutR2.persistDir, 'blob_chunk')).toBe(0)
})

test('with no bucket bound, GitHub’s 13 MB description is kept in D1 chunks under 1 MiB and comes back identical', { timeout: 300_000 }, async () => {
  const require = createRequire(import.meta.url)
  const document = await readFile(require.resolve('@octokit/openapi/generated/api.github.com.json'), 'utf8')
  const added = await addAndSettle(withoutR2.url, { kind: 'openapi', slug: 'github', document }, 240_000)
  expect(added, `${JSON.stringify(added).slice(0, 500)}\n${withoutR2.logs().slice(-3000)}`).toMatchObject({ status: 'ready' })
  const chunks = await d1Query(withoutR2.persistDir, 'select seq, length(data) as length from blob_chunk order by seq')
  expect(chunks.length).toBeGreaterThan(1)
  for (const chunk of chunks) expect(Number(chunk.length)).toBeLessThanOrEqual(1024 * 1024)
  const started = performance.now()
  const { text } = await downloadText(withoutR2.url, 'github')
  console.info(`Worker without R2: GitHub description ${(document.length / 1e6).toFixed(1)} MB in ${chunks.length} D1 chunks, downloaded in ${Math.round(performance.now() - started)} ms`)
  expect(text === document).toBe(true)
})
