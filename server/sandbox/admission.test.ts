import { expect, test } from 'vitest'
import { AppError } from '../http/app-error'
import { withAdmission } from './admission'
import { DEFAULT_LIMITS } from './limits'
import type { SandboxOutcome } from './outcome'
import type { RunRequest, SandboxRunner } from './runner'

/** A runner whose programs run until the test ends them, so concurrency is in the test's hands. */
function heldRunner() {
  const running: { principalId: string; end: () => void }[] = []
  const runner: SandboxRunner = {
    run: (request) =>
      new Promise<SandboxOutcome>((resolve) => {
        const entry = {
          principalId: request.principalId,
          end: () => {
            running.splice(running.indexOf(entry), 1)
            resolve({ status: 'completed', result: request.code, resultTruncated: false, logs: [], logsTruncated: false, toolCalls: [], durationMs: 0 })
          },
        }
        running.push(entry)
      }),
    warmUp: async () => undefined,
    close: async () => undefined,
  }
  return { runner, running }
}

const request = (principalId: string, code = 'x', signal?: AbortSignal): RunRequest => ({
  code,
  limits: DEFAULT_LIMITS,
  principalId,
  dispatch: async () => null,
  signal,
})

const tick = () => new Promise((r) => setTimeout(r, 0))

test('runs at once below both caps', async () => {
  const { runner, running } = heldRunner()
  const admitted = withAdmission(runner, { maxConcurrent: 2, maxPerPrincipal: 2, queueMs: 1000 })
  const a = admitted.run(request('p1', 'a'))
  const b = admitted.run(request('p2', 'b'))
  await tick()
  expect(running).toHaveLength(2)
  running[0]?.end()
  running[0]?.end()
  expect((await a).result).toBe('a')
  expect((await b).result).toBe('b')
  expect(admitted.admissionStats()).toEqual({ running: 0, queued: 0 })
})

test('over the global cap a program waits, and starts when a slot frees', async () => {
  const { runner, running } = heldRunner()
  const admitted = withAdmission(runner, { maxConcurrent: 1, maxPerPrincipal: 5, queueMs: 1000 })
  void admitted.run(request('p1', 'first'))
  const second = admitted.run(request('p2', 'second'))
  await tick()
  expect(running.map((r) => r.principalId)).toEqual(['p1'])
  expect(admitted.admissionStats()).toEqual({ running: 1, queued: 1 })
  running[0]?.end()
  await tick()
  expect(running.map((r) => r.principalId)).toEqual(['p2'])
  running[0]?.end()
  expect((await second).result).toBe('second')
})

test('after queueMs a waiting program is refused with RATE_LIMITED and Retry-After', async () => {
  const { runner } = heldRunner()
  const admitted = withAdmission(runner, { maxConcurrent: 1, maxPerPrincipal: 5, queueMs: 30 })
  void admitted.run(request('p1'))
  const refused = await admitted.run(request('p2')).catch((error: unknown) => error)
  expect(refused).toBeInstanceOf(AppError)
  expect(refused).toMatchObject({ code: 'RATE_LIMITED', status: 429, headers: { 'retry-after': '1' } })
  expect((refused as AppError).message).toMatch(/maximum of 1 programs/)
  expect(admitted.admissionStats()).toEqual({ running: 1, queued: 0 })
})

test('the per-principal cap refuses that principal while others still get in', async () => {
  const { runner, running } = heldRunner()
  const admitted = withAdmission(runner, { maxConcurrent: 10, maxPerPrincipal: 2, queueMs: 30 })
  void admitted.run(request('greedy'))
  void admitted.run(request('greedy'))
  const third = admitted.run(request('greedy')).catch((error: unknown) => error)
  void admitted.run(request('other'))
  await tick()
  expect(running.map((r) => r.principalId)).toEqual(['greedy', 'greedy', 'other'])
  expect(await third).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringMatching(/already have 2 programs running/) })
})

test('a principal at its cap does not hold up others waiting behind it', async () => {
  const { runner, running } = heldRunner()
  const admitted = withAdmission(runner, { maxConcurrent: 2, maxPerPrincipal: 1, queueMs: 1000 })
  void admitted.run(request('a'))
  void admitted.run(request('b'))
  void admitted.run(request('a', 'a2'))
  void admitted.run(request('c', 'c1'))
  await tick()
  running.find((r) => r.principalId === 'b')?.end()
  await tick()
  // 'a' is still running, so its second program stays in line and 'c' takes the slot.
  expect(running.map((r) => r.principalId).sort()).toEqual(['a', 'c'])
})

test('a waiting program whose signal aborts leaves the line as aborted', async () => {
  const { runner, running } = heldRunner()
  const admitted = withAdmission(runner, { maxConcurrent: 1, maxPerPrincipal: 5, queueMs: 5000 })
  void admitted.run(request('p1'))
  const controller = new AbortController()
  const waiting = admitted.run(request('p2', 'w', controller.signal))
  await tick()
  expect(admitted.admissionStats().queued).toBe(1)
  controller.abort()
  expect(await waiting).toMatchObject({ status: 'failed', error: { kind: 'aborted' } })
  expect(admitted.admissionStats()).toEqual({ running: 1, queued: 0 })
  running[0]?.end()
  await tick()
  expect(running).toHaveLength(0)
})

test('a slot is given back when the runner throws', async () => {
  const failing: SandboxRunner = {
    run: async () => {
      throw new Error('engine failed to load')
    },
    warmUp: async () => undefined,
    close: async () => undefined,
  }
  const admitted = withAdmission(failing, { maxConcurrent: 1, maxPerPrincipal: 1, queueMs: 10 })
  await expect(admitted.run(request('p'))).rejects.toThrow('engine failed to load')
  expect(admitted.admissionStats()).toEqual({ running: 0, queued: 0 })
})
