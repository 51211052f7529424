// Error log fields never carry the data a failed statement was given.
import { expect, test } from 'vitest'
import { toolCall } from '~/db/schema'
import { tempDatabase } from '~/test/temp-db'
import { createLogger, errorFields } from './logger'

test('a failed query is logged by its first words and the driver error, never its parameters', async () => {
  const { db } = await tempDatabase()
  const secret = 'tool-argument-that-must-stay-out-of-logs'
  const rows = Array.from({ length: 200 }, (_, seq) => ({
    executionId: 'exe_missing',
    seq,
    path: 'executor.echo',
    args: { secret, padding: 'x'.repeat(2_000) },
    startedAtMs: 0,
    durationMs: 0,
    ok: true,
  }))
  // No such execution: the foreign key refuses every row.
  const failure = await db.insert(toolCall).values(rows).then(
    () => undefined,
    (error: unknown) => error,
  )
  expect(String(failure)).toContain(secret)
  const lines: string[] = []
  createLogger({ write: (line) => lines.push(line) }).error('unhandled error', errorFields(failure))
  const [line = ''] = lines
  expect(line).not.toContain(secret)
  expect(line.length).toBeLessThan(2_000)
  expect(JSON.parse(line)).toMatchObject({
    error: 'Database query failed',
    query: 'insert into "tool_call"',
    code: 'SQLITE_CONSTRAINT',
    cause: expect.stringContaining('FOREIGN KEY'),
  })
})

test('any other error message is cut short, and the stack keeps only its frames', () => {
  const error = new Error(`bad input: ${'y'.repeat(100_000)}`)
  const fields = errorFields(error)
  expect(String(fields.error).length).toBeLessThan(400)
  expect(String(fields.stack)).not.toContain('yyyy')
  expect(String(fields.stack)).toMatch(/^\s+at /)
})
