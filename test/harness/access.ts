// A stand-in for Cloudflare Access on loopback: an HTTP server publishing a key set at
// /cdn-cgi/access/certs (the Worker's ACCESS_CERTS_URL), and tokens signed with its private key
// as Access issues them, to send in Cf-Access-Jwt-Assertion.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose'

export const ACCESS_TEAM = 'executor-test.cloudflareaccess.com'
export const ACCESS_AUD = 'aud-tag-0123456789abcdef'
const KID = 'test-key-1'

export type TokenOptions = { iss?: string; aud?: string; exp?: number; key?: CryptoKey }

export type AccessFixture = {
  /** the key set's URL, for ACCESS_CERTS_URL */
  certsUrl: string
  /** ACCESS_TEAM_DOMAIN, ACCESS_AUD and ACCESS_CERTS_URL for a Worker that trusts this fixture */
  vars: Record<string, string>
  /** a token as Access issues it; `options` make it wrong where a test needs that */
  token: (claims: JWTPayload, options?: TokenOptions) => Promise<string>
  /** how many times the key set was fetched */
  certFetches: () => number
  close: () => Promise<void>
}

export const nowSeconds = () => Math.floor(Date.now() / 1000)

export async function startAccessFixture(): Promise<AccessFixture> {
  const pair = await generateKeyPair('RS256', { extractable: true })
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: KID, alg: 'RS256', use: 'sig' }
  let fetches = 0
  const server = http.createServer((request, response) => {
    if (request.url !== '/cdn-cgi/access/certs') return void response.writeHead(404).end()
    fetches++
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const certsUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/cdn-cgi/access/certs`
  return {
    certsUrl,
    vars: { ACCESS_TEAM_DOMAIN: ACCESS_TEAM, ACCESS_AUD, ACCESS_CERTS_URL: certsUrl },
    token: (claims, options = {}) =>
      new SignJWT({ type: 'app', ...claims })
        .setProtectedHeader({ alg: 'RS256', kid: KID })
        .setIssuer(options.iss ?? `https://${ACCESS_TEAM}`)
        .setAudience([options.aud ?? ACCESS_AUD])
        .setIssuedAt(nowSeconds() - 60)
        .setExpirationTime(options.exp ?? nowSeconds() + 3600)
        .sign(options.key ?? pair.privateKey),
    certFetches: () => fetches,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
