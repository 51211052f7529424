// One password rule for the setup page, invite sign-ups and EXECUTOR_BOOTSTRAP_ADMIN_PASSWORD:
// long enough, and either a long passphrase or a mix of character kinds.
export const MIN_PASSWORD_LENGTH = 10
export const MAX_PASSWORD_LENGTH = 128
const PASSPHRASE_LENGTH = 16

/** Why `password` is too weak, as a sentence for a person, or undefined when it is fine. */
export function passwordProblem(password: string): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) return `Password must be at least ${MIN_PASSWORD_LENGTH} characters`
  if (password.length > MAX_PASSWORD_LENGTH) return `Password must be at most ${MAX_PASSWORD_LENGTH} characters`
  if (new Set(password).size < 5) return 'Password repeats too few characters'
  const kinds = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((kind) => kind.test(password)).length
  if (password.length < PASSPHRASE_LENGTH && kinds < 3) {
    return `Password needs ${PASSPHRASE_LENGTH}+ characters, or three of: lowercase, uppercase, digits, symbols`
  }
  return undefined
}
