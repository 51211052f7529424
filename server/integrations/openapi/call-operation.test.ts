// Imported petstore tools called end to end: importOpenApi on the fixture document, then
// callOperation through the real network guard (local network allowed, so loopback is
// reachable) to a real in-memory petstore on 127.0.0.1.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createUnpinnedConnector } from '../../net/fetch-connector'
import { createGuardedFetch } from '../../net/guarded-fetch'
import { createStaticResolver } from '../../net/static-resolver'
import { callOperation, OperationCallError, type CallContext } from './call-operation'
import type { Credential } from './credentials'
import { importOpenApi } from './import-document'
import type { ToolDefinition } from './operation'
import { startPetstoreServer, type PetstoreServer } from './petstore-server'
import { UpstreamError } from './read-response'

const KEY = 'pk_test_4f9a-real-key'
const CANARY = 'CANARY-9d1e7b55c0'
const document = readFileSync(join(import.meta.dirname, '../../../test/fixtures/petstore-openapi.yaml'), 'utf8')

let store: PetstoreServer
let canary: PetstoreServer
let tools: Map<string, ToolDefinition>

beforeAll(async () => {
  store = await startPetstoreServer({ key: KEY })
  canary = await startPetstoreServer({ key: '', canary: true })
  const imported = await importOpenApi(document)
  tools = new Map(imported.tools.map((tool) => [tool.operation.operationId ?? tool.path, tool]))
})
afterAll(async () => {
  await store.close()
  await canary.close()
})

function tool(operationId: string): ToolDefinition {
  const found = tools.get(operationId)
  if (found === undefined) throw new Error(`the import has no ${operationId}`)
  return found
}

function context(overrides: Partial<CallContext> & { allowLocalNetwork?: boolean } = {}): CallContext {
  const { allowLocalNetwork = true, ...rest } = overrides
  return {
    fetch: createGuardedFetch({
      resolver: createStaticResolver({}),
      connector: createUnpinnedConnector(),
      allowLocalNetwork,
    }),
    baseUrl: store.baseUrl,
    credential: { type: 'bearer', token: KEY },
    connectionName: 'petstore-prod',
    signal: new AbortController().signal,
    maxResponseBytes: 1024 * 1024,
    ...rest,
  }
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  )
  if (!(error instanceof Error)) throw new Error('expected the call to fail')
  return error
}

describe('petstore through callOperation', () => {
  test('create two pets, list, filter and get one by id', async () => {
    const ctx = context()
    const rex = await callOperation(
      tool('addPet'),
      { body: { name: 'Rex', photoUrls: [], status: 'available', tags: [{ name: 'good' }] } },
      ctx,
    )
    const tom = await callOperation(
      tool('addPet'),
      { body: { name: 'Tom', photoUrls: ['p.png'], status: 'sold' } },
      ctx,
    )
    expect(rex.status).toBe(200)
    expect(rex.data).toMatchObject({ name: 'Rex', status: 'available' })
    expect(tom.data).toMatchObject({ name: 'Tom', photoUrls: ['p.png'] })
    const rexId = (rex.data as { id: number }).id
    const tomId = (tom.data as { id: number }).id
    expect(rexId).not.toBe(tomId)

    const available = await callOperation(tool('findPetsByStatus'), { status: 'available' }, ctx)
    expect(available.data).toEqual([rex.data])
    const sold = await callOperation(tool('findPetsByStatus'), { status: 'sold' }, ctx)
    expect(sold.data).toEqual([tom.data])
    const tagged = await callOperation(tool('findPetsByTags'), { tags: ['good', 'other'] }, ctx)
    expect(tagged.data).toEqual([rex.data])
    const inventory = await callOperation(tool('getInventory'), {}, context({ credential: apiKey(KEY) }))
    expect(inventory.data).toEqual({ available: 1, sold: 1 })

    const got = await callOperation(tool('getPetById'), { petId: tomId }, ctx)
    expect(got).toMatchObject({ status: 200, data: tom.data })
    expect(got.headers['content-type']).toBe('application/json')
    // The api_key scheme of the same operation works too.
    expect(
      (await callOperation(tool('getPetById'), { petId: rexId }, context({ credential: apiKey(KEY) }))).data,
    ).toEqual(rex.data)

    await callOperation(tool('updatePetWithForm'), { petId: rexId, status: 'pending' }, ctx)
    expect(store.pets.get(rexId)?.status).toBe('pending')
    await callOperation(tool('deletePet'), { petId: tomId }, ctx)
    expect(store.pets.has(tomId)).toBe(false)
  })

  test("a missing required argument fails with the builder's message, before any request", async () => {
    const before = store.seenCredentials.length
    const error = await failure(callOperation(tool('getPetById'), {}, context()))
    expect(error).toBeInstanceOf(OperationCallError)
    expect(error.message).toBe('Missing required arguments: petId (path)')
    expect((await failure(callOperation(tool('addPet'), 'Rex', context()))).message).toBe(
      'tools.pet.addPet takes one object of arguments',
    )
    expect(store.seenCredentials.length).toBe(before)
  })

  test('a wrong credential gets the 401 naming the connection', async () => {
    const error = await failure(
      callOperation(tool('getPetById'), { petId: 1 }, context({ credential: { type: 'bearer', token: 'wrong' } })),
    )
    expect(error).toBeInstanceOf(UpstreamError)
    expect((error as UpstreamError).status).toBe(401)
    expect(error.message).toBe(
      'The upstream rejected the credential of connection "petstore-prod" (HTTP 401): Invalid or missing API key',
    )
    const none = await failure(callOperation(tool('getPetById'), { petId: 1 }, context({ credential: undefined })))
    expect(none.message).toContain('connection "petstore-prod" (HTTP 401)')
  })

  test('without local network access the loopback base URL is refused by the guard', async () => {
    const before = store.seenCredentials.length
    const error = await failure(callOperation(tool('getInventory'), {}, context({ allowLocalNetwork: false })))
    expect(error).toBeInstanceOf(OperationCallError)
    expect((error as OperationCallError).code).toBe('NETWORK_GUARD')
    expect(error.message).toMatch(
      /^Executor's network guard refused 127\.0\.0\.1: Refused to connect to 127\.0\.0\.1 \(/,
    )
    expect(error.message).toContain('set EXECUTOR_ALLOW_LOCAL_NETWORK=true')
    expect(store.seenCredentials.length).toBe(before)
  })

  test('a closed port is reported as unreachable', async () => {
    const closed = await startPetstoreServer({ key: KEY })
    await closed.close()
    const error = await failure(callOperation(tool('getInventory'), {}, context({ baseUrl: closed.baseUrl })))
    expect(error.message).toBe(`Could not reach ${new URL(closed.baseUrl).host}: ECONNREFUSED`)
  })

  test('an aborted signal stops a slow call', async () => {
    store.latencyMs = 10_000
    try {
      const controller = new AbortController()
      const started = performance.now()
      setTimeout(() => controller.abort(new Error('the run hit its time limit')), 50)
      const error = await failure(callOperation(tool('getInventory'), {}, context({ signal: controller.signal })))
      expect(performance.now() - started).toBeLessThan(2000)
      expect((error as OperationCallError).code).toBe('ABORTED')
      expect(error.message).toBe(
        'GET /store/inventory on ' + new URL(store.baseUrl).host + ' was cancelled: the run hit its time limit',
      )
      const already = AbortSignal.abort()
      expect((await failure(callOperation(tool('getInventory'), {}, context({ signal: already })))).message).toContain(
        'was cancelled',
      )
    } finally {
      store.latencyMs = 0
    }
  })
})

describe('a credential never reaches the agent', () => {
  const credentials: [string, Credential][] = [
    ['bearer', { type: 'bearer', token: CANARY }],
    ['api_key header', apiKey(CANARY)],
    ['api_key query', { type: 'apiKey', in: 'query', name: 'api_key', key: CANARY }],
  ]

  test.each(credentials)('%s: not in results, error messages or stacks', async (_, credential) => {
    const ctx = context({ baseUrl: canary.baseUrl, credential })
    const seen: string[] = []
    const record = (value: unknown) => seen.push(JSON.stringify(value))
    const recordError = (error: Error) => seen.push(error.message, String(error.stack), String(error))

    const echoed = await callOperation(tool('getPetById'), { petId: 7 }, ctx)
    record(echoed)
    expect(echoed.data).toEqual({ youSent: '[redacted]', '[redacted]': 'as a key', list: ['prefix-[redacted]-suffix'] })
    recordError(await failure(callOperation(tool('addPet'), { body: { name: 'x', photoUrls: [] } }, ctx)))
    recordError(await failure(callOperation(tool('getPetById'), {}, ctx)))
    recordError(
      await failure(
        callOperation(tool('getPetById'), { petId: 7 }, { ...ctx, fetch: context({ allowLocalNetwork: false }).fetch }),
      ),
    )
    recordError(
      await failure(
        callOperation(
          tool('getPetById'),
          { petId: 7 },
          { ...ctx, signal: AbortSignal.abort(new Error(`stop ${CANARY}`)) },
        ),
      ),
    )
    // A base URL that carries the secret itself (a mistyped connection) is redacted as well.
    recordError(
      await failure(callOperation(tool('getPetById'), { petId: 7 }, { ...ctx, baseUrl: `nonsense-${CANARY}` })),
    )

    // The upstream did receive it (the test would prove nothing otherwise) and echoed it.
    expect(canary.seenCredentials).toContain(CANARY)
    expect(seen.join('\n')).toContain('[redacted]')
    for (const text of seen) expect(text).not.toContain(CANARY)
  })
})

test('per-call overhead of callOperation against a direct fetch (printed, p50 of 500 calls each)', async () => {
  const ctx = context()
  const created = await callOperation(tool('addPet'), { body: { name: 'Bench', photoUrls: [] } }, ctx)
  const petId = (created.data as { id: number }).id
  const url = `${store.baseUrl}/pet/${petId}`
  const direct = async () => {
    const response = await fetch(url, { headers: { authorization: `Bearer ${KEY}` } })
    await response.json()
  }
  const viaTool = () => callOperation(tool('getPetById'), { petId }, ctx)
  const p50 = async (run: () => Promise<unknown>) => {
    const times: number[] = []
    for (let index = 0; index < 500; index++) {
      const started = performance.now()
      await run()
      times.push(performance.now() - started)
    }
    times.sort((a, b) => a - b)
    return times[250]!
  }
  for (let index = 0; index < 50; index++) await Promise.all([direct(), viaTool()])
  const directP50 = await p50(direct)
  const toolP50 = await p50(viaTool)
  console.log(
    `callOperation p50 ${toolP50.toFixed(3)} ms, direct fetch p50 ${directP50.toFixed(3)} ms, added ${(toolP50 - directP50).toFixed(3)} ms`,
  )
  expect(toolP50).toBeGreaterThan(0)
}, 60_000)

function apiKey(key: string): Credential {
  return { type: 'apiKey', in: 'header', name: 'api_key', key }
}
