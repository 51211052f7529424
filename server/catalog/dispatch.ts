import type { Catalog } from './catalog'

/** Routes a sandbox `tools.a.b(args)` call to the catalog tool at `a.b`. */
export function createDispatcher(catalog: Catalog) {
  return async (path: string[], args: unknown): Promise<unknown> => {
    const dotted = path.join('.')
    const tool = catalog.get(dotted)
    if (!tool) throw new Error(`Unknown tool tools.${dotted}; find tools with tools.executor.search({ query })`)
    return tool.run(args, { catalog })
  }
}
