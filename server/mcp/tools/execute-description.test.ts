import { expect, test } from 'vitest'
import type { IntegrationListing } from '../../catalog/tool-catalog'
import { z } from 'zod'
import { executeDescription, executeInputFor } from './execute'
import { DEFAULT_LIMITS, MAX_LIMITS } from '../../sandbox/limits'

const integration = (i: number, extra: Partial<IntegrationListing> = {}): IntegrationListing => ({
  slug: `api_${i}`,
  name: `API number ${i}`,
  description: `The API number ${i}, which does a great many things. It also has a second sentence that is long and should never be shown in the list at all.`,
  toolCount: 100 + i,
  connections: ['org.main'],
  ...extra,
})

test('with no integrations it says how they are added', () => {
  expect(executeDescription([])).toContain('No integrations are connected yet')
})

test('each integration is one short line: slug, first sentence, tool count, and how to name connections', () => {
  const text = executeDescription([
    integration(1),
    integration(2, { connections: ['org.main', 'me.work'] }),
    integration(3, { connections: [] }),
  ])
  expect(text).toContain('- api_1: The API number 1, which does a great many things. (101 tools)')
  expect(text).not.toContain('second sentence')
  expect(text).toContain('[connections: org.main, me.work; call tools.api_2.<connection>.<tool>]')
  expect(text).toContain('- api_3: The API number 3, which does a great many things. (103 tools) [no connection you can use yet]')
})

test('stays compact with 50 integrations and lists only the first 50 of more', () => {
  const fifty = executeDescription(Array.from({ length: 50 }, (_, i) => integration(i)))
  const base = executeDescription([])
  // ~100 characters per integration on top of the SDK text
  expect(fifty.length - base.length).toBeLessThan(50 * 110)
  const seventy = executeDescription(Array.from({ length: 70 }, (_, i) => integration(i)))
  expect(seventy).toContain('…and 20 more; search finds their tools too.')
  expect(seventy).not.toContain('api_69')
})

test("a deployment's own limits (the Worker's smaller heap) are the ones described", () => {
  const heap = 10 * 1024 * 1024
  const worker = { defaults: { ...DEFAULT_LIMITS, memoryBytes: heap }, max: { ...MAX_LIMITS, memoryBytes: heap } }
  expect(executeDescription([], worker)).toContain('memory 10.0 MiB (up to 10.0 MiB)')
  expect(executeDescription([])).toContain('memory 64.0 MiB (up to 256.0 MiB)')
})

test("the listed input schema states a deployment's own ceilings, and is built once per deployment", () => {
  const heap = 10 * 1024 * 1024
  const worker = { defaults: { ...DEFAULT_LIMITS, memoryBytes: heap }, max: { ...MAX_LIMITS, memoryBytes: heap } }
  const memoryOf = (schema: z.ZodType) =>
    (z.toJSONSchema(schema) as unknown as { properties: { limits: { properties: { memoryBytes: { maximum: number; description: string } } } } }).properties.limits.properties.memoryBytes
  expect(memoryOf(executeInputFor(worker))).toMatchObject({ maximum: heap })
  expect(memoryOf(executeInputFor(worker)).description).toContain(`default ${heap}, from`)
  expect(memoryOf(executeInputFor())).toMatchObject({ maximum: MAX_LIMITS.memoryBytes })
  expect(memoryOf(executeInputFor()).description).toContain(`default ${DEFAULT_LIMITS.memoryBytes}, from`)
  expect(executeInputFor(worker)).toBe(executeInputFor(worker))
})
