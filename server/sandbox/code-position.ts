// Where in the agent's own code an error points, from the first `code.js:<line>:<column>` of its
// QuickJS stack. run-code evaluates `(async () => {<code>\n})()` as code.js: lines are the code's
// own, but columns on line 1 are shifted by the wrapper's opening, and a parse error found only
// at the wrapper's closing line (`return 1 +`) means the code ended too early.
import type { SandboxError } from './outcome'

/** What run-code puts before the code on its first line. */
export const CODE_PREFIX = '(async () => {'

export type CodePosition = { line: number; column: number }

export function codePosition(stack: string | undefined, code: string): CodePosition | undefined {
  const match = stack?.match(/code\.js:(\d+):(\d+)/)
  if (!match) return undefined
  let line = Number(match[1])
  let column = Number(match[2])
  const lines = code.split('\n')
  if (line > lines.length) {
    // Past the code: the wrapper's closing. Point just after the code's last character.
    line = lines.length
    column = (lines.at(-1)?.length ?? 0) + 1
  } else if (line === 1) {
    column = Math.max(1, column - CODE_PREFIX.length)
  }
  return { line, column }
}

/**
 * `error` placed in `code`: the line and column its stack points at, and the stack as the code's
 * author reads it (first-line columns without the wrapper, no frame of the wrapper's own).
 */
export function withPosition(error: SandboxError, code: string): SandboxError {
  const position = codePosition(error.stack, code)
  const { stack: _raw, ...rest } = error
  const stack = error.stack === undefined ? undefined : stackInCode(error.stack, code)
  return { ...rest, ...(stack ? { stack } : {}), ...position }
}

function stackInCode(stack: string, code: string): string {
  const lines = code.split('\n').length
  return stack
    .split('\n')
    .filter((frame) => {
      const line = frame.match(/code\.js:(\d+):\d+/)?.[1]
      return line === undefined || Number(line) <= lines
    })
    .map((frame) => frame.replace(/code\.js:1:(\d+)/g, (_, column: string) => `code.js:1:${Math.max(1, Number(column) - CODE_PREFIX.length)}`))
    .join('\n')
}

/** `at line 3, column 9`, for error texts. */
export function positionText(position: CodePosition): string {
  return `at line ${position.line}, column ${position.column}`
}
