// The Worker's Cron Trigger under `wrangler dev --test-scheduled`: a paused execution whose
// approval ran out already reads as expired, but its row stays paused and the tool results kept for
// its replay stay in D1 until the scheduled sweep ends it. (The approval's deadline is moved into
// the past in D1 rather than waiting out the shortest expiry, a minute.)
import { afterAll, beforeAll, expect, test } from 'vitest'
import { startPetstoreServer, type PetstoreServer } from '~/server/integrations/openapi/petstore-server'
import { call } from '../harness/accounts'
import { connectMcp } from '../harness/mcp-client'
import { addPetstoreWithKey } from '../harness/petstore'
import { stopAll } from '../harness/process'
import { d1Execute, d1Query, startWorker, type WorkerServer } from '../harness/worker-server'

const PETSTORE_KEY = 'pk_live_worker_sweep_0001'
let worker: WorkerServer
let petstore: PetstoreServer

beforeAll(async () => {
  petstore = await startPetstoreServer({ key: PETSTORE_KEY })
  worker = await startWorker({ vars: { ENABLE_DEV_AUTH: 'true', ALLOW_LOCAL_NETWORK: 'true' }, testScheduled: true })
  await addPetstoreWithKey(worker.url, petstore.baseUrl, PETSTORE_KEY)
})
afterAll(async () => {
  await stopAll()
  await petstore?.close()
})

const stored = async (id: string) => {
  const [row] = await d1Query(worker.persistDir, `select status, (select count(*) from tool_result where execution_id = '${id}') as results from execution where id = '${id}'`)
  return row
}

test('the scheduled sweep ends a paused execution past its expiry and drops the results kept for its replay', async () => {
  const mcp = await connectMcp(worker.url, 'unused-with-dev-auth')
  let overdue: string
  let fresh: string
  try {
    const run = async () => {
      const result = (await mcp.client.callTool(
        {
          name: 'execute',
          arguments: {
            code: `const pets = await tools.petstore.pet.findPetsByStatus({ status: 'available' })
              return (await tools.petstore.pet.addPet({ body: { name: 'Late', photoUrls: [] } })).data.name`,
          },
        },
        undefined,
        { timeout: 120_000 },
      )) as { structuredContent?: Record<string, unknown> }
      expect(result.structuredContent, JSON.stringify(result)).toMatchObject({ status: 'paused' })
      return String(result.structuredContent?.executionId)
    }
    overdue = await run()
    fresh = await run()
  } finally {
    await mcp.close()
  }
  expect(await stored(overdue)).toEqual({ status: 'paused', results: 1 })

  await d1Execute(worker.persistDir, `update execution set expires_at = ${Date.now() - 1000} where id = '${overdue}'`)
  // Read through the API it is expired already; in D1 it is still paused with its kept result.
  expect((await call(worker.url, `/api/executions/${overdue}`)).body).toMatchObject({ status: 'expired' })
  expect(await stored(overdue)).toEqual({ status: 'paused', results: 1 })

  const scheduled = await fetch(`${worker.url}/cdn-cgi/local/scheduled?cron=${encodeURIComponent('*/5 * * * *')}`)
  expect(scheduled.status).toBe(200)
  await expect.poll(() => stored(overdue), { timeout: 15_000, interval: 500 }).toEqual({ status: 'expired', results: 0 })
  // One still within its approval window is left alone, and can still be approved.
  expect(await stored(fresh)).toEqual({ status: 'paused', results: 1 })
  const decided = await call(worker.url, `/api/executions/${fresh}/decision`, { body: { approve: true } })
  expect(decided.body).toMatchObject({ status: 'completed', result: 'Late' })
  expect((await call(worker.url, `/api/executions/${overdue}`)).body).toMatchObject({ status: 'expired', error: expect.objectContaining({ name: 'ApprovalExpiredError' }) })
})
