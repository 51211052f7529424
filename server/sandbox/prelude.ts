// The only code run in every execution's context before the agent's. It is a function
// of the host's functions, so nothing of the host is ever a global: it installs `console` and
// `tools` and returns what the host needs to read the outcome, capturing the built-ins it
// relies on before agent code can replace them.
//
// QuickJS cannot share compiled code between runtimes and compiles about 10 KB/ms, so this is
// parsed once per execution and kept short; formatting anything but strings for the console
// (FORMAT_SOURCE) is compiled only when first needed.
//
// hostCall(pathJson, argsJson?) returns a promise of the result's JSON text (undefined for no
// value), rejected with a ToolError; hostLog(levelIndex, text) records one console line.
//
// Determinism: everything a program can observe besides its code and its tool results is derived
// from records, so running it again with the same results takes the same path (how a paused
// execution resumes). Math.random is a PRNG seeded per execution (sfc32: small, fast, good
// enough for sampling; never for secrets, which the sandbox has none of). The clock
// (Date.now(), new Date(), Date()) reads hostNow(): the execution's start, moved forward only when
// a tool result arrives, so time stands still while code computes (as on Cloudflare Workers).
import { FORMAT_SOURCE } from './console-format'
import { LOG_LEVELS } from './outcome'

export const PRELUDE_SOURCE = String.raw`(function (hostCall, hostLog, hostNow, seed) {
  'use strict'
  const { stringify, parse } = JSON, NativePromise = Promise, NativeError = Error, globalEval = eval
  const NativeDate = Date, construct = Reflect.construct
  let a = seed | 0, b = 0x9e3779b9 | 0, c = 0x243f6a88 | 0, d = 1
  const random = () => {
    const t = (((a + b) | 0) + d) | 0
    d = (d + 1) | 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) | 0
    c = (c << 21) | (c >>> 11)
    c = (c + t) | 0
    return (t >>> 0) / 4294967296
  }
  for (let i = 0; i < 15; i++) random()
  Object.defineProperty(Math, 'random', { value: random, writable: true, configurable: true })
  const VirtualDate = function Date(...args) {
    if (new.target === undefined) return new NativeDate(hostNow()).toString()
    return construct(NativeDate, args.length === 0 ? [hostNow()] : args, new.target)
  }
  VirtualDate.prototype = NativeDate.prototype
  VirtualDate.now = () => hostNow()
  VirtualDate.parse = NativeDate.parse
  VirtualDate.UTC = NativeDate.UTC
  Object.defineProperty(NativeDate.prototype, 'constructor', { value: VirtualDate, writable: true, configurable: true })
  Object.defineProperty(globalThis, 'Date', { value: VirtualDate, writable: true, configurable: true })
  const toolPaths = new WeakMap()
  // 'then' keeps await tools.x inert; the others keep JSON.stringify and String() from
  // calling a tool while probing the proxy.
  const reserved = ['then', 'toJSON', 'toString', 'valueOf', 'constructor']
  const decode = (json) => (json === undefined ? undefined : parse(json))
  const tool = (path) => {
    const proxy = new Proxy(() => {}, {
      get: (target, key) => (typeof key === 'string' && !reserved.includes(key) ? tool(path.concat(key)) : undefined),
      apply: (target, self, args) => {
        try {
          if (path.length === 0) throw new TypeError('tools is not a function: call tools.<namespace>.<tool>(args)')
          return hostCall(stringify(path), args[0] === undefined ? undefined : stringify(args[0])).then(decode)
        } catch (error) {
          return NativePromise.reject(error)
        }
      },
    })
    toolPaths.set(proxy, path.join('.'))
    return proxy
  }
  let format
  const show = (values) => {
    for (let i = 0; i < values.length; i++) {
      if (typeof values[i] !== 'string') return (format ??= globalEval(${JSON.stringify(FORMAT_SOURCE)})(toolPaths))(values)
    }
    return values.join(' ')
  }
  const console = {}
  ;${JSON.stringify(LOG_LEVELS)}.forEach((level, index) => {
    console[level] = (...values) => hostLog(index, show(values))
  })
  Object.defineProperty(globalThis, 'console', { value: console, writable: true, configurable: true })
  Object.defineProperty(globalThis, 'tools', { value: tool([]), writable: true, configurable: true })
  const serialize = (value) => {
    if (value === undefined) return undefined
    const json = stringify(value)
    if (json === undefined) throw new TypeError('a ' + typeof value + ' has no JSON form')
    return json
  }
  // [name, message, stack] for an Error, [null, text] for any other thrown value.
  const describe = (thrown) => {
    try {
      if (thrown instanceof NativeError) {
        return stringify([String(thrown.name), String(thrown.message), typeof thrown.stack === 'string' ? thrown.stack : ''])
      }
    } catch {}
    return stringify([null, typeof thrown === 'string' ? stringify(thrown) : show([thrown])])
  }
  return [serialize, describe]
})`
