import { expect, test } from 'vitest'
import { connectSnippets } from './connect-snippets'

const url = 'https://executor.example.com/mcp'
const byId = (auth: Parameters<typeof connectSnippets>[1]) => Object.fromEntries(connectSnippets(url, auth).map((s) => [s.id, s.code]))

test('OAuth snippets carry the URL only, in each client’s own format', () => {
  const s = byId({ kind: 'oauth' })
  expect(s['claude-code']).toBe(`claude mcp add --transport http executor '${url}'`)
  expect(JSON.parse(s.cursor ?? '')).toEqual({ mcpServers: { executor: { url } } })
  expect(JSON.parse(s.vscode ?? '')).toEqual({ servers: { executor: { type: 'http', url } } })
  expect(s.codex).toBe(`[mcp_servers.executor]\nurl = "${url}"`)
  expect(s.generic).toBe(url)
})

test('API key snippets send the key as a bearer token; Codex reads it from the environment', () => {
  const s = byId({ kind: 'api_key', key: 'exk_abc' })
  expect(s['claude-code']).toBe(`claude mcp add --transport http executor '${url}' --header 'Authorization: Bearer exk_abc'`)
  expect(JSON.parse(s.cursor ?? '')).toEqual({ mcpServers: { executor: { url, headers: { Authorization: 'Bearer exk_abc' } } } })
  expect(JSON.parse(s.vscode ?? '')).toEqual({ servers: { executor: { type: 'http', url, headers: { Authorization: 'Bearer exk_abc' } } } })
  expect(s.codex).toBe(`[mcp_servers.executor]\nurl = "${url}"\nbearer_token_env_var = "EXECUTOR_API_KEY"`)
  expect(connectSnippets(url, { kind: 'api_key', key: 'exk_abc' }).find((x) => x.id === 'codex')?.next).toContain("export EXECUTOR_API_KEY='exk_abc'")
  expect(byId({ kind: 'api_key' }).generic).toBe(`${url}\nAuthorization: Bearer <your API key>`)
})
