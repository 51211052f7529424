import { expect, test } from 'vitest'
import type { PolicyAction } from '~/db/enums'
import { decidePolicy, type PolicyRule, type ToolDefault } from './decide-policy'

const rules = (...specs: [string, PolicyAction][]): PolicyRule[] =>
  specs.map(([pattern, action], position) => ({ id: `pol_${position}`, pattern, action, note: position === 0 ? 'first' : null, position }))

const writes: ToolDefault = { action: 'require_approval', reason: 'POST operations of OpenAPI integrations require approval by default' }
const reads: ToolDefault = { action: 'allow', reason: 'GET operations of OpenAPI integrations are allowed by default' }
const full = 'github.org.main.issues.create'
const short = 'github.issues.create'

test.each([
  { name: 'no rules: the default decides', list: rules(), names: [full, short], fallback: writes, action: 'require_approval', source: 'default', reason: writes.reason },
  { name: 'no rule matches: the default decides', list: rules(['stripe.*', 'block']), names: [full, short], fallback: reads, action: 'allow', source: 'default', reason: reads.reason },
  { name: 'first match wins over a later one', list: rules(['github.*', 'allow'], ['*.create', 'block']), names: [full, short], fallback: writes, action: 'allow', source: 'rule', reason: 'Rule 1 "github.*" allows it' },
  { name: 'a later rule decides when earlier ones miss', list: rules(['stripe.*', 'allow'], ['github.*.create', 'block']), names: [full, short], fallback: writes, action: 'block', source: 'rule', reason: 'Rule 2 "github.*.create" blocks it' },
  { name: 'a rule on the full name (connection) matches', list: rules(['github.org.main.*', 'require_approval']), names: [full, short], fallback: reads, action: 'require_approval', source: 'rule', reason: 'Rule 1 "github.org.main.*" requires approval for it' },
  { name: 'a rule on the short name matches', list: rules(['github.issues.create', 'block']), names: [full, short], fallback: reads, action: 'block', source: 'rule', reason: 'Rule 1 "github.issues.create" blocks it' },
  { name: 'a rule for another connection does not match', list: rules(['github.org.other.*', 'block']), names: [full, short], fallback: reads, action: 'allow', source: 'default', reason: reads.reason },
  { name: 'a catch-all decides everything left', list: rules(['github.issues.list', 'allow'], ['*', 'block']), names: [full, short], fallback: reads, action: 'block', source: 'rule', reason: 'Rule 2 "*" blocks it' },
  { name: 'matching ignores case', list: rules(['GitHub.Issues.*', 'block']), names: [full, short], fallback: reads, action: 'block', source: 'rule', reason: 'Rule 1 "GitHub.Issues.*" blocks it' },
])('$name', ({ list, names, fallback, action, source, reason }) => {
  const decision = decidePolicy(list, names, fallback)
  expect(decision).toMatchObject({ action, source, reason })
  if (source === 'default') expect(decision.rule).toBeUndefined()
})

test('names the deciding rule, and goes by position, not by the order rules arrive in', () => {
  const list: PolicyRule[] = [
    { id: 'b', pattern: '*', action: 'block', note: null, position: 1 },
    { id: 'a', pattern: 'github.*', action: 'allow', note: 'GitHub is trusted', position: 0 },
  ]
  expect(decidePolicy(list, [short], writes)).toEqual({
    action: 'allow',
    source: 'rule',
    rule: { id: 'a', position: 0, pattern: 'github.*', note: 'GitHub is trusted' },
    reason: 'Rule 1 "github.*" allows it',
  })
})
