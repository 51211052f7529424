// The document-level facts a connection needs: where to send requests and how credentials go.
import type { OAuthFlows, SecurityScheme } from './operation'

type Obj = Record<string, unknown>

const isObject = (value: unknown): value is Obj => value !== null && typeof value === 'object' && !Array.isArray(value)

/** Server URLs with `{variables}` replaced by their defaults; relative ones resolved against baseUrl if given. */
export function serverUrls(servers: unknown, baseUrl: string | undefined, warnings: string[], where = 'the document'): string[] {
  if (!Array.isArray(servers)) return []
  return servers.filter(isObject).flatMap((server) => {
    if (typeof server.url !== 'string') {
      warnings.push(`a server in ${where} has no url; skipped`)
      return []
    }
    const variables = isObject(server.variables) ? server.variables : {}
    const url = server.url.replace(/\{([^}]+)\}/g, (whole, name: string) => {
      const variable = variables[name]
      if (isObject(variable) && variable.default !== undefined) return String(variable.default)
      warnings.push(`server variable {${name}} in ${server.url} has no default; left in place`)
      return whole
    })
    if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return [url]
    if (baseUrl) {
      try {
        return [new URL(url, baseUrl).toString().replace(/\/$/, '')]
      } catch {
        warnings.push(`server URL ${url} could not be resolved against ${baseUrl}; kept relative`)
        return [url]
      }
    }
    warnings.push(`server URL ${url} in ${where} is relative: kept relative, to be resolved against the description's own URL`)
    return [url]
  })
}

function mapScheme(name: string, scheme: Obj, warnings: string[]): SecurityScheme {
  const description = typeof scheme.description === 'string' ? { description: scheme.description } : {}
  if (scheme.type === 'apiKey' && typeof scheme.name === 'string' && ['header', 'query', 'cookie'].includes(scheme.in as string)) {
    return { type: 'apiKey', in: scheme.in as 'header' | 'query' | 'cookie', name: scheme.name, ...description }
  }
  if (scheme.type === 'http') {
    const httpScheme = String(scheme.scheme ?? '').toLowerCase()
    if (httpScheme === 'bearer' || httpScheme === 'basic') {
      const format = typeof scheme.bearerFormat === 'string' ? { bearerFormat: scheme.bearerFormat } : {}
      return { type: 'http', scheme: httpScheme, ...format, ...description }
    }
    warnings.push(`security scheme ${name}: HTTP scheme "${httpScheme}" is not supported; recorded as "other"`)
    return { type: 'other', ...description }
  }
  if (scheme.type === 'oauth2') {
    const flows = oauthFlows(scheme.flows)
    return { type: 'oauth2', ...description, ...(flows ? { flows } : {}) }
  }
  if (scheme.type === 'openIdConnect') {
    const url = typeof scheme.openIdConnectUrl === 'string' ? { openIdConnectUrl: scheme.openIdConnectUrl } : {}
    return { type: 'openIdConnect', ...description, ...url }
  }
  if (scheme.type === 'mutualTLS') {
    return { type: scheme.type, ...description }
  }
  warnings.push(`security scheme ${name} (type ${String(scheme.type)}) is not understood; recorded as "other"`)
  return { type: 'other', ...description }
}

/** The authorization code and client credentials flows (implicit and password are not offered: OAuth 2.1 drops them). */
function oauthFlows(flows: unknown): OAuthFlows | undefined {
  if (!isObject(flows)) return undefined
  const result: OAuthFlows = {}
  for (const name of ['authorizationCode', 'clientCredentials'] as const) {
    const flow = flows[name]
    if (!isObject(flow)) continue
    const scopes = isObject(flow.scopes)
      ? Object.fromEntries(Object.entries(flow.scopes).map(([scope, text]) => [scope, typeof text === 'string' ? text : '']))
      : {}
    const url = (key: string) => (typeof flow[key] === 'string' ? { [key]: flow[key] as string } : {})
    result[name] = { ...url('authorizationUrl'), ...url('tokenUrl'), ...url('refreshUrl'), scopes }
  }
  return Object.keys(result).length > 0 ? result : undefined
}

export function securitySchemes(components: unknown, warnings: string[]): Record<string, SecurityScheme> {
  const schemes = isObject(components) && isObject(components.securitySchemes) ? components.securitySchemes : {}
  const result: Record<string, SecurityScheme> = {}
  for (const [name, scheme] of Object.entries(schemes)) {
    if (isObject(scheme)) result[name] = mapScheme(name, scheme, warnings)
  }
  return result
}

/** Scheme names from a security requirement list (any one suffices); `where` names it in warnings. */
export function securityNames(requirements: unknown, warnings: string[], where: string): string[] {
  if (!Array.isArray(requirements)) return []
  const names: string[] = []
  for (const requirement of requirements.filter(isObject)) {
    const keys = Object.keys(requirement)
    if (keys.length > 1) {
      warnings.push(`${where}: a security requirement needs ${keys.join(' and ')} together; each is recorded as enough on its own`)
    }
    for (const key of keys) if (!names.includes(key)) names.push(key)
  }
  return names
}
