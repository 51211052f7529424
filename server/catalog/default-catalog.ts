import { z } from 'zod'
import { builtinTools } from './builtin-tools'
import { createCatalog, type Catalog } from './catalog'

let catalog: Catalog | undefined

/** The process's catalog of built-in tools (integrations will add per-connection tools). */
export function defaultCatalog(): Catalog {
  catalog ??= createCatalog(builtinTools, (schema) => z.toJSONSchema(schema, { unrepresentable: 'any' }))
  return catalog
}
