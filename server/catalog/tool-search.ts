// Ranked search over integrations' tools with SQLite FTS5 (`tool_search`, migration 0003).
//
// The index holds, per tool: the full path as words (`github.issues.listForRepo` → github issues
// list for repo), the title, the description and the input's parameter names, all
// stemmed by the porter tokenizer ("issue" finds issues, "repo" finds repos). A query is cut into
// words the same way (search-words.ts), so user input never reaches FTS5 as syntax: each word
// becomes a quoted string, prefix-matched, and the words are joined by FTS5 operators written
// here. Rows matching any word are returned: those whose path holds every word first, then those
// holding every word anywhere, then the rest; bm25 (path weighted highest) orders within each.
import { sql } from 'drizzle-orm'
import type { Database } from '~/db/database'
import { splitWords } from './search-words'

export type ToolHit = {
  /** the full path agents call: `<integration slug>.<path>` */
  path: string
  title: string
  description: string
  /** bm25 relevance, higher is better; hits come in tiers (see searchTools), so it descends within a tier */
  score: number
}

/** bm25 weights, in the column order of `tool_search`: integration_id, path (both unindexed), path_words, title, description, parameter_names. */
const WEIGHTS = sql.raw('0, 0, 10, 4, 1, 2')
/** Above this many matching rows, a query is ranked by bm25 alone (see searchTools). */
const TIERED_MATCHES = 1_500
/** Words beyond this are ignored: a longer query is prose, and each word costs a term lookup. */
const MAX_WORDS = 12
/** Filler words dropped from a query (unless it has nothing else): they would match nearly every description. */
const STOP_WORDS = new Set(['a', 'an', 'and', 'are', 'as', 'at', 'be', 'by', 'do', 'for', 'from', 'how', 'i', 'in', 'is', 'it', 'me', 'my', 'of', 'on', 'or', 'the', 'to', 'with'])

/**
 * Tools matching `query`, best first. An empty query (or one without letters or digits) finds
 * nothing: browsing an integration's tools is listTools' job. `integrationIds` narrows the search.
 */
export async function searchTools(
  db: Database,
  query: string,
  { limit = 20, integrationIds }: { limit?: number; integrationIds?: string[] } = {},
): Promise<ToolHit[]> {
  const match = matchExpressions(query)
  if (!match) return []
  if (integrationIds && integrationIds.length === 0) return []
  const size = Math.min(Math.max(Math.trunc(limit), 1), 200)
  const scope = integrationIds
    ? sql`and s.integration_id in (select value from json_each(${JSON.stringify(integrationIds)}))`
    : sql``
  // Tier 0: the path holds every word (fewest path words first: `issues.create` before
  // `issues.createComment` for "create issue"); tier 1: the tool holds every word somewhere;
  // tier 2: some words. bm25 orders within a tier: FTS5 normalizes by the whole row's length, so
  // on its own a long description can sink the tool whose path is exactly the query.
  // The inner query ranks from the index alone (reading a row's text costs more than scoring
  // it, and a common word matches thousands); only the rows kept are read and joined.
  // A query that matches most of a large catalog ("resource" in a 10,000-tool API) is ranked by
  // bm25 alone: tiering reads every matching row's path, which costs more than the ranking itself,
  // and for so broad a query the tiers would hold nearly everything anyway.
  const [counted] = await db.all<{ n: number }>(
    sql`select count(*) as n from tool_search s where s.tool_search match ${match.any} ${scope}`,
  )
  if (Number(counted?.n ?? 0) > TIERED_MATCHES) {
    const rows = await db.all<{ path: string; title: string; description: string; rank: number }>(sql`
      select i.slug || '.' || t.path as path, t.title as title, t.description as description, top.rank as rank
      from (
        select s.rowid as id, bm25(tool_search, ${WEIGHTS}) as rank from tool_search s
        where s.tool_search match ${match.all === match.any ? match.any : match.all} ${scope}
        order by rank limit ${size}
      ) top
      join tool_search t on t.rowid = top.id
      join integration i on i.id = t.integration_id
      order by top.rank, path`)
    if (rows.length > 0 || match.all === match.any) {
      return rows.map((r) => ({ path: r.path, title: r.title, description: r.description, score: -Number(r.rank) }))
    }
    // No row holds every word: rank those holding some, still by bm25 alone.
    const some = await db.all<{ path: string; title: string; description: string; rank: number }>(sql`
      select i.slug || '.' || t.path as path, t.title as title, t.description as description, top.rank as rank
      from (
        select s.rowid as id, bm25(tool_search, ${WEIGHTS}) as rank from tool_search s
        where s.tool_search match ${match.any} ${scope}
        order by rank limit ${size}
      ) top
      join tool_search t on t.rowid = top.id
      join integration i on i.id = t.integration_id
      order by top.rank, path`)
    return some.map((r) => ({ path: r.path, title: r.title, description: r.description, score: -Number(r.rank) }))
  }
  const inPath = sql`s.rowid in (select rowid from tool_search where tool_search match ${match.allInPath})`
  const tier =
    match.all === match.any
      ? sql`case when ${inPath} then 0 else 1 end`
      : sql`case when ${inPath} then 0 when s.rowid in (select rowid from tool_search where tool_search match ${match.all}) then 1 else 2 end`
  const rows = await db.all<{ path: string; title: string; description: string; rank: number }>(sql`
    select i.slug || '.' || t.path as path, t.title as title, t.description as description, top.rank as rank
    from (
      select s.rowid as id, bm25(tool_search, ${WEIGHTS}) as rank, ${tier} as tier,
        case when ${inPath} then length(s.path_words) - length(replace(s.path_words, ' ', '')) else 0 end as path_length
      from tool_search s
      where s.tool_search match ${match.any} ${scope}
      order by tier, path_length, rank
      limit ${size}
    ) top
    join tool_search t on t.rowid = top.id
    join integration i on i.id = t.integration_id
    order by top.tier, top.path_length, top.rank, path`)
  return rows.map((r) => ({ path: r.path, title: r.title, description: r.description, score: -Number(r.rank) }))
}

/**
 * The FTS5 expressions for a query: `any` matches a row with any of its words, `all` one with
 * every word, `allInPath` one whose path holds every word. Each word is a double-quoted string (it holds only letters and digits, so never a
 * quote) followed by `*` for prefix matching; one-letter words match exactly.
 */
export function matchExpressions(query: string): { any: string; all: string; allInPath: string } | undefined {
  const words = [...new Set(splitWords(query))]
  const meaningful = words.filter((w) => !STOP_WORDS.has(w))
  const chosen = (meaningful.length > 0 ? meaningful : words).slice(0, MAX_WORDS)
  if (chosen.length === 0) return undefined
  const terms = chosen.map((w) => (w.length > 1 ? `"${w}"*` : `"${w}"`))
  const all = terms.join(' AND ')
  return { any: terms.join(' OR '), all, allInPath: `path_words : (${all})` }
}
