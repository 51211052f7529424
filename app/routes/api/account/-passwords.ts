import { AppError } from '~/server/http/app-error'
import type { Platform } from '~/server/platform/types'

/** Better Auth's password operations; in-app passwords exist only in the container. */
export function passwordsOf(platform: Platform) {
  const passwords = platform.identity.passwords
  if (!passwords) throw new AppError('NOT_FOUND', 'Not available here: this Executor signs people in through Cloudflare Access')
  return passwords
}
