import type { z } from 'zod'
import { AppError } from './app-error'

/**
 * The request body parsed as JSON; a clear 400/415 for anything that is not. Its size was
 * already capped by the request pipeline (server/http/bounded-body.ts) before any route ran.
 */
export async function readJson(request: Request): Promise<unknown> {
  const type = request.headers.get('content-type') ?? ''
  if (!/^application\/([\w.+-]*\+)?json\b/i.test(type)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Request body must be JSON (Content-Type: application/json)')
  }
  return parseJsonText(await request.text())
}

export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'invalid JSON'
    throw new AppError('BAD_REQUEST', `Malformed JSON body: ${reason}`)
  }
}

/** The request body validated by a zod schema; issues come back as `issues: [{path, message}]`. */
export async function readJsonBody<TSchema extends z.ZodType>(
  request: Request,
  schema: TSchema,
): Promise<z.output<TSchema>> {
  const result = schema.safeParse(await readJson(request))
  if (!result.success) {
    const issues = result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))
    const first = issues[0]
    throw new AppError(
      'BAD_REQUEST',
      first ? `Invalid request body: ${first.path || '(root)'}: ${first.message}` : 'Invalid request body',
      { issues },
    )
  }
  return result.data
}
