import { expect, test } from 'vitest'
import { isLoopbackUrl } from './dev-auth'

test('loopback URLs are recognised; other hosts, including ones that merely contain "localhost", are not', () => {
  for (const url of ['http://localhost:8787/', 'http://127.0.0.1/api', 'http://[::1]:1/']) expect(isLoopbackUrl(url)).toBe(true)
  for (const url of ['https://executor.example.com/', 'https://localhost.example.com/', 'https://executor.workers.dev/']) expect(isLoopbackUrl(url)).toBe(false)
})
