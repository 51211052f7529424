// The one-time setup code: on a server other machines can reach, whoever opens /setup first
// would become the owner, so the owner claim also asks for a code that only someone who can
// read the server's log has. It lives in memory and changes at every start.

/** The header a /setup sign-up carries the code in. */
export const SETUP_CODE_HEADER = 'x-executor-setup-code'

// No 0/O, 1/I/L: the code is read from a log and typed by hand.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
const GROUPS = 3
const GROUP_LENGTH = 4

/** e.g. `K7QF-M2XD-9PHT`: 12 characters of a 31-letter alphabet, about 59 bits. */
export function newSetupCode(): string {
  const groups: string[] = []
  for (let g = 0; g < GROUPS; g++) {
    let group = ''
    while (group.length < GROUP_LENGTH) {
      const [byte = 0] = crypto.getRandomValues(new Uint8Array(1))
      // Rejection sampling keeps every letter equally likely.
      if (byte < 248) group += ALPHABET[byte % ALPHABET.length]
    }
    groups.push(group)
  }
  return groups.join('-')
}

/** Case, spaces and dashes do not matter; the comparison takes the same time wherever it differs. */
export function setupCodeMatches(expected: string, given: string | null | undefined): boolean {
  const a = normalize(expected)
  const b = normalize(given ?? '')
  let difference = a.length ^ b.length
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ (b.charCodeAt(i) || 0)
  return difference === 0
}

function normalize(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '')
}
