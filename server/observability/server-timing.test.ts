import { expect, test } from 'vitest'
import { measure, ServerTiming } from './server-timing'

const stagesOf = (header: string) =>
  Object.fromEntries(header.split(', ').map((entry) => {
    const [name, dur] = entry.split(';dur=')
    return [name, Number(dur)]
  }))

test('reports each stage by its own time, so nested spans are not counted twice', () => {
  const timing = new ServerTiming()
  timing.add('auth', 1)
  timing.add('mcp', 10)
  timing.add('tool', 6)
  timing.add('sandbox', 4)
  const stages = stagesOf(timing.header())
  expect(Object.keys(stages)).toEqual(['auth', 'sandbox', 'history', 'mcp', 'route', 'total'])
  expect(stages).toMatchObject({ auth: 1, sandbox: 4, history: 2, mcp: 4 })
  // the spans were added, not lived through: the total is tiny and route is what remains of it
  expect(stages.route).toBeCloseTo((stages.total ?? 0) - 11, 2)
})

test('names only the stages a request went through', () => {
  const timing = new ServerTiming()
  expect(Object.keys(stagesOf(timing.header()))).toEqual(['route', 'total'])
  timing.add('auth', 0.5)
  expect(Object.keys(stagesOf(timing.header()))).toEqual(['auth', 'route', 'total'])
})

test('measure adds the time of work that throws too, and is a plain call without a collector', async () => {
  const timing = new ServerTiming()
  await expect(
    timing.measure('auth', async () => {
      await new Promise((resolve) => setTimeout(resolve, 5))
      throw new Error('no')
    }),
  ).rejects.toThrow('no')
  expect(stagesOf(timing.header()).auth).toBeGreaterThanOrEqual(4)
  expect(await measure(undefined, 'auth', async () => 42)).toBe(42)
})
