// Test-only (imported by *.test.ts, never by the app): a real HTTP server on 127.0.0.1 that
// implements the pet and store operations of test/fixtures/petstore-openapi.yaml in memory, so
// imported tools are called against real sockets. It requires the credential the document's
// securitySchemes describe: the `api_key` header, or a bearer token (an access token of the
// `petstore_auth` OAuth2 scheme); without it every operation answers 401.
//
// Canary mode plays a hostile upstream: it accepts any credential and echoes it back, in a
// response header, in the JSON body, and in the message of an error answer, so tests can prove
// no secret reaches the agent. `latencyMs` delays every answer (for cancellation tests).
import http from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

export type Pet = {
  id: number
  name: string
  photoUrls: string[]
  status?: 'available' | 'pending' | 'sold'
  category?: { id?: number; name?: string }
  tags?: { id?: number; name?: string }[]
}

export interface PetstoreServer {
  /** `http://127.0.0.1:<port>/api/v3`, the document's server path on this port */
  readonly baseUrl: string
  readonly pets: Map<number, Pet>
  /** the credentials sent with every request, in arrival order (the api_key header or bearer token; '' for none) */
  readonly seenCredentials: string[]
  /** milliseconds every answer waits; change between calls */
  latencyMs: number
  close(): Promise<void>
}

export type PetstoreOptions = {
  /** the api_key value or bearer token that is accepted */
  key: string
  /** echo whatever credential arrives instead of checking it */
  canary?: boolean
}

const PREFIX = '/api/v3'

/** Listens on 127.0.0.1 only, on a free port. */
export async function startPetstoreServer(options: PetstoreOptions): Promise<PetstoreServer> {
  const pets = new Map<number, Pet>()
  const seenCredentials: string[] = []
  let nextId = 1
  const sockets = new Set<Socket>()
  const state = { latencyMs: 0 }
  const timers = new Set<ReturnType<typeof setTimeout>>()

  const handle = (request: http.IncomingMessage, body: string): Answer => {
    const url = new URL(request.url ?? '/', 'http://petstore')
    const credential = credentialOf(request, url)
    seenCredentials.push(credential)
    if (options.canary) return canaryAnswer(request.method ?? 'GET', url, credential)
    if (credential !== options.key) return json(401, { code: 401, message: 'Invalid or missing API key' })
    if (!url.pathname.startsWith(`${PREFIX}/`)) return json(404, { code: 404, message: 'Not found' })
    const path = url.pathname.slice(PREFIX.length)
    const method = request.method ?? 'GET'

    if (path === '/pet' && (method === 'POST' || method === 'PUT')) {
      const parsed = parsePet(body)
      if (typeof parsed === 'string') return json(422, { code: 422, message: parsed })
      if (method === 'PUT' && (parsed.id === undefined || !pets.has(parsed.id))) {
        return json(404, { code: 404, message: 'Pet not found' })
      }
      const pet = { ...parsed, id: parsed.id ?? nextId++ }
      pets.set(pet.id, pet)
      return json(200, pet)
    }
    if (path === '/pet/findByStatus' && method === 'GET') {
      const status = url.searchParams.get('status') ?? 'available'
      return json(
        200,
        [...pets.values()].filter((pet) => pet.status === status),
      )
    }
    if (path === '/pet/findByTags' && method === 'GET') {
      const tags = url.searchParams.getAll('tags')
      return json(
        200,
        [...pets.values()].filter((pet) => pet.tags?.some((tag) => tags.includes(tag.name ?? ''))),
      )
    }
    const byId = /^\/pet\/([^/]+)$/.exec(path)
    if (byId) {
      const id = Number(byId[1])
      if (!Number.isInteger(id)) return json(400, { code: 400, message: 'Invalid ID supplied' })
      const pet = pets.get(id)
      if (pet === undefined) return json(404, { code: 404, message: 'Pet not found' })
      if (method === 'GET') return json(200, pet)
      if (method === 'DELETE') {
        pets.delete(id)
        return { status: 200, headers: {}, body: '' }
      }
      if (method === 'POST') {
        const name = url.searchParams.get('name')
        const status = url.searchParams.get('status')
        if (name !== null) pet.name = name
        if (status !== null) pet.status = status as Pet['status']
        return json(200, pet)
      }
    }
    if (path === '/store/inventory' && method === 'GET') {
      const counts: Record<string, number> = {}
      for (const pet of pets.values()) if (pet.status) counts[pet.status] = (counts[pet.status] ?? 0) + 1
      return json(200, counts)
    }
    return json(404, { code: 404, message: `No operation ${method} ${path}` })
  }

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const answer = handle(request, Buffer.concat(chunks).toString('utf8'))
      const send = () => {
        if (response.destroyed) return
        response.writeHead(answer.status, answer.headers)
        response.end(answer.body)
      }
      if (state.latencyMs <= 0) return send()
      const timer = setTimeout(() => {
        timers.delete(timer)
        send()
      }, state.latencyMs)
      timers.add(timer)
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port

  return {
    baseUrl: `http://127.0.0.1:${port}${PREFIX}`,
    pets,
    seenCredentials,
    get latencyMs() {
      return state.latencyMs
    },
    set latencyMs(value: number) {
      state.latencyMs = value
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer)
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}

type Answer = { status: number; headers: Record<string, string>; body: string }

function json(status: number, value: unknown, headers: Record<string, string> = {}): Answer {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(value) }
}

/** The api_key header, a bearer token, or (canary mode also looks there) an `api_key` query parameter. */
function credentialOf(request: http.IncomingMessage, url: URL): string {
  const header = request.headers.api_key
  if (typeof header === 'string') return header
  const authorization = request.headers.authorization ?? ''
  if (/^bearer /i.test(authorization)) return authorization.slice(7)
  if (authorization !== '') return authorization
  return url.searchParams.get('api_key') ?? ''
}

/** Echoes the credential everywhere: GET /pet/{id} as a 200 body and header, anything else in a 401's message. */
function canaryAnswer(method: string, url: URL, credential: string): Answer {
  const echo = { 'x-echo': credential }
  if (method === 'GET' && /^\/api\/v3\/pet\/\d+$/.test(url.pathname)) {
    return json(200, { youSent: credential, [credential]: 'as a key', list: [`prefix-${credential}-suffix`] }, echo)
  }
  return json(401, { message: `The key ${credential} is not valid here` }, echo)
}

function parsePet(body: string): (Omit<Pet, 'id'> & { id?: number }) | string {
  let value: unknown
  try {
    value = JSON.parse(body)
  } catch {
    return 'The body is not JSON'
  }
  if (value === null || typeof value !== 'object') return 'A pet is an object'
  const pet = value as Record<string, unknown>
  if (typeof pet.name !== 'string') return 'A pet needs a name'
  if (!Array.isArray(pet.photoUrls)) return 'A pet needs photoUrls'
  return pet as Omit<Pet, 'id'> & { id?: number }
}
