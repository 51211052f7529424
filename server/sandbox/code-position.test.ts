import { expect, test } from 'vitest'
import { codePosition } from './code-position'
import { DEFAULT_LIMITS } from './limits'
import { runCode } from './run-code'

// runCode places its errors itself: these also check CODE_PREFIX is what it wraps the code in.
const positionOf = async (code: string) => {
  const outcome = await runCode(code, { dispatch: async () => null, limits: DEFAULT_LIMITS })
  return { kind: outcome.error?.kind, line: outcome.error?.line, column: outcome.error?.column }
}

test('a syntax error is placed in the code as written, also on its first line', async () => {
  expect(await positionOf('const a = 1\nconst b = 2\nlet x = = 3')).toEqual({ kind: 'syntax', line: 3, column: 9 })
  expect(await positionOf('foo bar')).toEqual({ kind: 'syntax', line: 1, column: 5 })
})

test('code that ends too early points just after its last character, not at the wrapper', async () => {
  expect(await positionOf('return 1 +')).toEqual({ kind: 'syntax', line: 1, column: 11 })
  expect(await positionOf('if (true) {\n  return 1')).toEqual({ kind: 'syntax', line: 2, column: 11 })
})

test('a thrown error is placed at its first frame in the code', async () => {
  expect(await positionOf("const a = 1\n  throw new Error('boom')")).toEqual({ kind: 'thrown', line: 2, column: 18 })
})

test("the stack reads as the code's own: first-line columns unshifted, no frame of the wrapper", async () => {
  const outcome = await runCode("function fail() { throw new Error('x') }\nfail()", { dispatch: async () => null, limits: DEFAULT_LIMITS })
  expect(outcome.error?.stack).toBe('    at fail (code.js:1:34)\n    at <anonymous> (code.js:2:5)')
  const early = await runCode('return 1 +', { dispatch: async () => null, limits: DEFAULT_LIMITS })
  expect(early.error).not.toHaveProperty('stack')
})

test('no position without a code.js frame', async () => {
  expect(codePosition(undefined, 'return 1')).toBeUndefined()
  expect(codePosition('    at <native>', 'return 1')).toBeUndefined()
  expect(await positionOf("throw 'plain text'")).toEqual({ kind: 'thrown', line: undefined, column: undefined })
})
