// A catalog tool as the TypeScript an agent reads before calling it:
//
//   declare namespace tools.petstore.pet {
//     /** Finds Pets by status. … */
//     function findPetsByStatus(input: { status?: ("available" | "pending" | "sold") }): Promise<{ status: number; … }>
//   }
//
// json-schema-to-typescript-lite writes the types (it runs in Bun and workerd: no prettier, no
// file access, no code generated from strings). Input and output go through one compile, so a
// titled sub-schema used by both is declared once. Never throws: a schema the generator cannot
// read becomes `unknown`. A declaration past MAX_DECLARATION_BYTES is made again with shallower
// schemas, down to bare `input`/`output` placeholders.
import { compile, type JSONSchema, type Options } from 'json-schema-to-typescript-lite'
import { schemaCopier, shorten, wrapText, type SchemaLimits } from './tool-declaration-schema'

export const MAX_DECLARATION_BYTES = 64 * 1024

export type DeclarableTool = {
  /** the full callable path, e.g. `petstore.pet.findPetsByStatus` */
  path: string
  title: string
  description: string
  inputSchema: unknown
  outputSchema: unknown
}

const ROOT = 'ToolSignature'
const MAX_TITLE = 200
const MAX_DESCRIPTION = 4_000

/** Tried in order until a declaration fits; the last shows only the top level. */
const attempts: SchemaLimits[] = [
  { maxDepth: 32, maxNodes: 4_000, maxDescription: 1_500 },
  { maxDepth: 6, maxNodes: 2_000, maxDescription: 1_000 },
  { maxDepth: 4, maxNodes: 1_000, maxDescription: 400 },
  { maxDepth: 2, maxNodes: 400, maxDescription: 200 },
  { maxDepth: 1, maxNodes: 200, maxDescription: 100 },
  { maxDepth: 0, maxNodes: 2, maxDescription: 0 },
]

const compileOptions: Partial<Options> = {
  // Response schemas rarely say `additionalProperties: false`; an index signature on every
  // object would drown the members. Open objects with no members still get one (see schemaCopier).
  additionalProperties: false,
  unknownAny: true,
  ignoreMinAndMaxItems: true,
  strictIndexSignatures: false,
  cwd: '/',
  $refOptions: { resolve: { external: false } },
}

const reserved = new Set(
  ('break case catch class const continue debugger default delete do else enum export extends false finally for function if ' +
    'import in instanceof new null return super switch this throw true try typeof var void while with implements interface ' +
    'let package private protected public static yield await').split(' '),
)

const isIdentifier = (name: string) => /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) && !reserved.has(name)
const propertyKey = (name: string) => (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name))
const indent = (text: string, by: string) => text.split('\n').map((line) => (line === '' ? line : by + line)).join('\n')

/** `/**\n * One line.\n *\/` → `/** One line. *\/`: the generator always spends three lines. */
const compactComments = (code: string) => code.replace(/^( *)\/\*\*\n\1 \* (.*)\n\1 \*\/$/gm, '$1/** $2 */')

type Signature = { input: string; output: string; declarations: string }

/** Splits the generated `interface ToolSignature { input: …; output: … }` from the named types around it. */
function splitSignature(code: string): Signature | undefined {
  const lines = code.split('\n')
  const start = lines.indexOf(`export interface ${ROOT} {`)
  const end = lines.indexOf('}', start)
  if (start < 0 || end < 0) return undefined
  const members: Record<string, string[]> = {}
  let current: string[] | undefined
  for (const line of lines.slice(start + 1, end)) {
    const member = /^ {2}(input|output): (.*)$/.exec(line)
    if (member) {
      current = [member[2] as string]
      members[member[1] as string] = current
    } else if (current && line.startsWith('  ')) current.push(line.slice(2))
    else return undefined
  }
  if (!members.input || !members.output) return undefined
  // Named types come before the root or after it, in the order the generator met them.
  const declarations = [...lines.slice(0, start), ...lines.slice(end + 1)]
    .join('\n')
    .replace(/^export (interface|type|const enum|enum) /gm, '$1 ')
    .trim()
  return { input: members.input.join('\n'), output: members.output.join('\n'), declarations }
}

function docComment(tool: DeclarableTool): string {
  const title = shorten(typeof tool.title === 'string' ? tool.title.trim() : '', MAX_TITLE)
  const description = shorten(typeof tool.description === 'string' ? tool.description.trim() : '', MAX_DESCRIPTION)
  const parts = [title, description !== title ? description : ''].filter((part) => part !== '')
  if (parts.length === 0) return ''
  const body = wrapText(parts.join('\n\n')).replace(/\*\//g, '*\\/')
  return ['/**', ...body.split('\n').map((line) => (line === '' ? ' *' : ` * ${line}`)), ' */'].join('\n')
}

function render(tool: DeclarableTool, signature: Signature): string {
  const path = typeof tool.path === 'string' ? tool.path : ''
  const segments = path.split('.')
  const name = segments.pop() as string
  const doc = docComment(tool)
  const call = `(input: ${signature.input}): Promise<${signature.output}>`
  if (isIdentifier(name) && segments.every(isIdentifier)) {
    const body = [[doc, `function ${name}${call}`].filter(Boolean).join('\n'), signature.declarations].filter(Boolean).join('\n\n')
    return `declare namespace ${['tools', ...segments].join('.')} {\n${indent(body, '  ')}\n}\n`
  }
  // A segment TypeScript does not take as a namespace or function name (`delete`, `my-api`):
  // the same path as nested object types, where any name may stand (quoted if need be).
  let member = [doc, `${propertyKey(name)}${call}`].filter(Boolean).join('\n')
  for (const segment of segments.reverse()) member = `${propertyKey(segment)}: {\n${indent(member, '  ')}\n}`
  return [signature.declarations, `declare const tools: {\n${indent(member, '  ')}\n}`].filter(Boolean).join('\n\n') + '\n'
}

/** A root without a comment of its own: splitSignature expects bare `input:`/`output:` members. */
function bare(schema: JSONSchema): JSONSchema {
  const { description: _description, deprecated: _deprecated, ...rest } = schema
  return rest
}

const byteLength = (text: string) => new TextEncoder().encode(text).length

export async function toolDeclaration(tool: DeclarableTool): Promise<string> {
  for (const limits of attempts) {
    try {
      const copy = schemaCopier(limits)
      const schema = {
        type: 'object' as const,
        properties: { input: bare(copy(tool.inputSchema)), output: bare(copy(tool.outputSchema)) },
        required: ['input', 'output'],
        additionalProperties: false,
      }
      const signature = splitSignature(compactComments(await compile(schema, ROOT, compileOptions)))
      if (!signature) continue
      const declaration = render(tool, signature)
      if (byteLength(declaration) <= MAX_DECLARATION_BYTES) return declaration
    } catch {
      // The next, smaller attempt may avoid what the generator tripped over; the last resort is below.
    }
  }
  return render(tool, { input: 'unknown', output: 'unknown', declarations: '' })
}
