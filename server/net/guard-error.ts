// The one error of the network guard. Its message is meant for the agent and the
// operator: it names the host, the address and the reason, and never the full URL (paths and
// query strings may carry tokens) or URL credentials.
export type NetworkGuardCode =
  | 'INVALID_URL'
  | 'UNSUPPORTED_SCHEME'
  | 'CREDENTIALS_IN_URL'
  | 'BLOCKED_HOST'
  | 'BLOCKED_ADDRESS'
  | 'DNS_FAILURE'
  | 'TOO_MANY_REDIRECTS'
  | 'REDIRECT_REFUSED'

export class NetworkGuardError extends Error {
  readonly code: NetworkGuardCode
  /** the host name the request was for, when known */
  readonly host?: string
  /** the refused address, for BLOCKED_ADDRESS */
  readonly address?: string

  constructor(code: NetworkGuardCode, message: string, details: { host?: string; address?: string } = {}) {
    super(message)
    this.name = 'NetworkGuardError'
    this.code = code
    this.host = details.host
    this.address = details.address
  }
}
