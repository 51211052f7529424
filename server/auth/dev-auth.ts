// ENABLE_DEV_AUTH signs every request in as a fixed dev owner, so it may only ever answer a
// local `wrangler dev`: the Worker refuses any other host before it boots (server/platform/cloudflare.ts).

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

/** Whether the request was addressed to this machine's loopback. */
export function isLoopbackUrl(url: string): boolean {
  return LOOPBACK_HOSTS.has(new URL(url).hostname)
}
