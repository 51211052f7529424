// The OpenAPI specification's style/explode examples (Parameter Object, "Style Examples"), with
// color = null ("empty"), "blue", ["blue","black","brown"] and { R: 100, G: 200, B: 150 }.
import { describe, expect, test } from 'vitest'
import type { OperationParameter } from './operation'
import {
  serializeCookieParameter,
  serializeHeaderParameter,
  serializePathParameter,
  serializeQueryParameter,
} from './serialize-parameter'

const empty = null
const string = 'blue'
const array = ['blue', 'black', 'brown']
const object = { R: 100, G: 200, B: 150 }

function param(
  location: OperationParameter['in'],
  style: OperationParameter['style'],
  explode: boolean,
  extra: Partial<OperationParameter> = {},
): OperationParameter {
  return { name: 'color', in: location, required: false, style, explode, ...extra }
}

// [style, explode, empty, string, array, object]; the spec's `n/a` cells are left out (undefined)
const pathTable: [OperationParameter['style'], boolean, string, string, string, string][] = [
  ['matrix', false, ';color', ';color=blue', ';color=blue,black,brown', ';color=R,100,G,200,B,150'],
  ['matrix', true, ';color', ';color=blue', ';color=blue;color=black;color=brown', ';R=100;G=200;B=150'],
  ['label', false, '.', '.blue', '.blue,black,brown', '.R,100,G,200,B,150'],
  ['label', true, '.', '.blue', '.blue.black.brown', '.R=100.G=200.B=150'],
  ['simple', false, '', 'blue', 'blue,black,brown', 'R,100,G,200,B,150'],
  ['simple', true, '', 'blue', 'blue,black,brown', 'R=100,G=200,B=150'],
]

describe.each(pathTable)('path style %s, explode %s', (style, explode, e, s, a, o) => {
  const parameter = param('path', style, explode)
  test('empty, string, array, object', () => {
    expect(serializePathParameter(parameter, empty)).toBe(e)
    expect(serializePathParameter(parameter, string)).toBe(s)
    expect(serializePathParameter(parameter, array)).toBe(a)
    expect(serializePathParameter(parameter, object)).toBe(o)
  })
})

const queryTable: [
  OperationParameter['style'],
  boolean,
  string | undefined,
  string | undefined,
  string,
  string | undefined,
][] = [
  ['form', false, 'color=', 'color=blue', 'color=blue,black,brown', 'color=R,100,G,200,B,150'],
  ['form', true, 'color=', 'color=blue', 'color=blue&color=black&color=brown', 'R=100&G=200&B=150'],
  ['spaceDelimited', false, undefined, undefined, 'color=blue%20black%20brown', 'color=R%20100%20G%20200%20B%20150'],
  ['pipeDelimited', false, undefined, undefined, 'color=blue|black|brown', 'color=R|100|G|200|B|150'],
  [
    'deepObject',
    true,
    undefined,
    undefined,
    'color=blue&color=black&color=brown',
    'color[R]=100&color[G]=200&color[B]=150',
  ],
]

describe.each(queryTable)('query style %s, explode %s', (style, explode, e, s, a, o) => {
  const parameter = param('query', style, explode)
  const query = (value: unknown) => serializeQueryParameter(parameter, value).join('&')
  test('empty, string, array, object', () => {
    if (e !== undefined) expect(query(empty)).toBe(e)
    if (s !== undefined) expect(query(string)).toBe(s)
    expect(query(array)).toBe(a)
    if (o !== undefined) expect(query(object)).toBe(o)
  })
})

describe('defaults', () => {
  test('query defaults to form, exploded; path and header to simple, not exploded', () => {
    const query: OperationParameter = { name: 'color', in: 'query', required: false }
    expect(serializeQueryParameter(query, array)).toEqual(['color=blue', 'color=black', 'color=brown'])
    expect(serializePathParameter({ name: 'color', in: 'path', required: true }, object)).toBe('R,100,G,200,B,150')
    expect(serializeHeaderParameter({ name: 'X-Color', in: 'header', required: false }, object)).toBe(
      'R,100,G,200,B,150',
    )
  })
  test('explode false on form lists the values once', () => {
    expect(serializeQueryParameter({ name: 'id', in: 'query', required: false, explode: false }, [1, 2])).toEqual([
      'id=1,2',
    ])
  })
})

describe('encoding', () => {
  test('values are percent-encoded and delimiters are not', () => {
    expect(serializePathParameter(param('path', 'simple', false), ['a,b', 'c/d', 'e f'])).toBe('a%2Cb,c%2Fd,e%20f')
    expect(serializeQueryParameter(param('query', 'form', true), 'a&b=c#d+e')).toEqual(['color=a%26b%3Dc%23d%2Be'])
    expect(serializeQueryParameter({ name: 'q u', in: 'query', required: false }, 'ü')).toEqual(['q%20u=%C3%BC'])
  })
  test('allowReserved keeps reserved characters and %XX triples, but not those that split a query', () => {
    const parameter = param('query', 'form', true, { allowReserved: true })
    expect(serializeQueryParameter(parameter, '/a/b:c?d=e,f;g@h!%20i')).toEqual(['color=/a/b:c?d=e,f;g@h!%20i'])
    expect(serializeQueryParameter(parameter, 'a&b#c+d e[f]')).toEqual(['color=a%26b%23c%2Bd%20e%5Bf%5D'])
  })
  test('deepObject nests objects and arrays with brackets and encodes keys', () => {
    const parameter = param('query', 'deepObject', true, { name: 'filter' })
    expect(serializeQueryParameter(parameter, { 'a b': { c: 1 }, tags: ['x', 'y'] })).toEqual([
      'filter[a%20b][c]=1',
      'filter[tags][]=x',
      'filter[tags][]=y',
    ])
  })
  test('an empty array or object leaves a query parameter out; nested values go as JSON', () => {
    expect(serializeQueryParameter(param('query', 'form', true), [])).toEqual([])
    expect(serializeQueryParameter(param('query', 'form', true), {})).toEqual([])
    expect(serializeQueryParameter(param('query', 'form', false), [{ a: 1 }])).toEqual(['color=%7B%22a%22%3A1%7D'])
  })
  test('booleans and numbers are written as JSON would', () => {
    expect(serializeQueryParameter(param('query', 'form', true), true)).toEqual(['color=true'])
    expect(serializePathParameter(param('path', 'simple', false), 1.5)).toBe('1.5')
  })
})

describe('headers and cookies', () => {
  test('header values are simple style, unencoded', () => {
    expect(serializeHeaderParameter(param('header', 'simple', false), array)).toBe('blue,black,brown')
    expect(serializeHeaderParameter(param('header', 'simple', true), object)).toBe('R=100,G=200,B=150')
    expect(serializeHeaderParameter(param('header', undefined, false), 'a b/c')).toBe('a b/c')
  })
  test('a header value with a line break is refused with a clear message', () => {
    expect(() => serializeHeaderParameter(param('header', 'simple', false), 'a\r\nX-Injected: 1')).toThrow(
      /Header parameter color may hold printable ASCII only/,
    )
  })
  test('cookies are form style: exploded arrays repeat the name, values are encoded', () => {
    expect(serializeCookieParameter(param('cookie', 'form', true), ['a b', 'c;d'])).toEqual([
      'color=a%20b',
      'color=c%3Bd',
    ])
    expect(serializeCookieParameter(param('cookie', 'form', false), array)).toEqual(['color=blue,black,brown'])
    expect(serializeCookieParameter({ name: 'session', in: 'cookie', required: false }, 'x')).toEqual(['session=x'])
  })
})
