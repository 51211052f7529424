// The one line a person reads when the container is up; the JSON log lines around it are for
// machines. It names the origin to open (the public origin: sign-in works only there) and, while
// nobody owns the server, says that the first account created there becomes the owner.
type Fetch = (request: Request) => Response | Promise<Response>

export function readyLine(publicOrigin: string, needsOwner: boolean): string {
  const where = `Executor is running at ${publicOrigin}`
  return needsOwner ? `${where} — open it to create the owner account (the first account becomes the owner)` : where
}

/** Asks the app itself whether it still needs an owner, then prints the line; never throws. */
export async function printReadyLine(fetch: Fetch, publicOrigin: string, write: (line: string) => void = console.log) {
  write(readyLine(publicOrigin, await needsOwner(fetch)))
}

async function needsOwner(fetch: Fetch): Promise<boolean> {
  try {
    // Logged like any request; the id says where it came from.
    const response = await fetch(new Request('http://127.0.0.1/api/setup-status', { headers: { 'x-request-id': 'startup:ready-line' } }))
    const body: unknown = response.ok ? await response.json() : undefined
    return typeof body === 'object' && body !== null && 'needsSetup' in body && body.needsSetup === true
  } catch {
    return false
  }
}
