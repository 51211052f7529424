// The FTS5 table `tool_search`, described for Drizzle's query builders only. It is created by
// hand in migration 0003 and kept out of schema.ts on purpose: drizzle-kit would generate a plain
// table for it. Queries that must go in a batch are built with it (D1's batch binds the
// parameters of built queries only).
import { sqliteTable, text } from 'drizzle-orm/sqlite-core'

export const toolSearch = sqliteTable('tool_search', {
  /** UNINDEXED: which integration the row belongs to */
  integrationId: text('integration_id').notNull(),
  /** UNINDEXED: the tool's path inside the integration */
  path: text('path').notNull(),
  /** the full path `<slug>.<path>` as words (search-words.ts pathWords) */
  pathWords: text('path_words').notNull(),
  title: text('title').notNull(),
  description: text('description').notNull(),
  /** the input's parameter names as words (search-words.ts parameterWords) */
  parameterNames: text('parameter_names').notNull(),
})
