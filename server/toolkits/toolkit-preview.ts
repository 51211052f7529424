// What a toolkit's patterns would hold, as one person sees it: the console shows the count live
// while an admin types, and the tools' paths. executor.search/describe (in every toolkit) are
// not counted.
import type { Principal } from '../auth/principal'
import type { ToolCatalog } from '../catalog/tool-catalog'
import { ALWAYS_IN_TOOLKIT, pathInToolkit, toolkitMatcher } from './toolkit-membership'

/** Paths listed in a preview; the count covers all of them. */
export const PREVIEW_PATHS = 100

export type ToolkitPreview = { count: number; paths: string[] }

export async function previewToolkit(catalog: ToolCatalog, principal: Principal, patterns: readonly string[]): Promise<ToolkitPreview> {
  const matches = toolkitMatcher(patterns)
  const paths = (await catalog.entries(principal)).flatMap((entry) => {
    if (ALWAYS_IN_TOOLKIT.has(`${entry.slug}.${entry.toolPath}`)) return []
    const path = pathInToolkit(matches, entry)
    return path ? [path] : []
  })
  return { count: paths.length, paths: paths.slice(0, PREVIEW_PATHS) }
}
