import { expect, test } from 'vitest'
import { principalFromAccessClaims } from './access-claims'

const mapping = { nameClaim: 'name', groupsClaim: 'groups', adminEmails: ['boss@example.com'] }

test('a person: id from sub, email lowercased, name and groups from the configured claims, member by default', () => {
  const principal = principalFromAccessClaims(
    { sub: 'u-1', email: 'Ada@Example.com', name: 'Ada Lovelace', groups: ['eng', ' ops ', 3, ''] },
    mapping,
  )
  expect(principal).toEqual({ userId: 'u-1', name: 'Ada Lovelace', email: 'ada@example.com', role: 'member', via: 'access', groups: ['eng', 'ops'] })
})

test('an email in ADMIN_EMAILS is an admin, whatever its case', () => {
  expect(principalFromAccessClaims({ sub: 'u-2', email: 'BOSS@example.com' }, mapping)?.role).toBe('admin')
})

test('other claim names are read when configured; a missing name falls back to the email', () => {
  const custom = { ...mapping, nameClaim: 'given_name', groupsClaim: 'roles' }
  expect(principalFromAccessClaims({ sub: 'u-3', email: 'x@example.com', given_name: 'Xena', roles: 'admins' }, custom)).toMatchObject({
    name: 'Xena',
    groups: ['admins'],
  })
  expect(principalFromAccessClaims({ sub: 'u-3', email: 'x@example.com', name: 'ignored' }, custom)).toMatchObject({ name: 'x@example.com', groups: [] })
})

test('a service token: no email, named by common_name, always a member', () => {
  expect(principalFromAccessClaims({ sub: '', common_name: 'abc.access', email: undefined }, mapping)).toEqual({
    userId: 'service:abc.access',
    name: 'abc.access',
    email: '',
    role: 'member',
    via: 'access',
    groups: [],
  })
})

test('a token naming neither a person nor a service token maps to nobody', () => {
  expect(principalFromAccessClaims({ sub: 'u-4' }, mapping)).toBeUndefined()
  expect(principalFromAccessClaims({ email: 'a@example.com', sub: '' }, mapping)).toBeUndefined()
})
