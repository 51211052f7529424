import { expect, test } from 'vitest'
import { printReadyLine, readyLine } from './ready-line'

test('a server without an owner says where to open it and that the first account becomes the owner', () => {
  expect(readyLine('http://localhost:4788', true)).toBe(
    'Executor is running at http://localhost:4788 — open it to create the owner account (the first account becomes the owner)',
  )
})

test('a server with an owner only says where it runs', () => {
  expect(readyLine('https://executor.example.com', false)).toBe('Executor is running at https://executor.example.com')
})

test('asks the app for its setup status', async () => {
  const lines: string[] = []
  const paths: string[] = []
  const app = (needsSetup: boolean) => (request: Request) => {
    paths.push(new URL(request.url).pathname)
    return Response.json({ needsSetup })
  }
  await printReadyLine(app(true), 'http://localhost:1', (line) => lines.push(line))
  await printReadyLine(app(false), 'http://localhost:1', (line) => lines.push(line))
  await printReadyLine(() => new Response('down', { status: 503 }), 'http://localhost:1', (line) => lines.push(line))
  await printReadyLine(() => Promise.reject(new Error('boom')), 'http://localhost:1', (line) => lines.push(line))
  expect(paths).toEqual(['/api/setup-status', '/api/setup-status'])
  expect(lines).toEqual([
    expect.stringContaining('the first account becomes the owner'),
    'Executor is running at http://localhost:1',
    'Executor is running at http://localhost:1',
    'Executor is running at http://localhost:1',
  ])
})
