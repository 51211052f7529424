// The container's process entry (Nitro `entry` for the bun preset), replacing Nitro's default so
// that the gateway boots completely — config, keys, migrations, seed — before it listens, binds
// to EXECUTOR_HOST/PORT, and drains in-flight requests on SIGTERM.
import { useNitroApp } from 'nitro/app'
import type { ServerRequest } from 'srvx'
import { serve } from 'srvx/bun'
import { CLIENT_IP_HEADER, clientIp } from '../http/client-ip'
import { ConfigError, type ConfigIssue } from '../config/config-error'
import { parseContainerConfig } from '../config/container'
import { createLogger } from '../observability/logger'
import { checkCanListen, listenIssue } from './listen-check'
import { compressResponse } from './compress-response'
import { printReadyLine } from './ready-line'

const DRAIN_TIMEOUT_MS = 10_000

const config = parseConfigOrExit()
const listenProblem = await checkCanListen(config.host, config.port)
if (listenProblem) exitWith([listenProblem])
const log = createLogger()
const nitroApp = useNitroApp()

// The platform lives in the app bundle's module instance (one libSQL client per file); the first
// request there boots it, and a failed boot exits the process before we ever listen.
const probe = await nitroApp.fetch(new Request('http://127.0.0.1/api/health'))
if (!probe.ok) {
  log.error('executor failed its start-up health check', { status: probe.status })
  process.exit(1)
}

// The port was free a moment ago; another process may have taken it during boot.
const server = await listenOrExit()
log.info('listening', { url: `http://${config.host}:${config.port}`, publicOrigin: config.publicOrigin })
await printReadyLine(nitroApp.fetch, config.publicOrigin)

let stopping = false
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return
    stopping = true
    log.info('shutting down', { signal })
    const force = setTimeout(() => {
      log.warn('drain timed out; closing open connections')
      void server.close(true).finally(() => process.exit(0))
    }, DRAIN_TIMEOUT_MS)
    void server.close().finally(() => {
      clearTimeout(force)
      process.exit(0)
    })
  })
}

async function listenOrExit() {
  try {
    const listening = serve({
      port: config.port,
      hostname: config.host,
      fetch: async (request) => compressResponse(request, await nitroApp.fetch(withClientIp(request))),
      silent: true,
      gracefulShutdown: false,
    })
    await listening.ready()
    return listening
  } catch (error) {
    return exitWith([listenIssue(error, config.host, config.port)])
  }
}

// Sign-in lockout and session records key on the client address: the socket's, or with
// EXECUTOR_TRUSTED_PROXY_HOPS the one our own proxies put in X-Forwarded-For. A client-sent
// header of the same name is replaced, never trusted.
function withClientIp(request: ServerRequest): ServerRequest {
  const ip = clientIp(request.ip, request.headers.get('x-forwarded-for'), config.trustedProxyHops)
  request.headers.delete(CLIENT_IP_HEADER)
  if (ip) request.headers.set(CLIENT_IP_HEADER, ip)
  return request
}

function parseConfigOrExit() {
  try {
    return parseContainerConfig(process.env).config
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    return exitWith(error.issues)
  }
}

function exitWith(issues: ConfigIssue[]): never {
  for (const issue of issues) console.error(`executor: ${issue.message}`)
  process.exit(1)
}
