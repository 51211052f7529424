declare module 'cloudflare:workers' {
  import type { DurableObjectState } from '@cloudflare/workers-types'
  export const env: Record<string, unknown>
  export abstract class DurableObject<Env = unknown> {
    protected ctx: DurableObjectState
    protected env: Env
    constructor(ctx: DurableObjectState, env: Env)
  }
}
