// An unexpected console.error is a bug the test did not assert on: fail it.
import { afterEach, beforeEach, vi } from 'vitest'

let errorSpy: ReturnType<typeof vi.spyOn>
beforeEach(() => {
  errorSpy = vi.spyOn(console, 'error')
})
afterEach(() => {
  const calls = errorSpy.mock.calls
  errorSpy.mockRestore()
  if (calls.length > 0) {
    throw new Error(`console.error was called unexpectedly: ${calls.map((c: unknown[]) => c.join(' ')).join('\n')}`)
  }
})
