// Runs started at a toolkit's MCP URL are linked to the toolkit, so that a run going on after an
// approval (decided in the console, over HTTP, or from another session) is scoped to the same
// toolkit instead of the whole catalog.
import { eq } from 'drizzle-orm'
import type { Database } from '~/db/database'
import { toolkitExecution } from '~/db/schema'
import type { ExecutionDeps } from '../executions/executions'
import { scopedCatalog, type ToolkitScope } from './scoped-catalog'
import { getToolkit } from './toolkits'
import { AppError } from '../http/app-error'

export async function linkToolkitRun(db: Database, executionId: string, toolkitId: string): Promise<void> {
  await db.insert(toolkitExecution).values({ executionId, toolkitId })
}

/** `deps` for running execution `executionId` on: scoped to its toolkit when it has one. */
export async function depsForRun(deps: ExecutionDeps, executionId: string): Promise<ExecutionDeps> {
  const [link] = await deps.db.select().from(toolkitExecution).where(eq(toolkitExecution.executionId, executionId)).limit(1)
  if (!link) return deps
  let scope: ToolkitScope
  try {
    scope = await getToolkit(deps.db, link.toolkitId)
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'NOT_FOUND')) throw error
    // Removed since: it holds nothing (but executor.search/describe), so no call goes out.
    scope = { slug: 'a removed toolkit', patterns: [] }
  }
  return { ...deps, catalog: scopedCatalog(deps.catalog, () => scope), toolkit: { id: link.toolkitId } }
}
