import { expect, test } from 'vitest'
import { clientIp } from './client-ip'

test('without trusted proxies the socket address is used and the header ignored', () => {
  expect(clientIp('10.0.0.9', '203.0.113.7', 0)).toBe('10.0.0.9')
})

test('with N trusted proxies the entry N from the right is the client', () => {
  expect(clientIp('10.0.0.9', '203.0.113.7', 1)).toBe('203.0.113.7')
  expect(clientIp('10.0.0.9', 'spoofed, 203.0.113.7', 1)).toBe('203.0.113.7')
  expect(clientIp('10.0.0.9', 'spoofed, 203.0.113.7, 10.0.0.2', 2)).toBe('203.0.113.7')
  expect(clientIp('10.0.0.9', '2001:db8::1', 1)).toBe('2001:db8::1')
})

test('too few entries, a missing header or a non-address falls back to the socket', () => {
  expect(clientIp('10.0.0.9', '203.0.113.7', 2)).toBe('10.0.0.9')
  expect(clientIp('10.0.0.9', null, 1)).toBe('10.0.0.9')
  expect(clientIp('10.0.0.9', 'not-an-ip', 1)).toBe('10.0.0.9')
  expect(clientIp('10.0.0.9', '', 1)).toBe('10.0.0.9')
})
