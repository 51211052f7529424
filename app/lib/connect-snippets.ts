// Configuration for the MCP clients people use, built from the deployment's real /mcp URL. Two
// ways to sign in: OAuth (the client gets only the URL and signs in itself) and an API key (sent
// as a bearer token). Formats as each client documents them: Claude Code's `claude mcp add
// --transport http`, Cursor's `mcpServers` with `url`/`headers`, Codex's `[mcp_servers.<name>]`
// table (it takes a bearer token only from an environment variable), VS Code's `servers` with
// `type: "http"`.

export type SnippetAuth = { kind: 'oauth' } | { kind: 'api_key'; key?: string }

export type Snippet = {
  id: 'claude-code' | 'cursor' | 'codex' | 'vscode' | 'generic'
  client: string
  /** where it goes or how it is run */
  where: string
  language: 'shell' | 'json' | 'toml' | 'text'
  code: string
  /** what to do after pasting it */
  next?: string
}

/** The server's name in each client's configuration. */
export const SERVER_NAME = 'executor'
/** The variable Codex reads the key from. */
export const CODEX_KEY_VARIABLE = 'EXECUTOR_API_KEY'
const KEY_PLACEHOLDER = '<your API key>'

const json = (value: unknown) => JSON.stringify(value, null, 2)
// TOML basic strings escape like JSON strings for the characters a URL or key can hold.
const tomlString = (value: string) => JSON.stringify(value)
const shellQuote = (value: string) => `'${value.replaceAll("'", `'\\''`)}'`

export function connectSnippets(mcpUrl: string, auth: SnippetAuth): Snippet[] {
  const key = auth.kind === 'api_key' ? (auth.key ?? KEY_PLACEHOLDER) : undefined
  const headers = key === undefined ? {} : { headers: { Authorization: `Bearer ${key}` } }
  const codexLines = [`[mcp_servers.${SERVER_NAME}]`, `url = ${tomlString(mcpUrl)}`]
  if (key !== undefined) codexLines.push(`bearer_token_env_var = ${tomlString(CODEX_KEY_VARIABLE)}`)
  return [
    {
      id: 'claude-code',
      client: 'Claude Code',
      where: 'Run in a terminal',
      language: 'shell',
      code:
        `claude mcp add --transport http ${SERVER_NAME} ${shellQuote(mcpUrl)}` +
        (key === undefined ? '' : ` --header ${shellQuote(`Authorization: Bearer ${key}`)}`),
      next: key === undefined ? 'Then run /mcp in Claude Code and choose Authenticate to sign in.' : undefined,
    },
    {
      id: 'cursor',
      client: 'Cursor',
      where: '~/.cursor/mcp.json (or .cursor/mcp.json in a project)',
      language: 'json',
      code: json({ mcpServers: { [SERVER_NAME]: { url: mcpUrl, ...headers } } }),
      next: key === undefined ? 'Cursor shows a Connect button next to the server to sign in.' : undefined,
    },
    {
      id: 'codex',
      client: 'Codex',
      where: '~/.codex/config.toml',
      language: 'toml',
      code: codexLines.join('\n'),
      next:
        key === undefined
          ? `Then run: codex mcp login ${SERVER_NAME}`
          : `Codex reads the key from the environment: export ${CODEX_KEY_VARIABLE}=${shellQuote(key)} before starting it.`,
    },
    {
      id: 'vscode',
      client: 'VS Code',
      where: '.vscode/mcp.json in your workspace',
      language: 'json',
      code: json({ servers: { [SERVER_NAME]: { type: 'http', url: mcpUrl, ...headers } } }),
      next: key === undefined ? 'Start the server from the file; VS Code asks you to sign in.' : undefined,
    },
    {
      id: 'generic',
      client: 'Any streamable-HTTP client',
      where: 'Server URL' + (key === undefined ? '' : ' and header'),
      language: 'text',
      code: key === undefined ? mcpUrl : `${mcpUrl}\nAuthorization: Bearer ${key}`,
    },
  ]
}
