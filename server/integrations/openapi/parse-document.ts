// Text to an OpenAPI 3.1 object: JSON or YAML, Swagger 2.0 and OpenAPI 3.0 upgraded on the way,
// so everything after this step reads one dialect (`nullable` already turned into type arrays).
import { upgrade } from '@scalar/openapi-upgrader'
import { parse as parseYaml } from 'yaml'
import { AppError } from '~/server/http/app-error'

export type OpenApiObject = { [key: string]: unknown }

/** JSON or YAML text to a value; throws a BAD_REQUEST AppError naming what is wrong. */
export function parseText(text: string): unknown {
  const trimmed = text.trimStart()
  if (trimmed === '') throw new AppError('BAD_REQUEST', 'The OpenAPI description is empty')
  if (trimmed.startsWith('{')) {
    try {
      return JSON.parse(trimmed)
    } catch (error) {
      throw new AppError('BAD_REQUEST', `The OpenAPI description is not valid JSON: ${(error as Error).message}`)
    }
  }
  try {
    // yaml's default alias cap (maxAliasCount 100) keeps an alias bomb from expanding without bound.
    return parseYaml(text)
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0]
    throw new AppError('BAD_REQUEST', `The OpenAPI description is neither valid JSON nor valid YAML: ${reason}`)
  }
}

/**
 * Parses the text and returns an OpenAPI 3.1 document, upgrading 2.0 and 3.0 descriptions.
 * `found.version` gets the version the text declared (`2.0`, `3.0.4`…), before any upgrade.
 */
export function parseDocument(text: string, warnings: string[], found: { version?: string } = {}): OpenApiObject {
  const value = parseText(text)
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new AppError('BAD_REQUEST', 'The OpenAPI description must be a JSON or YAML object')
  }
  const doc = value as OpenApiObject
  const version = String(doc.openapi ?? doc.swagger ?? '')
  if (!/^(2\.0|3\.[0-2])(\.\d+)?(-[\w.]+)?$/.test(version)) {
    const what = version === '' ? 'no `openapi` or `swagger` version field' : `version ${version}`
    throw new AppError('BAD_REQUEST', `Not an OpenAPI 2.0, 3.0 or 3.1 description (${what})`)
  }
  found.version = version
  if (doc.paths !== undefined && (doc.paths === null || typeof doc.paths !== 'object')) {
    throw new AppError('BAD_REQUEST', 'The OpenAPI description has a `paths` field that is not an object')
  }
  if (version.startsWith('3.2')) {
    warnings.push(`OpenAPI ${version} is read as 3.1: features new in 3.2 are ignored`)
    return doc
  }
  if (version.startsWith('3.1')) return doc
  try {
    return upgrade(doc, '3.1') as unknown as OpenApiObject
  } catch (error) {
    throw new AppError('BAD_REQUEST', `Could not convert the OpenAPI ${version} description to 3.1: ${(error as Error).message}`)
  }
}
