import { readFileSync } from 'node:fs'
import ts from 'typescript'
import { beforeAll, describe, expect, test } from 'vitest'
import { importOpenApi } from '~/server/integrations/openapi/import-document'
import type { ToolDefinition } from '~/server/integrations/openapi/operation'
import { MAX_DECLARATION_BYTES, toolDeclaration, type DeclarableTool } from './tool-declaration'

/** Syntax errors TypeScript finds in `code` read as a declaration file. */
function parseErrors(code: string): string[] {
  const file = ts.createSourceFile('tool.d.ts', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS)
  const diagnostics = (file as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics
  return diagnostics.map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'))
}

const libraryFiles = new Map<string, ts.SourceFile | undefined>()

/** Type errors in `code` on its own (against the ES2023 library): an unknown name, a bad union… */
function typeErrors(code: string): string[] {
  const name = '/tool-declaration/tool.d.ts'
  const host = ts.createCompilerHost({})
  const defaultSourceFile = host.getSourceFile.bind(host)
  host.getSourceFile = (file, language) => {
    if (file === name) return ts.createSourceFile(file, code, language)
    if (!libraryFiles.has(file)) libraryFiles.set(file, defaultSourceFile(file, language))
    return libraryFiles.get(file)
  }
  host.fileExists = (file) => file === name || ts.sys.fileExists(file)
  const program = ts.createProgram([name], { noEmit: true, strict: true, lib: ['lib.es2023.d.ts'], types: [] }, host)
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'))
}

const tool = (overrides: Partial<DeclarableTool>): DeclarableTool => ({
  path: 'demo.things.get',
  title: 'Get a thing',
  description: 'Returns one thing.',
  inputSchema: { type: 'object', properties: {} },
  outputSchema: {},
  ...overrides,
})

describe('the Petstore tools', () => {
  const declarations = new Map<string, string>()
  let tools: ToolDefinition[] = []

  beforeAll(async () => {
    const imported = await importOpenApi(readFileSync('test/fixtures/petstore-openapi.yaml', 'utf8'))
    // As read back from the database: plain JSON, no objects shared between tools.
    tools = JSON.parse(JSON.stringify(imported.tools)) as ToolDefinition[]
    for (const t of tools) declarations.set(t.path, await toolDeclaration({ ...t, path: `petstore.${t.path}` }))
  })

  test('each is valid TypeScript that names no undeclared type', { timeout: 30_000 }, () => {
    expect(declarations.size).toBe(tools.length)
    expect(tools.length).toBeGreaterThan(15)
    for (const [path, declaration] of declarations) {
      expect(parseErrors(declaration), path).toEqual([])
      expect(typeErrors(declaration), path).toEqual([])
    }
  })

  test('declares the call under its full path, with the title and description as its doc comment', () => {
    const declaration = declarations.get('pet.findPetsByStatus') as string
    expect(declaration).toMatch(/^declare namespace tools\.petstore\.pet \{\n/)
    expect(declaration).toContain(
      ['  /**', '   * Finds Pets by status.', '   *', '   * Multiple status values can be provided with comma separated strings.', '   */', '  function findPetsByStatus(input: {'].join('\n'),
    )
  })

  test('shows optional parameters with `?`, enums as unions of literals, defaults and descriptions as comments', () => {
    const declaration = declarations.get('pet.findPetsByStatus') as string
    expect(declaration).toContain(
      [
        '    /**',
        '     * Status values that need to be considered for filter',
        '     * @default "available"',
        '     */',
        '    status?: ("available" | "pending" | "sold")',
        '  }): Promise<{',
      ].join('\n'),
    )
  })

  test('shows required parameters without `?`, and formats as comments', () => {
    const declaration = declarations.get('pet.getPetById') as string
    expect(declaration).toContain(['    /**', '     * ID of pet to return', '     * @format int64', '     */', '    petId: number'].join('\n'))
  })

  test('shows the request body with its required and optional members, and the media type choice', () => {
    const declaration = declarations.get('pet.addPet') as string
    expect(declaration).toMatch(/\n {4}body: \{\n/)
    expect(declaration).toContain('      name: string\n')
    expect(declaration).toContain('      photoUrls: string[]\n')
    expect(declaration).toContain('      id?: number\n')
    expect(declaration).toContain('    contentType?: ("application/json" | "application/xml" | "application/x-www-form-urlencoded")')
  })

  test('resolves to the status, headers and typed data', () => {
    const declaration = declarations.get('pet.findPetsByStatus') as string
    const result = declaration.slice(declaration.indexOf('}): Promise<{'))
    expect(result).toContain('    /** The HTTP status code */\n    status: number\n')
    expect(result).toContain('    headers: {\n      [k: string]: string\n    }\n')
    expect(result).toMatch(/ {4}data\?: \{\n[\s\S]* {6}name: string\n[\s\S]* {4}\}\[\]\n {2}\}>\n\}\n$/)
  })

  test('leaves the stored schemas unchanged', async () => {
    const [first] = tools
    const before = JSON.stringify(first)
    await toolDeclaration({ ...(first as ToolDefinition), path: 'petstore.x' })
    expect(JSON.stringify(first)).toBe(before)
  })
})

test('shows nullable types, unions, intersections, maps and quoted names', async () => {
  const declaration = await toolDeclaration(
    tool({
      inputSchema: {
        type: 'object',
        required: ['content-type'],
        properties: {
          'content-type': { type: 'string' },
          note: { type: 'string', nullable: true },
          count: { type: ['integer', 'null'], minimum: 1, maximum: 100 },
          id: { oneOf: [{ type: 'string' }, { type: 'integer' }] },
          both: { allOf: [{ type: 'object', properties: { a: { type: 'string' } } }, { type: 'object', properties: { b: { type: 'number' } } }] },
          labels: { type: 'object', additionalProperties: { type: 'number' } },
          extra: { type: 'object' },
          mode: { const: 'fast' },
          when: { type: 'string', format: 'date-time' },
          old: { type: 'boolean', deprecated: true },
        },
      },
    }),
  )
  expect(parseErrors(declaration)).toEqual([])
  expect(typeErrors(declaration)).toEqual([])
  expect(declaration).toContain('    "content-type": string\n')
  expect(declaration).toContain('    note?: (string | null)\n')
  expect(declaration).toContain('     * @minimum 1\n     * @maximum 100\n     */\n    count?: (number | null)\n')
  expect(declaration).toContain('    id?: (string | number)\n')
  expect(declaration).toMatch(/ {4}both\?: \(\{\n {6}a\?: string\n {4}\} & \{\n {6}b\?: number\n {4}\}\)\n/)
  expect(declaration).toContain('    labels?: {\n      [k: string]: number\n    }\n')
  expect(declaration).toContain('    extra?: {\n      [k: string]: unknown\n    }\n')
  expect(declaration).toContain('    mode?: "fast"\n')
  expect(declaration).toContain('    /** @format date-time */\n    when?: string\n')
  expect(declaration).toContain('    /** @deprecated */\n    old?: boolean\n')
})

test('declares a titled schema used twice once, as a named interface', async () => {
  const user = { title: 'Simple User', type: 'object', properties: { login: { type: 'string' } }, required: ['login'] }
  const declaration = await toolDeclaration(
    tool({
      inputSchema: { type: 'object', properties: { assignee: structuredClone(user) } },
      outputSchema: { type: 'object', properties: { data: { type: 'array', items: structuredClone(user) } } },
    }),
  )
  expect(typeErrors(declaration)).toEqual([])
  expect(declaration).toContain('    assignee?: SimpleUser\n')
  expect(declaration).toContain('    data?: SimpleUser[]\n')
  expect(declaration.match(/interface SimpleUser\b/g)).toHaveLength(1)
})

test('a recursive schema from an OpenAPI description ends in a commented placeholder', async () => {
  const description = {
    openapi: '3.0.3',
    info: { title: 'Tree', version: '1' },
    servers: [{ url: 'http://127.0.0.1:9' }],
    paths: {
      '/nodes': {
        get: {
          operationId: 'getTree',
          responses: { 200: { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Node' } } } } },
        },
      },
    },
    components: {
      schemas: {
        Node: { type: 'object', properties: { name: { type: 'string' }, children: { type: 'array', items: { $ref: '#/components/schemas/Node' } } } },
      },
    },
  }
  const [imported] = (await importOpenApi(JSON.stringify(description))).tools
  const declaration = await toolDeclaration({ ...(imported as ToolDefinition), path: 'tree.nodes.getTree' })
  expect(parseErrors(declaration)).toEqual([])
  expect(typeErrors(declaration)).toEqual([])
  expect(declaration).toContain('    data?: {\n      name?: string\n      children?: (unknown /* recursive: the same shape as the enclosing Node */)[]\n    }\n')
})

test('a cyclic schema object is cut at a fixed depth rather than followed forever', async () => {
  const node: Record<string, unknown> = { type: 'object', properties: {} }
  ;(node.properties as Record<string, unknown>).next = node
  const declaration = await toolDeclaration(tool({ inputSchema: node }))
  expect(parseErrors(declaration)).toEqual([])
  expect(declaration).toContain('(nested deeper than shown here)')
})

test('a huge schema gives a declaration within the size cap, cut at whole members', { timeout: 30_000 }, async () => {
  const wide = (depth: number): Record<string, unknown> => ({
    type: 'object',
    description: 'A level of a very large schema. '.repeat(20),
    properties: Object.fromEntries(
      Array.from({ length: depth === 0 ? 60 : 12 }, (_, index) => [`field_${index}`, depth === 0 ? { type: 'string', description: 'x'.repeat(400) } : wide(depth - 1)]),
    ),
  })
  const started = performance.now()
  const declaration = await toolDeclaration(tool({ inputSchema: wide(3), outputSchema: { type: 'object', properties: { data: wide(3) } } }))
  const ms = performance.now() - started
  expect(new TextEncoder().encode(declaration).length).toBeLessThanOrEqual(MAX_DECLARATION_BYTES)
  expect(parseErrors(declaration)).toEqual([])
  expect(typeErrors(declaration)).toEqual([])
  expect(declaration).toMatch(/\(nested deeper than shown here\)|\(not shown: the schema is too large\)/)
  expect(declaration).toContain('function get(input: {\n')
  expect(declaration).toContain('    field_0?: {')
  expect(ms).toBeLessThan(5_000)
})

test('a schema nested ten thousand levels deep neither overflows the stack nor passes the cap', async () => {
  let deep: Record<string, unknown> = { type: 'string' }
  for (let level = 0; level < 10_000; level++) deep = { type: 'object', properties: { inner: deep } }
  const declaration = await toolDeclaration(tool({ inputSchema: deep, outputSchema: deep }))
  expect(parseErrors(declaration)).toEqual([])
  expect(new TextEncoder().encode(declaration).length).toBeLessThanOrEqual(MAX_DECLARATION_BYTES)
})

test('a very long description is wrapped and cut, and cannot close the doc comment early', async () => {
  const declaration = await toolDeclaration(tool({ title: 'Ends */ here', description: `${'word '.repeat(3_000)} */ declare const escaped: 1` }))
  expect(parseErrors(declaration)).toEqual([])
  expect(declaration).not.toContain('declare const escaped')
  const comment = declaration.slice(0, declaration.indexOf('function get'))
  for (const line of comment.split('\n')) expect(line.length).toBeLessThanOrEqual(110)
  expect(comment).toContain('…')
})

const garbage: [string, unknown][] = [
  ['null', null],
  ['a number', 42],
  ['a string', 'object'],
  ['an array', [{ type: 'string' }]],
  ['false', false],
  ['an unknown type', { type: 'nonsense', properties: { a: { type: 7 } } }],
  ['properties that are not schemas', { type: 'object', properties: 'name', required: 'name' }],
  ['an enum that is not a list', { enum: { a: 1 } }],
  ['an enum of objects', { enum: [{ a: 1 }, [2]] }],
  ['a remote $ref (never fetched)', { $ref: 'http://127.0.0.1:9/schema.json' }],
  ['TypeScript smuggled in tsType', { type: 'object', properties: { a: { tsType: '}; declare function evil(): void; type X = {' } } }],
  ['a description that closes the comment', { type: 'object', properties: { a: { type: 'string', description: 'a */ b' } } }],
  ['odd property names', { type: 'object', properties: { '': { type: 'string' }, '1x': {}, 'a"b': {}, '*/': {} } }],
  ['odd enum strings', { type: 'string', enum: ['a"b', '*/', 'line\nbreak', ''] }],
  ['maxItems below minItems', { type: 'array', minItems: 5, maxItems: 1, items: { type: 'string' } }],
  ['a non-boolean deprecated', { type: 'string', deprecated: 'yes' }],
  [
    'titles that are no names, or names the declaration uses',
    {
      type: 'object',
      properties: Object.fromEntries(
        ['***', '123', 'class', 'interface', 'Promise', 'promise', 'ToolSignature', 'unknown', 'Ends */ here'].map((title, index) => [
          `p${index}`,
          { title, type: 'object', properties: { [`m${index}`]: { type: 'string' } } },
        ]),
      ),
    },
  ],
  ['a hundred variants', { anyOf: Array.from({ length: 100 }, (_, index) => ({ const: index })) }],
]

test.each(garbage)('%s as a schema gives a valid declaration, without throwing', async (_, schema) => {
  const declaration = await toolDeclaration(tool({ inputSchema: schema, outputSchema: schema }))
  expect(parseErrors(declaration)).toEqual([])
  expect(typeErrors(declaration)).toEqual([])
  expect(declaration).toContain('function get(input: ')
  expect(declaration).not.toContain('evil')
})

test('a tool whose fields are not even strings still gets a declaration', async () => {
  const odd = { path: 42, title: null, description: {}, inputSchema: undefined, outputSchema: undefined } as unknown as DeclarableTool
  const declaration = await toolDeclaration(odd)
  expect(parseErrors(declaration)).toEqual([])
})

test('a path segment that is a reserved word or no identifier is declared as a member of nested object types', async () => {
  const declaration = await toolDeclaration(tool({ path: 'my-api.pet.delete', inputSchema: { type: 'object', properties: { id: { type: 'integer' } }, required: ['id'] } }))
  expect(parseErrors(declaration)).toEqual([])
  expect(typeErrors(declaration)).toEqual([])
  expect(declaration).toMatch(/^declare const tools: \{\n {2}"my-api": \{\n {4}pet: \{\n {6}\/\*\*\n/)
  expect(declaration).toContain('      delete(input: {\n        id: number\n      }): Promise<unknown>\n')
})

test('a four-segment path becomes a dotted namespace', async () => {
  const declaration = await toolDeclaration(tool({ path: 'github.org.main.repos.get' }))
  expect(declaration).toMatch(/^declare namespace tools\.github\.org\.main\.repos \{\n/)
  expect(typeErrors(declaration)).toEqual([])
})
