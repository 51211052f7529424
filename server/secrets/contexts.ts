// The contexts (additional authenticated data) secrets are sealed under. Every writer and reader
// of a record's secret takes its context from here, so a value sealed by one opens in the other.

/** The context of a connection's `secret` column: bound to its row, so a value copied elsewhere fails to open. */
export function connectionSecretContext(id: string): string {
  return `connection:${id}`
}

/** The context of an OAuth 2 authorization's sealed PKCE verifier, bound to its state's hash. */
export function oauthStateContext(stateHash: string): string {
  return `oauth-state:${stateHash}`
}
