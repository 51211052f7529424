// `npm start` (and the image) print one plain line for the person who started the server: the
// URL to open and, while nobody owns the server, that the first account created becomes the owner.
import { afterAll, expect, test } from 'vitest'
import { claimOwner } from '../harness/accounts'
import { startBunServer, type BunServer } from '../harness/bun-server'
import { stopAll } from '../harness/process'

afterAll(stopAll)

async function readyLine(server: BunServer): Promise<string> {
  const deadline = Date.now() + 5_000
  for (;;) {
    const line = server.logs().split('\n').find((l) => l.startsWith('Executor is running at '))
    if (line !== undefined) return line
    if (Date.now() > deadline) throw new Error(`no ready line in:\n${server.logs()}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

test('a fresh server names its URL and says the first account becomes the owner; once owned, only the URL', async () => {
  const fresh = await startBunServer()
  expect(await readyLine(fresh)).toBe(
    `Executor is running at ${fresh.url} — open it to create the owner account (the first account becomes the owner)`,
  )
  // The JSON lines stay for machines.
  expect(fresh.logs()).toContain('"msg":"listening"')
  await claimOwner(fresh.url)
  await fresh.stop()

  const owned = await startBunServer({ dataDir: fresh.dataDir })
  expect(await readyLine(owned)).toBe(`Executor is running at ${owned.url}`)
})

test('without EXECUTOR_WEB_BASE_URL the line names the default public origin, where sign-in works', async () => {
  const server = await startBunServer({ env: { EXECUTOR_WEB_BASE_URL: '' } })
  expect(await readyLine(server)).toMatch(new RegExp(`^Executor is running at http://localhost:${server.port} — `))
})
