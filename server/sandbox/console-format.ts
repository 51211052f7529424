// How console arguments become one log line inside the sandbox, as a console would show them:
// strings raw, other values as compact JSON with what JSON cannot say spelled out (undefined,
// functions, tool proxies, BigInt, symbols, errors, cycles, Map and Set). Compiled by the
// prelude the first time a non-string is logged; takes the prelude's tool proxy paths.
export const FORMAT_SOURCE = String.raw`(function (toolPaths) {
  'use strict'
  const stringify = JSON.stringify, NativeError = Error, NativeMap = Map, NativeSet = Set
  const fromEntries = Object.fromEntries, arrayFrom = Array.from
  const functionText = (fn) => {
    const path = toolPaths.get(fn)
    if (path !== undefined) return path ? '[tool ' + path + ']' : '[tools]'
    return fn.name ? '[Function: ' + fn.name + ']' : '[Function (anonymous)]'
  }
  const errorText = (error) => {
    const stack = typeof error.stack === 'string' ? error.stack.trimEnd() : ''
    return error.name + ': ' + error.message + (stack ? '\n' + stack : '')
  }
  const inspect = (value) => {
    switch (typeof value) {
      case 'string': return value
      case 'function': return functionText(value)
      case 'bigint': return value + 'n'
      case 'symbol': return value.toString()
      case 'object': break
      default: return String(value)
    }
    if (value === null) return 'null'
    if (value instanceof NativeError) return errorText(value)
    const ancestors = []
    return stringify(value, function (key, item) {
      switch (typeof item) {
        case 'bigint': return item + 'n'
        case 'function': return functionText(item)
        case 'symbol': return item.toString()
        case 'object': break
        default: return item
      }
      if (item === null) return item
      // JSON.stringify walks depth first with the parent as this: keep only the current chain.
      while (ancestors.length > 0 && ancestors[ancestors.length - 1] !== this) ancestors.pop()
      if (ancestors.includes(item)) return '[Circular]'
      if (item instanceof NativeError) return item.name + ': ' + item.message
      const shown = item instanceof NativeMap ? fromEntries(item) : item instanceof NativeSet ? arrayFrom(item) : item
      ancestors.push(shown)
      return shown
    })
  }
  const show = (value) => {
    try {
      return inspect(value)
    } catch {
      return '[unprintable]'
    }
  }
  return (values) => values.map(show).join(' ')
})`
