// The console's mutations go through the same HTTP API that agents and scripts use.
import { goToSignIn } from './session-ended'

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

export async function api<TResult = unknown>(
  path: string,
  options: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<TResult> {
  const response = await fetch(path, {
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    headers: { ...(options.body === undefined ? {} : { 'content-type': 'application/json' }), ...options.headers },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    credentials: 'same-origin',
  })
  // Sign-in and sign-up answer 401 for a wrong password; everywhere else it means the session ended.
  if (response.status === 401 && !path.startsWith('/api/auth/')) return goToSignIn()
  if (response.status === 204) return undefined as TResult
  const payload: unknown = await response.json().catch(() => ({}))
  if (!response.ok) {
    const { code, message } = (payload ?? {}) as { code?: string; message?: string }
    throw new ApiError(response.status, code ?? 'ERROR', message ?? `Request failed (${response.status})`)
  }
  return payload as TResult
}

/** A sentence for the person looking at the form: the server's own message when it sent one. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message
  // fetch rejects with a TypeError only when no response arrived at all.
  if (error instanceof TypeError) return 'Could not reach Executor; check your connection and try again'
  return 'Something went wrong; try again'
}
