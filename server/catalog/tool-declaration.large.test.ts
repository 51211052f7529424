// Every GitHub REST tool (@octokit/openapi, 1,200+ operations, a devDependency) gets a declaration
// that TypeScript reads without a syntax error or an undeclared name, within the size cap, fast
// enough to make on a tool's first describe.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import ts from 'typescript'
import { expect, test } from 'vitest'
import { importOpenApi } from '~/server/integrations/openapi/import-document'
import type { ToolDefinition } from '~/server/integrations/openapi/operation'
import { MAX_DECLARATION_BYTES, toolDeclaration } from './tool-declaration'

const require = createRequire(import.meta.url)

/** TypeScript's "Cannot find name" errors: a declaration that uses a type it does not declare. */
const undeclaredNameCodes = new Set([2304, 2552])

test('declares all GitHub REST tools: valid, bounded, fast', { timeout: 300_000 }, async () => {
  const imported = await importOpenApi(readFileSync(require.resolve('@octokit/openapi/generated/api.github.com.json'), 'utf8'))
  // As read back from the database: plain JSON, no objects shared between tools.
  const tools = JSON.parse(JSON.stringify(imported.tools)) as ToolDefinition[]
  expect(tools.length).toBeGreaterThan(1_000)

  const declarations: string[] = []
  const times: number[] = []
  const started = performance.now()
  for (const tool of tools) {
    const before = performance.now()
    declarations.push(await toolDeclaration({ ...tool, path: `github.${tool.path}` }))
    times.push(performance.now() - before)
  }
  const total = performance.now() - started
  const sorted = [...times].sort((a, b) => a - b)
  const at = (share: number) => (sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))] as number).toFixed(1)
  const sizes = declarations.map((declaration) => new TextEncoder().encode(declaration).length)
  console.info(
    `${tools.length} GitHub tool declarations in ${Math.round(total)} ms: p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms per tool; ` +
      `largest ${Math.max(...sizes)} B, ${(sizes.reduce((sum, size) => sum + size, 0) / 1e6).toFixed(1)} MB in all`,
  )

  for (const [index, declaration] of declarations.entries()) {
    expect(sizes[index], tools[index]?.path).toBeLessThanOrEqual(MAX_DECLARATION_BYTES)
    expect(declaration).not.toContain('(input: unknown): Promise<unknown>')
    const file = ts.createSourceFile(`${index}.d.ts`, declaration, ts.ScriptTarget.Latest)
    expect((file as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics, tools[index]?.path).toEqual([])
  }

  // One program over all declarations; namespaces of tools in one group merge across files, so
  // only undeclared names count here (a repeated named type is another file's, not an error).
  const files = new Map(declarations.map((declaration, index) => [`/declarations/${index}.d.ts`, declaration]))
  const host = ts.createCompilerHost({})
  const defaultSourceFile = host.getSourceFile.bind(host)
  host.getSourceFile = (name, language) => {
    const text = files.get(name)
    return text === undefined ? defaultSourceFile(name, language) : ts.createSourceFile(name, text, language)
  }
  host.fileExists = (name) => files.has(name) || ts.sys.fileExists(name)
  const program = ts.createProgram([...files.keys()], { noEmit: true, lib: ['lib.es2023.d.ts'], types: [] }, host)
  const undeclared = ts
    .getPreEmitDiagnostics(program)
    .filter((diagnostic) => undeclaredNameCodes.has(diagnostic.code))
    .map((diagnostic) => `${diagnostic.file?.fileName}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`)
  expect(undeclared).toEqual([])
})
