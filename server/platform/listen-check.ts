// Whether EXECUTOR_HOST:PORT can be listened on, asked before boot so that a port in use or an
// address this machine does not have stops the process with one line, like any other bad
// setting, instead of a stack trace after the boot log.
import { createServer } from 'node:net'
import { configIssue, type ConfigIssue } from '../config/config-error'

export function checkCanListen(host: string, port: number): Promise<ConfigIssue | undefined> {
  return new Promise((resolve) => {
    const probe = createServer()
    probe.once('error', (error) => resolve(listenIssue(error, host, port)))
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve(undefined)))
  })
}

/** One line naming the variable to change for a failed listen. */
export function listenIssue(error: unknown, host: string, port: number): ConfigIssue {
  const code = error instanceof Error && 'code' in error ? String(error.code) : ''
  switch (code) {
    case 'EADDRINUSE':
      return configIssue('PORT', `${port} is already in use on ${host}; stop whatever holds it or set PORT to a free port`)
    case 'EACCES':
      return configIssue('PORT', `${port} needs privileges this process lacks; use a port above 1023 (e.g. the default 4788)`)
    case 'EADDRNOTAVAIL':
      return configIssue('EXECUTOR_HOST', `${host} is not an address of this machine; use 0.0.0.0 (every interface) or 127.0.0.1 (this machine only)`)
    default: {
      const reason = error instanceof Error ? error.message : String(error)
      return configIssue('EXECUTOR_HOST', `and PORT: cannot listen on ${host}:${port} (${reason}); check both`)
    }
  }
}
