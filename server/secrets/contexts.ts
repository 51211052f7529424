// The context (additional authenticated data) each kind of stored secret is sealed with, in one
// place: a value sealed for one record fails to open as another's.

/** A connection's secret parts (API key, token, password), sealed as one JSON value. */
export function connectionSecretContext(id: string): string {
  return `connection:${id}`
}
