import { expect, test } from 'vitest'
import { acquireEngine, canAllocate } from './engine'
import { DEFAULT_LIMITS } from './limits'
import { runCode } from './run-code'

const limits = DEFAULT_LIMITS
const echo = async (_: string[], args: unknown) => args

async function pooledModule(memoryBytes = limits.memoryBytes) {
  const lease = await acquireEngine(memoryBytes)
  lease.release(true)
  return lease.module
}

test('reuses one instance for executions that run one after another', async () => {
  await runCode('return 1', { dispatch: echo, limits })
  const first = await pooledModule()
  await runCode('await tools.a.b(1); return 2', { dispatch: echo, limits })
  expect(await pooledModule()).toBe(first)
})

test('caps each instance memory at its execution limit plus the engine base', async () => {
  const lease = await acquireEngine(64 * 1024 * 1024)
  const memory = lease.module.getWasmMemory()
  expect(memory.buffer.byteLength).toBe(16 * 1024 * 1024)
  expect(() => memory.grow(((70 + 1) * 1024 * 1024) / 65536 - 256)).toThrow()
  lease.release(true)
})

test('finds where QuickJS keeps its interrupt tick counter, so slow loops are checked often', async () => {
  const lease = await acquireEngine(limits.memoryBytes)
  expect(lease.counterOffset).toEqual(expect.any(Number))
  lease.release(true)
})

test('drops an instance whose memory grew rather than freeing a runtime in it', async () => {
  const before = await pooledModule()
  const outcome = await runCode('const big = "x".repeat(20 * 1024 * 1024); return big.length', { dispatch: echo, limits })
  expect(outcome.result).toBe(20 * 1024 * 1024)
  expect(await pooledModule()).not.toBe(before)
})

test('tells whether an allocation still fits in an instance', async () => {
  const lease = await acquireEngine(limits.memoryBytes)
  expect(canAllocate(lease.module, 1024)).toBe(true)
  expect(canAllocate(lease.module, 512 * 1024 * 1024)).toBe(false)
  lease.release(false)
})
