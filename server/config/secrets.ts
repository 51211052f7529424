// Container key material: an operator-set variable wins; otherwise a key generated once
// into the data dir, so restarts keep sessions valid and stored credentials decryptable.
import type { ContainerConfig } from './container'

/** Where generated keys live: server/platform/key-files.ts on disk, memory-key-files.ts in tests. */
export interface KeyFileStore {
  /** Returns the key stored as `name` (trimmed), first creating it from 32 random bytes as 64 hex chars if missing. */
  readOrCreate(name: string): Promise<string>
}

export const AUTH_SECRET_FILE = 'auth-secret.key'
export const SECRET_KEY_FILE = 'secret.key'

export type KeyMaterial = {
  authSecret: string
  secretKey: string
  /** Key files the values came from (read or just created), for boot to log; empty when env set both. */
  generated: string[]
}

export async function resolveKeyMaterial(
  config: Pick<ContainerConfig, 'betterAuthSecret' | 'secretKey'>,
  store: KeyFileStore,
): Promise<KeyMaterial> {
  const generated: string[] = []
  const fromFile = (name: string) => {
    generated.push(name)
    return store.readOrCreate(name)
  }
  const authSecret = config.betterAuthSecret ?? (await fromFile(AUTH_SECRET_FILE))
  const secretKey = config.secretKey ?? (await fromFile(SECRET_KEY_FILE))
  return { authSecret, secretKey, generated }
}
