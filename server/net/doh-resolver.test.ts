// The DoH resolver against a stub DoH endpoint on 127.0.0.1; no real DNS is asked.
import { afterAll, beforeAll, expect, test } from 'vitest'
import { createDohResolver } from './doh-resolver'
import { checkUrl } from './guard'
import { startTestServer, type TestServer } from './test-servers'

const ZONE: Record<string, { Status: number; Answer?: { name: string; type: number; data: string }[] }> = {
  'api.example.com/A': {
    Status: 0,
    Answer: [
      { name: 'api.example.com', type: 5, data: 'edge.example.net.' },
      { name: 'edge.example.net', type: 1, data: '93.184.215.14' },
    ],
  },
  'api.example.com/AAAA': {
    Status: 0,
    Answer: [{ name: 'api.example.com', type: 28, data: '2606:2800:21f:cb07:6820:80da:af6b:8b2c' }],
  },
  'intranet.example.com/A': { Status: 0, Answer: [{ name: 'intranet.example.com', type: 1, data: '10.20.30.40' }] },
  'intranet.example.com/AAAA': { Status: 0 },
  'broken.example.com/A': { Status: 2 },
  'broken.example.com/AAAA': { Status: 2 },
}

let doh: TestServer
beforeAll(async () => {
  doh = await startTestServer((request, response) => {
    const url = new URL(request.path, 'http://doh')
    const answer = ZONE[`${url.searchParams.get('name')}/${url.searchParams.get('type')}`] ?? { Status: 3 }
    if (url.searchParams.get('name') === 'http-error.example.com') {
      response.writeHead(502)
      return void response.end()
    }
    response.writeHead(200, { 'content-type': 'application/dns-json' })
    response.end(JSON.stringify(answer))
  })
})
afterAll(() => doh.close())

function resolver() {
  return createDohResolver({ endpoint: `${doh.origin}/dns-query` })
}

test('returns the A and AAAA addresses at the end of a CNAME chain', async () => {
  await expect(resolver().resolve('api.example.com')).resolves.toEqual([
    { address: '93.184.215.14', family: 4 },
    { address: '2606:2800:21f:cb07:6820:80da:af6b:8b2c', family: 6 },
  ])
  expect(doh.seen.at(-1)?.headers.accept).toBe('application/dns-json')
})

test('rejects a name with no addresses', async () => {
  await expect(resolver().resolve('nowhere.example.com')).rejects.toThrow(
    'nowhere.example.com has no A or AAAA records',
  )
})

test('rejects a server failure and an HTTP error', async () => {
  await expect(resolver().resolve('broken.example.com')).rejects.toThrow('DNS-over-HTTPS answered RCODE 2')
  await expect(resolver().resolve('http-error.example.com')).rejects.toThrow('DNS-over-HTTPS answered HTTP 502')
})

test('feeds the guard, which refuses a private answer', async () => {
  await expect(
    checkUrl('https://intranet.example.com/', { allowLocalNetwork: false, resolver: resolver() }),
  ).rejects.toThrow('Refused to connect to 10.20.30.40 (private network address) for intranet.example.com')
})

test('answers an IP address itself, without asking the DoH endpoint', async () => {
  const asked = doh.seen.length
  await expect(resolver().resolve('127.0.0.1')).resolves.toEqual([{ address: '127.0.0.1', family: 4 }])
  await expect(resolver().resolve('[::1]')).resolves.toEqual([{ address: '::1', family: 6 }])
  await expect(resolver().resolve('0:0:0:0:0:0:0:1')).resolves.toEqual([{ address: '::1', family: 6 }])
  expect(doh.seen.length).toBe(asked)
})
