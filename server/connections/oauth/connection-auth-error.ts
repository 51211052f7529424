// An OAuth 2 connection that cannot give a call a token: not authorized yet, its grant revoked,
// a scope missing, or the authorization server failing. The message names the connection and
// says what to do; it never holds a token or client secret.
import { ToolCallError } from '../../integrations/kinds/tool-call-error'

export class ConnectionAuthError extends ToolCallError {
  constructor(message: string) {
    super(message)
    this.name = 'ConnectionAuthError'
  }
}
