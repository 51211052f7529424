// OpenAPI parameter serialization (the style/explode table of the specification, which follows
// RFC 6570 URI templates): an agent's value for one parameter, as it goes into the path, the
// query string, a header or the Cookie header. Values are percent-encoded here and the style's
// own delimiters are not, so `,` inside a value never reads as a list separator.
//
// Conventions where the specification is silent: `undefined` means absent; `null` is the
// "empty" column (`color=`, `;color`, `.`); an empty array or object leaves a query or cookie
// parameter out (RFC 6570 treats both as undefined); an array or object nested inside a value
// is sent as JSON text, except with deepObject, which nests brackets (`filter[a][b]=1`,
// `filter[tags][]=x`) as qs, Rails and PHP read them.
import { AppError } from '../../http/app-error'
import type { OperationParameter, ParameterLocation } from './operation'

type Style = NonNullable<OperationParameter['style']>

/** The specification's default style per location. */
export function styleOf(parameter: Pick<OperationParameter, 'in' | 'style'>): Style {
  return parameter.style ?? DEFAULT_STYLE[parameter.in]
}

const DEFAULT_STYLE: Record<ParameterLocation, Style> = {
  path: 'simple',
  query: 'form',
  header: 'simple',
  cookie: 'form',
}

function explodeOf(parameter: Pick<OperationParameter, 'in' | 'style' | 'explode'>): boolean {
  return parameter.explode ?? styleOf(parameter) === 'form'
}

type Shape =
  | { kind: 'primitive'; text: string | null }
  | { kind: 'array'; items: string[] }
  | { kind: 'object'; entries: [string, string][] }

function shapeOf(value: unknown): Shape {
  if (Array.isArray(value)) return { kind: 'array', items: value.filter((item) => item !== undefined).map(scalarText) }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, item]) => item !== undefined)
    return { kind: 'object', entries: entries.map(([key, item]) => [key, scalarText(item)]) }
  }
  return { kind: 'primitive', text: value === null ? null : scalarText(value) }
}

function scalarText(value: unknown): string {
  if (value === null) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value)
  return JSON.stringify(value) ?? ''
}

/** Percent-encodes all but RFC 3986's unreserved characters (A-Z a-z 0-9 - . _ ~). */
export function encodeStrict(value: string): string {
  try {
    return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
  } catch {
    // encodeURIComponent refuses a lone surrogate half
    throw new AppError('BAD_REQUEST', 'A parameter value holds an unpaired surrogate and cannot be encoded in a URL')
  }
}

// allowReserved keeps RFC 3986's reserved characters and existing %XX triples as written, but not
// the ones that would end or split the query or read as a space in a form decoder (# & + [ ]).
const KEPT_WITH_ALLOW_RESERVED = /^(?:%[0-9A-Fa-f]{2}|[:/?@!$'()*,;=])$/
function encodeReserved(value: string): string {
  return value.replace(/%[0-9A-Fa-f]{2}|[^]/gu, (part) =>
    KEPT_WITH_ALLOW_RESERVED.test(part) ? part : encodeStrict(part),
  )
}

/** The path segment text for `{name}`. */
export function serializePathParameter(parameter: OperationParameter, value: unknown): string {
  const shape = shapeOf(value)
  const explode = explodeOf(parameter)
  const name = encodeStrict(parameter.name)
  const e = encodeStrict
  switch (styleOf(parameter)) {
    case 'label':
      return `.${joinShape(shape, explode ? '.' : ',', explode, e)}`
    case 'matrix': {
      if (shape.kind === 'primitive') return shape.text === null ? `;${name}` : `;${name}=${e(shape.text)}`
      if (!explode) return `;${name}=${joinShape(shape, ',', false, e)}`
      if (shape.kind === 'array') return shape.items.map((item) => `;${name}=${e(item)}`).join('')
      return shape.entries.map(([key, item]) => `;${e(key)}=${e(item)}`).join('')
    }
    default:
      return joinShape(shape, ',', explode, e)
  }
}

/** A header's value (style simple); refuses what a header cannot carry. */
export function serializeHeaderParameter(parameter: OperationParameter, value: unknown): string {
  const text = joinShape(shapeOf(value), ',', explodeOf({ ...parameter, style: 'simple' }), (part) => part)
  if (!/^[\t\x20-\x7e]*$/.test(text)) {
    throw new AppError(
      'BAD_REQUEST',
      `Header parameter ${parameter.name} may hold printable ASCII only (no line breaks or other characters)`,
    )
  }
  return text.trim()
}

/** `name=value` pairs for the query string, encoded. */
export function serializeQueryParameter(parameter: OperationParameter, value: unknown): string[] {
  const shape = shapeOf(value)
  const e = parameter.allowReserved ? encodeReserved : encodeStrict
  const name = encodeStrict(parameter.name)
  const style = styleOf(parameter)
  const explode = explodeOf(parameter)
  if (shape.kind === 'primitive') return [`${name}=${e(shape.text ?? '')}`]
  if (isEmpty(shape)) return []
  if (style === 'deepObject' && shape.kind === 'object') return deepObjectPairs(parameter.name, value as object, e)
  if (explode) return formExploded(name, shape, e)
  const delimiter = style === 'spaceDelimited' ? '%20' : style === 'pipeDelimited' ? '|' : ','
  return [`${name}=${joinShape(shape, delimiter, false, e)}`]
}

/** `name=value` pairs for the Cookie header, encoded. */
export function serializeCookieParameter(parameter: OperationParameter, value: unknown): string[] {
  const shape = shapeOf(value)
  const name = encodeStrict(parameter.name)
  if (shape.kind === 'primitive') return [`${name}=${encodeStrict(shape.text ?? '')}`]
  if (isEmpty(shape)) return []
  if (explodeOf({ ...parameter, style: 'form' })) return formExploded(name, shape, encodeStrict)
  return [`${name}=${joinShape(shape, ',', false, encodeStrict)}`]
}

function isEmpty(shape: Shape): boolean {
  return (shape.kind === 'array' && shape.items.length === 0) || (shape.kind === 'object' && shape.entries.length === 0)
}

function formExploded(
  name: string,
  shape: Exclude<Shape, { kind: 'primitive' }>,
  e: (part: string) => string,
): string[] {
  if (shape.kind === 'array') return shape.items.map((item) => `${name}=${e(item)}`)
  return shape.entries.map(([key, item]) => `${encodeStrict(key)}=${e(item)}`)
}

/**
 * simple and label lists: `a,b,c`; objects `k,v,k,v` (or `k=v` pairs when exploded). Label and
 * simple differ only in the prefix and, exploded, the separator.
 */
function joinShape(shape: Shape, separator: string, explode: boolean, e: (part: string) => string): string {
  if (shape.kind === 'primitive') return e(shape.text ?? '')
  if (shape.kind === 'array') return shape.items.map(e).join(separator)
  if (explode) return shape.entries.map(([key, item]) => `${e(key)}=${e(item)}`).join(separator)
  return shape.entries.flatMap(([key, item]) => [e(key), e(item)]).join(separator)
}

// Brackets stay as written, as in the specification's example `color[R]=100`.
function deepObjectPairs(prefix: string, value: unknown, e: (part: string) => string): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => deepObjectPairs(`${prefix}[]`, item, e))
  if (value !== null && typeof value === 'object') {
    return Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .flatMap(([key, item]) => deepObjectPairs(`${prefix}[${key}]`, item, e))
  }
  return [`${encodeBracketed(prefix)}=${e(scalarText(value))}`]
}

function encodeBracketed(name: string): string {
  return name.replace(/[^[\]]+/g, encodeStrict)
}
