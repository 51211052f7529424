// ENABLE_DEV_AUTH signs every request in as a fixed dev owner, so it may only ever answer a
// local `wrangler dev`. A deployed Worker with it set answers every request with an error
// naming the setting instead of quietly ignoring it or, worse, honouring it.
import { AppError } from '../http/app-error'

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

/** Whether the request was addressed to this machine's loopback. */
export function isLoopbackUrl(url: string): boolean {
  return LOOPBACK_HOSTS.has(new URL(url).hostname)
}

/** Throws a 500 naming ENABLE_DEV_AUTH when it is on and the request is not for loopback. */
export function refuseDevAuthOffLoopback(enableDevAuth: boolean, requestUrl: string): void {
  if (enableDevAuth && !isLoopbackUrl(requestUrl)) {
    throw new AppError(
      'INTERNAL',
      'ENABLE_DEV_AUTH=true is for a local `wrangler dev` only and this request is not for localhost: remove ENABLE_DEV_AUTH from the Worker\'s vars and protect it with Cloudflare Access',
    )
  }
}
