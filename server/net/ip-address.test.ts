import { expect, test } from 'vitest'
import { formatIp, formatIPv4, formatIPv6, parseIp, parseIPv4, parseIPv6 } from './ip-address'

test.each([
  ['127.0.0.1', '127.0.0.1'],
  ['2130706433', '127.0.0.1'],
  ['0x7f000001', '127.0.0.1'],
  ['0X7F000001', '127.0.0.1'],
  ['017700000001', '127.0.0.1'],
  ['0177.0.0.1', '127.0.0.1'],
  ['0177.0000.0000.0001', '127.0.0.1'],
  ['0x7f.0.0.1', '127.0.0.1'],
  ['0x7f.0x0.0x0.0x1', '127.0.0.1'],
  ['127.1', '127.0.0.1'],
  ['127.0.1', '127.0.0.1'],
  ['0x7f.1', '127.0.0.1'],
  ['0177.1', '127.0.0.1'],
  ['127.0.0.1.', '127.0.0.1'],
  ['169.254.43518', '169.254.169.254'],
  ['0xa9fea9fe', '169.254.169.254'],
  ['0251.0376.0251.0376', '169.254.169.254'],
  ['0', '0.0.0.0'],
  ['0x', '0.0.0.0'],
  ['4294967295', '255.255.255.255'],
  ['0x00000000000000007f000001', '127.0.0.1'],
])('reads the IPv4 spelling %s as %s', (text, expected) => {
  const value = parseIPv4(text)
  expect(value).not.toBeNull()
  expect(formatIPv4(value ?? -1)).toBe(expected)
})

test.each([
  '',
  '.',
  '256.0.0.1',
  '1.256.0.1',
  '1.2.65536',
  '1.2.3.4.5',
  '4294967296',
  '08.0.0.1',
  '0x1g',
  '1..2.3',
  '1.2.3.4x',
  '-1',
  '+1',
  ' 1.2.3.4',
  'example.com',
  '::1',
])('does not read %j as an IPv4 address', (text) => {
  expect(parseIPv4(text)).toBeNull()
})

test('reads IPv4 the way the WHATWG URL parser does', () => {
  for (const spelling of ['0x7f.1', '0177.0.0.1', '2130706433', '127.0.1', '0x', '169.254.43518', '10.0x10.1']) {
    const value = parseIPv4(spelling)
    expect(formatIPv4(value ?? -1)).toBe(new URL(`http://${spelling}/`).hostname)
  }
})

test.each([
  ['::1', '::1'],
  ['[::1]', '::1'],
  ['0:0:0:0:0:0:0:1', '::1'],
  ['::', '::'],
  ['::ffff:127.0.0.1', '::ffff:7f00:1'],
  ['::ffff:7F00:1', '::ffff:7f00:1'],
  ['0:0:0:0:0:ffff:169.254.169.254', '::ffff:a9fe:a9fe'],
  ['64:ff9b::192.0.2.33', '64:ff9b::c000:221'],
  ['1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8'],
  ['1::', '1::'],
  ['2001:0db8:0000:0000:0000:0000:0002:0001', '2001:db8::2:1'],
  ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
  ['1:0:1:1:1:1:1:1', '1:0:1:1:1:1:1:1'],
  ['fd00:ec2::254', 'fd00:ec2::254'],
])('reads the IPv6 spelling %s as %s', (text, expected) => {
  const parsed = parseIPv6(text)
  expect(parsed).not.toBeNull()
  expect(formatIPv6(parsed?.value ?? 0n)).toBe(expected)
})

test.each([
  ':::',
  '1:2:3:4:5:6:7',
  '1:2:3:4:5:6:7:8:9',
  '1::2::3',
  '12345::',
  ':1::',
  'g::1',
  '::ffff:1.2.3',
  '::ffff:01.2.3.4',
  '::1.2.3.4:5',
  'fe80::1%',
  '127.0.0.1',
  'example.com',
])('does not read %j as an IPv6 address', (text) => {
  expect(parseIPv6(text)).toBeNull()
})

test('keeps a zone id, which only resolvers produce (URLs cannot carry one)', () => {
  const ip = parseIp('fe80::1%eth0')
  expect(ip).toEqual({ family: 6, value: 0xfe800000000000000000000000000001n, zone: 'eth0' })
  expect(ip && formatIp(ip)).toBe('fe80::1%eth0')
  expect(() => new URL('http://[fe80::1%25eth0]/')).toThrow()
})

test('formats IPv6 exactly as URL serialises it', () => {
  for (const text of [
    '::ffff:127.0.0.1',
    '2001:db8:0:0:1:0:0:1',
    '0:0:1:0:0:0:0:0',
    '64:ff9b:1::a9fe:a9fe',
    '2002:a9fe:a9fe::1',
  ]) {
    const parsed = parseIPv6(text)
    expect(`[${formatIPv6(parsed?.value ?? 0n)}]`).toBe(new URL(`http://[${text}]/`).hostname)
  }
})

test('tells addresses from names', () => {
  expect(parseIp('10.0.0.1')).toEqual({ family: 4, value: 0x0a000001 })
  expect(parseIp('[::1]')).toEqual({ family: 6, value: 1n })
  expect(parseIp('api.example.com')).toBeNull()
  expect(parseIp('1.2.3.4.nip.io')).toBeNull()
})
