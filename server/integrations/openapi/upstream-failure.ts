// Test helper (like ../../net/test-servers.ts): the UpstreamError a call rejected with.
import { UpstreamError } from './read-response'

/** Awaits `promise` and returns its UpstreamError; anything else (or success) fails the test. */
export async function upstreamFailure(promise: Promise<unknown>): Promise<UpstreamError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  )
  if (!(error instanceof UpstreamError)) throw new Error(`expected an UpstreamError, got ${String(error)}`)
  return error
}
