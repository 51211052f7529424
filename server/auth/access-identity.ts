// The Worker's Identity: Cloudflare Access in front. Verifying the Access JWT arrives
// with the Worker issue; until then only ENABLE_DEV_AUTH on a local `wrangler dev` signs anyone
// in, as a fixed dev owner, and every other request is unauthenticated.
import type { Principal } from './principal'
import type { Identity } from '../platform/types'

const devOwner: Principal = { userId: 'dev', name: 'Dev Admin', email: 'dev@localhost', role: 'owner', via: 'dev' }
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

export function createAccessIdentity(options: { enableDevAuth: boolean }): Identity {
  return {
    kind: 'access',
    async authenticate(request) {
      if (options.enableDevAuth && LOCAL_HOSTS.has(new URL(request.url).hostname)) return devOwner
      return null
    },
  }
}
