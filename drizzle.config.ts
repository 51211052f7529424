import { defineConfig } from 'drizzle-kit'

// Migrations are generated here, committed, applied at container boot (db/migrate.ts) and by
// `wrangler d1 migrations apply` for the Worker (wrangler.toml migrations_dir).
export default defineConfig({
  dialect: 'sqlite',
  schema: './db/schema.ts',
  out: './db/migrations',
})
