import { expect, test } from 'vitest'
import type { ConnectionRow } from '../connections/connections'
import { callablePath, resolveConnection, type CallableIntegration } from './callable'

const connection = (scope: 'org' | 'user', name: string): ConnectionRow => ({
  id: `con_${scope}_${name}`,
  integrationId: 'int_1',
  name,
  scope,
  ownerId: scope === 'org' ? '' : 'u1',
  authType: 'none',
  authConfig: { type: 'none' },
  secret: null,
  secretUpdatedAt: null,
  implicit: false,
  createdBy: null,
  createdAt: new Date(0),
  updatedAt: new Date(0),
  status: 'ready',
  statusMessage: null,
  tokenVersion: 0,
  refreshLeaseUntil: null,
})

const target = (...connections: ConnectionRow[]): CallableIntegration => ({
  row: { id: 'int_1', slug: 'github', kind: 'openapi', name: 'GitHub', description: '', baseUrl: null, details: null, toolCount: 2, status: 'ready', refreshedAt: null },
  connections,
})

test('one usable connection: the alias and the full path both resolve to it', () => {
  const one = target(connection('org', 'main'))
  expect(resolveConnection(one, ['github', 'repos', 'get'])).toMatchObject({ toolPath: 'repos.get', connection: { name: 'main' } })
  expect(resolveConnection(one, ['github', 'org', 'main', 'repos', 'get'])).toMatchObject({ toolPath: 'repos.get' })
  expect(callablePath(one, 'repos.get')).toBe('github.repos.get')
})

test('several connections: the full path picks one, the alias names them all', () => {
  const two = target(connection('org', 'main'), connection('user', 'work'))
  expect(resolveConnection(two, ['github', 'me', 'work', 'repos', 'get'])).toMatchObject({ toolPath: 'repos.get', connection: { scope: 'user', name: 'work' } })
  const ambiguous = resolveConnection(two, ['github', 'repos', 'get'])
  expect(ambiguous).toBeInstanceOf(Error)
  expect((ambiguous as Error).message).toBe(
    'tools.github has 2 connections you can use (org.main, me.work); name one, e.g. tools.github.org.main.repos.get(…)',
  )
  expect(callablePath(two, 'repos.get')).toBe('github.org.main.repos.get')
})

test('no usable connection: the error says how to get one', () => {
  const none = resolveConnection(target(), ['github', 'repos', 'get'])
  expect((none as Error).message).toContain('has no connection you can use')
})

test('an owner segment that names no usable connection is not taken for one', () => {
  // `me.work` is not usable here, so the path is read as a tool path (and fails as an unknown tool later).
  expect(resolveConnection(target(connection('org', 'main')), ['github', 'me', 'work', 'repos', 'get'])).toMatchObject({ toolPath: 'me.work.repos.get' })
})
