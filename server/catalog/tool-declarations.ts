// Tools' TypeScript declarations, generated once per tool on first describe and kept in the
// `tool.declaration` column (an import replaces the rows, so a refreshed tool gets a new one).
// They are generated under the tool's catalog path `<slug>.<tool>`; a caller who addresses it
// through a connection (`<slug>.org.main.<tool>`) reads the same text with that path in the
// namespace line.
import { and, eq } from 'drizzle-orm'
import type { Database } from '~/db/database'
import { tool } from '~/db/schema'
import { toolDeclaration } from './tool-declaration'

type ToolRow = {
  integrationId: string
  /** the tool's path inside the integration */
  path: string
  title: string
  description: string
  inputSchema: unknown
  outputSchema: unknown
  declaration: string | null
}

export async function declarationFor(db: Database, slug: string, row: ToolRow, callablePath: string): Promise<string> {
  let declaration = row.declaration
  if (declaration === null) {
    declaration = await toolDeclaration({ ...row, path: `${slug}.${row.path}` })
    // Cached for the next describe; a lost race writes the same text twice.
    await db
      .update(tool)
      .set({ declaration })
      .where(and(eq(tool.integrationId, row.integrationId), eq(tool.path, row.path)))
  }
  return retarget(declaration, `${slug}.${row.path}`, callablePath)
}

/** The declaration with the caller's path: `declare namespace tools.<slug>.pet` → `tools.<slug>.org.main.pet`. */
export function retarget(declaration: string, catalogPath: string, callablePath: string): string {
  if (catalogPath === callablePath) return declaration
  const namespace = (path: string) => `declare namespace tools.${path.split('.').slice(0, -1).join('.')} {`
  return declaration.replace(namespace(catalogPath), namespace(callablePath))
}
