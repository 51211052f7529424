// The one answer to a console request refused for want of a session: it expired, or the person
// signed out in another tab. Whatever they were doing, they sign in again and come back to the
// page they were on, instead of reading the API's message for scripts.
import { signInHref } from './session-rules'

/** Goes to sign-in with a full page load, which also drops everything loaded for the old session. */
export function goToSignIn(): Promise<never> {
  window.location.assign(signInHref(`${window.location.pathname}${window.location.search}`))
  // The page is going away: whatever waited on the request stays pending instead of showing an error.
  return new Promise<never>(() => {})
}
