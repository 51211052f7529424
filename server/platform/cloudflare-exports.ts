// What the Worker's module exports besides its fetch handler: Nitro's cloudflare_module preset
// re-exports this module from the generated entry (vite.config.ts `cloudflare.exports`), and
// wrangler.toml binds the class.
export { McpSessionObject } from './mcp-session-object'
