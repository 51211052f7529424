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
import { FORMAT_SOURCE } from './console-format'
import { LOG_LEVELS } from './outcome'

export const PRELUDE_SOURCE = String.raw`(function (hostCall, hostLog) {
  'use strict'
  const { stringify, parse } = JSON, NativePromise = Promise, NativeError = Error, globalEval = eval
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
