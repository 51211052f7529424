import { expect, test } from 'vitest'
import { AppError } from '../http/app-error'
import { isLoopbackUrl, refuseDevAuthOffLoopback } from './dev-auth'

test('loopback URLs are recognised; other hosts, including ones that merely contain "localhost", are not', () => {
  for (const url of ['http://localhost:8787/', 'http://127.0.0.1/api', 'http://[::1]:1/']) expect(isLoopbackUrl(url)).toBe(true)
  for (const url of ['https://executor.example.com/', 'https://localhost.example.com/', 'https://executor.workers.dev/']) expect(isLoopbackUrl(url)).toBe(false)
})

test('ENABLE_DEV_AUTH off loopback is refused with a 500 naming the setting', () => {
  expect(() => refuseDevAuthOffLoopback(true, 'http://127.0.0.1:8787/api/me')).not.toThrow()
  expect(() => refuseDevAuthOffLoopback(false, 'https://executor.example.com/api/me')).not.toThrow()
  try {
    refuseDevAuthOffLoopback(true, 'https://executor.example.com/api/me')
    expect.unreachable()
  } catch (error) {
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).status).toBe(500)
    expect((error as AppError).message).toMatch(/^ENABLE_DEV_AUTH=true is for a local `wrangler dev` only/)
  }
})
