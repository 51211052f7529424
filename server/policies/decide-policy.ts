// Which policy decides a tool call: the admin-ordered rules are tried from the top and the first
// whose pattern matches any name the call goes by wins; with none matching, the tool's default
// (see ./tool-default.ts) applies. Pure: the caller reads the rules and the tool.
import type { PolicyAction } from '~/db/enums'
import { compilePattern } from './policy-pattern'

export type PolicyRule = { id: string; pattern: string; action: PolicyAction; note: string | null; position: number }

export type ToolDefault = { action: 'allow' | 'require_approval'; reason: string }

export type PolicyDecision = {
  action: PolicyAction
  source: 'rule' | 'default'
  rule?: { id: string; position: number; pattern: string; note: string | null }
  /** one sentence for people: `Rule 2 "github.*.delete*" blocks it` / `POST operations of OpenAPI integrations require approval by default` */
  reason: string
}

const verbs: Record<PolicyAction, string> = {
  allow: 'allows it',
  require_approval: 'requires approval for it',
  block: 'blocks it',
}

/**
 * `names`: every name the call goes by (e.g. full `github.org.main.issues.create` and short `github.issues.create`);
 * a rule matches when its pattern matches any of them; the first matching rule (lowest position) wins.
 */
export function decidePolicy(rules: PolicyRule[], names: string[], toolDefault: ToolDefault): PolicyDecision {
  const ordered = [...rules].sort((a, b) => a.position - b.position)
  for (const rule of ordered) {
    const regExp = compiled(rule.pattern)
    if (!names.some((name) => regExp.test(name))) continue
    return {
      action: rule.action,
      source: 'rule',
      rule: { id: rule.id, position: rule.position, pattern: rule.pattern, note: rule.note },
      reason: `Rule ${rule.position + 1} "${rule.pattern}" ${verbs[rule.action]}`,
    }
  }
  return { action: toolDefault.action, source: 'default', reason: toolDefault.reason }
}

// Patterns change rarely and every call tests all of them, so each is compiled once. The bound
// only stops a long-lived process from keeping patterns that were edited away.
const MAX_CACHED = 2_000
const cache = new Map<string, RegExp>()

function compiled(pattern: string): RegExp {
  let regExp = cache.get(pattern)
  if (!regExp) {
    if (cache.size >= MAX_CACHED) cache.clear()
    regExp = compilePattern(pattern)
    cache.set(pattern, regExp)
  }
  return regExp
}
