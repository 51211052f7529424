import { expect, test } from 'vitest'
import { createSingleFlight } from './single-flight'

test('concurrent callers of one key share one run; the next call after it settles runs again', async () => {
  const flight = createSingleFlight<number>()
  let runs = 0
  let release!: () => void
  const gate = new Promise<void>((resolve) => (release = resolve))
  const work = async () => {
    runs++
    await gate
    return runs
  }
  const callers = Array.from({ length: 20 }, () => flight.run('a', work))
  const other = flight.run('b', async () => 99)
  expect(flight.size).toBe(2)
  release()
  expect(await Promise.all(callers)).toEqual(Array(20).fill(1))
  expect(await other).toBe(99)
  expect(flight.size).toBe(0)
  expect(await flight.run('a', work)).toBe(2)
})

test('a failure reaches every waiting caller and is not kept', async () => {
  const flight = createSingleFlight<number>()
  const failing = () => Promise.reject(new Error('boom'))
  await expect(Promise.all([flight.run('a', failing), flight.run('a', failing)])).rejects.toThrow('boom')
  expect(await flight.run('a', async () => 1)).toBe(1)
})
