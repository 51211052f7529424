// The request body, encoded by the media type the agent picked among those the operation offers.
//
// Files: wherever a body (or a multipart field) holds `{ "$base64": "...", "contentType"?: "...",
// "filename"?: "..." }`, those bytes are sent, not that object: as a file part in multipart (named
// `filename`, else the field's name), or as the whole body for any other media type. The
// response reader returns binary bodies in the same shape, so a downloaded file can be uploaded
// as it came.
//
// application/x-www-form-urlencoded: a top-level array repeats its key (`tag=a&tag=b`, form with
// explode, the specification's default); deeper objects and arrays use brackets with indexes
// (`metadata[plan]=pro`, `items[0][price]=7`), as Stripe and qs expect.
import { AppError } from '../../http/app-error'
import type { OperationBody } from './operation'

export type FileValue = { $base64: string; contentType?: string; filename?: string }

export type EncodedBody = {
  body: BodyInit
  /** absent for multipart: fetch writes the header with its boundary */
  contentType?: string
}

/** The media type without parameters, lower-case. */
export function essence(mediaType: string): string {
  return (mediaType.split(';', 1)[0] ?? '').trim().toLowerCase()
}

export function isJsonMediaType(mediaType: string): boolean {
  const type = essence(mediaType)
  return type === 'application/json' || type === 'text/json' || type.endsWith('+json')
}

/** The offered media type `requested` names (exactly, or through a wildcard like `image/*`); the first when not given. */
export function pickContentType(body: OperationBody, requested: unknown): string {
  if (requested === undefined || requested === null) {
    const first = body.contentTypes[0]
    if (first === undefined)
      throw new AppError('BAD_REQUEST', 'This operation declares a request body without any media type')
    return first
  }
  const offered = body.contentTypes.join(', ')
  if (typeof requested !== 'string')
    throw new AppError('BAD_REQUEST', `contentType must be a string, one of: ${offered}`)
  const wanted = essence(requested)
  if (!/^[\w!#$&^.+-]+\/[\w!#$&^.+*-]+$/.test(wanted) || !/^[\x20-\x7e]*$/.test(requested)) {
    throw new AppError('BAD_REQUEST', `contentType must be a media type, one of: ${offered}`)
  }
  const exact = body.contentTypes.find((type) => essence(type) === wanted)
  if (exact !== undefined) return exact
  if (!wanted.includes('*') && body.contentTypes.some((type) => matchesWildcard(essence(type), wanted)))
    return requested
  throw new AppError('BAD_REQUEST', `contentType ${requested} is not offered by this operation; use one of: ${offered}`)
}

function matchesWildcard(pattern: string, type: string): boolean {
  if (pattern === '*/*') return /^[^/]+\/[^/]+$/.test(type)
  return pattern.endsWith('/*') && type.startsWith(pattern.slice(0, -1))
}

export function encodeBody(value: unknown, contentType: string): EncodedBody {
  const type = essence(contentType)
  if (isFileValue(value)) {
    const bytes = decodeBase64(value.$base64, 'body')
    const sentType = type.includes('*') ? (value.contentType ?? 'application/octet-stream') : contentType
    return { body: bytes, contentType: sentType }
  }
  if (isJsonMediaType(type)) return { body: JSON.stringify(value) ?? 'null', contentType }
  if (type === 'application/x-www-form-urlencoded') {
    if (typeof value === 'string') return { body: value, contentType }
    return { body: formUrlEncoded(requireObject(value, contentType)).toString(), contentType }
  }
  if (type === 'multipart/form-data' || type === 'multipart/mixed') {
    return { body: multipart(requireObject(value, contentType)) }
  }
  if (typeof value === 'string') return { body: value, contentType: type.includes('*') ? 'text/plain' : contentType }
  if (type.startsWith('text/')) return { body: JSON.stringify(value) ?? '', contentType }
  throw new AppError(
    'BAD_REQUEST',
    `A ${type} body must be a string or a file ({ "$base64": "...", "contentType": "..." })`,
  )
}

export function isFileValue(value: unknown): value is FileValue {
  return value !== null && typeof value === 'object' && typeof (value as { $base64?: unknown }).$base64 === 'string'
}

function requireObject(value: unknown, contentType: string): Record<string, unknown> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>
  throw new AppError('BAD_REQUEST', `A ${essence(contentType)} body must be an object of fields`)
}

function formUrlEncoded(fields: Record<string, unknown>): URLSearchParams {
  const params = new URLSearchParams()
  const add = (name: string, value: unknown, nested: boolean) => {
    if (value === undefined) return
    if (Array.isArray(value)) {
      const scalars = value.every((item) => item === null || typeof item !== 'object')
      value.forEach((item, index) => add(nested || !scalars ? `${name}[${index}]` : name, item, true))
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) add(`${name}[${key}]`, item, true)
    } else {
      params.append(name, value === null ? '' : String(value))
    }
  }
  for (const [name, value] of Object.entries(fields)) add(name, value, false)
  return params
}

function multipart(fields: Record<string, unknown>): FormData {
  const form = new FormData()
  const add = (name: string, value: unknown) => {
    if (value === undefined) return
    if (isFileValue(value)) {
      const blob = new Blob([decodeBase64(value.$base64, name)], {
        type: value.contentType ?? 'application/octet-stream',
      })
      form.append(name, blob, value.filename ?? name)
    } else if (typeof value === 'string') {
      form.append(name, value)
    } else if (value !== null && typeof value === 'object') {
      // The specification's default for an object field is application/json; plain text parts
      // carry it as well as a typed one and are what frameworks read into fields.
      form.append(name, JSON.stringify(value))
    } else {
      form.append(name, value === null ? '' : String(value))
    }
  }
  for (const [name, value] of Object.entries(fields)) {
    if (Array.isArray(value)) for (const item of value) add(name, item)
    else add(name, value)
  }
  return form
}

/** Standard or URL-safe base64, padding and whitespace optional. */
export function decodeBase64(text: string, field: string): Uint8Array<ArrayBuffer> {
  const normalized = text.replace(/\s+/g, '').replace(/-/g, '+').replace(/_/g, '/')
  let binary: string
  try {
    binary = atob(normalized.padEnd(Math.ceil(normalized.length / 4) * 4, '='))
  } catch {
    throw new AppError('BAD_REQUEST', `${field}: $base64 is not valid base64`)
  }
  const bytes = new Uint8Array(binary.length)
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index)
  return bytes
}
