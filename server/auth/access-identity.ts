// The Worker's Identity: Cloudflare Access in front. Every request Access lets through carries
// `Cf-Access-Jwt-Assertion`, a JWT signed with the team's keys; it is verified here on every API
// and MCP request (issuer, audience, expiry, signature against the team's published keys), so a
// request that reached the Worker some other way (its workers.dev URL, a route Access does not
// cover) proves nothing. Without ACCESS_TEAM_DOMAIN and ACCESS_AUD nobody gets in.
// ENABLE_DEV_AUTH on a local `wrangler dev` makes every loopback request a fixed dev owner.
import { createRemoteJWKSet, errors, jwtVerify } from 'jose'
import type { AccessConfig } from '../config/worker'
import { AppError } from '../http/app-error'
import type { Identity } from '../platform/types'
import { principalFromAccessClaims } from './access-claims'
import { isLoopbackUrl } from './dev-auth'
import type { Principal } from './principal'

const devOwner: Principal = { userId: 'dev', name: 'Dev Admin', email: 'dev@localhost', role: 'owner', via: 'dev' }

export const ACCESS_NOT_CONFIGURED =
  'Cloudflare Access is not configured: set ACCESS_TEAM_DOMAIN (your team domain, like myteam.cloudflareaccess.com) and ACCESS_AUD (the Access application\'s audience tag) on the Worker'

export type AccessIdentityOptions = {
  access: AccessConfig | undefined
  /** lowercased */
  adminEmails: readonly string[]
  enableDevAuth: boolean
}

export function createAccessIdentity(options: AccessIdentityOptions): Identity {
  const verify = options.access ? accessVerifier(options.access, options.adminEmails) : undefined
  return {
    kind: 'access',
    async authenticate(request) {
      if (options.enableDevAuth && isLoopbackUrl(request.url)) return devOwner
      if (!verify) throw new AppError('UNAUTHORIZED', ACCESS_NOT_CONFIGURED)
      const token = request.headers.get('cf-access-jwt-assertion')
      if (!token) {
        throw new AppError(
          'UNAUTHORIZED',
          'No Cloudflare Access token (Cf-Access-Jwt-Assertion): open Executor through its Access URL; MCP clients send an Access service token (CF-Access-Client-Id and CF-Access-Client-Secret)',
        )
      }
      return verify(token)
    },
  }
}

function accessVerifier(access: AccessConfig, adminEmails: readonly string[]) {
  // One key set per isolate: jose caches the keys (10 minutes) and, when a token names a key
  // it has not seen (Access rotated its keys), fetches again at most every 30 seconds. The
  // fetch is the platform's own: the certs URL is the operator's Access, not an agent's target.
  const keys = createRemoteJWKSet(new URL(access.certsUrl))
  const mapping = { nameClaim: access.nameClaim, groupsClaim: access.groupsClaim, adminEmails }
  return async (token: string): Promise<Principal> => {
    let payload
    try {
      ;({ payload } = await jwtVerify(token, keys, {
        issuer: `https://${access.teamDomain}`,
        audience: access.aud,
        // Access signs with RS256; refusing the rest closes any algorithm confusion.
        algorithms: ['RS256'],
        clockTolerance: 30,
      }))
    } catch (error) {
      throw verificationError(error)
    }
    const principal = principalFromAccessClaims(payload, mapping)
    if (!principal) throw new AppError('UNAUTHORIZED', 'The Cloudflare Access token names no user (no email) and no service token (no common_name)')
    return principal
  }
}

/** A reason the caller can act on; never the token or the keys. */
function verificationError(error: unknown): AppError {
  if (error instanceof errors.JWTExpired) {
    return new AppError('UNAUTHORIZED', 'The Cloudflare Access token has expired: reload the page, or sign in through Access again')
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    const which = error.claim === 'aud' ? ' (ACCESS_AUD)' : error.claim === 'iss' ? ' (ACCESS_TEAM_DOMAIN)' : ''
    return new AppError('UNAUTHORIZED', `The Cloudflare Access token is not for this Executor: its "${error.claim}" claim does not match${which}`)
  }
  if (error instanceof errors.JWKSTimeout || (error instanceof errors.JOSEError && error.code === 'ERR_JWKS_INVALID')) {
    return new AppError('UNAVAILABLE', 'Could not read the Cloudflare Access signing keys; try again shortly')
  }
  if (error instanceof errors.JOSEError) {
    return new AppError('UNAUTHORIZED', 'The Cloudflare Access token is not valid: its signature or format does not verify')
  }
  // The key fetch itself failed (network, non-200): Access's side, not the caller's.
  return new AppError('UNAVAILABLE', 'Could not read the Cloudflare Access signing keys; try again shortly')
}
