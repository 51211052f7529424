// Boot's part of key rotation, the same on both targets: before serving, every stored secret is
// moved under the current key. A value boot cannot open with the configured keys stops it with a
// ConfigError naming the variable to fix (the container exits 1, the Worker answers 503): serving
// on would only fail later, one request at a time, with credentials nobody can read.
import type { Database } from '~/db/database'
import { recordAudit, SYSTEM_ACTOR } from '../audit/audit-log'
import { ConfigError, configIssue } from '../config/config-error'
import type { Logger } from '../observability/logger'
import { rotateStoredSecrets } from './rotate-stored-secrets'
import { createSecretBox } from './secret-box'
import { SecretError } from './secret-error'

const CURRENT = 'EXECUTOR_SECRET_KEY'
const PREVIOUS = 'EXECUTOR_SECRET_KEY_PREVIOUS'

/** The master keys: `current` is EXECUTOR_SECRET_KEY (or the container's key file), `previous` EXECUTOR_SECRET_KEY_PREVIOUS. */
export type MasterKeys = { current: string; previous?: string }

/** Re-seals what is under the previous key and logs how many moved; returns that count. */
export async function rotateSecretsAtBoot(db: Database, keys: MasterKeys, log: Logger): Promise<number> {
  const current = await createSecretBox(keys.current)
  const previous = keys.previous === undefined ? undefined : await createSecretBox(keys.previous)
  // Config compares the two variables; this also catches a previous key equal to the key file.
  if (previous?.keyId === current.keyId) {
    throw new ConfigError([configIssue(PREVIOUS, `is the same key as the current key ${current.keyId}; unset it`)])
  }
  let count: number
  try {
    count = await rotateStoredSecrets(db, { current, previous })
  } catch (error) {
    if (error instanceof SecretError && error.code === 'UNKNOWN_KEY') {
      throw new ConfigError([unknownKeyIssue(error.sealedWith ?? 'unknown', current.keyId, previous?.keyId)])
    }
    throw error
  }
  if (count > 0) {
    log.info('secrets re-encrypted under the current key', { count, keyId: current.keyId })
    // Key ids are fingerprints, not keys, so they may be recorded.
    await recordAudit(db, SYSTEM_ACTOR, {
      action: 'secrets.rotated',
      target: { type: 'secrets', id: current.keyId, label: current.keyId },
      details: { count, keyId: current.keyId, previousKeyId: previous?.keyId ?? null },
    })
  }
  return count
}

// Key ids are fingerprints, not keys: they tell the operator which key a value needs.
function unknownKeyIssue(sealedWith: string, currentId: string, previousId: string | undefined) {
  const fix =
    `set ${PREVIOUS} to the key they were sealed with (or put that key back in ${CURRENT}), ` +
    'so boot can re-encrypt them under the current key'
  const problem =
    previousId === undefined
      ? `is unset, but stored secrets were sealed with key ${sealedWith}, not the current key ${currentId}`
      : `(key ${previousId}) cannot open stored secrets sealed with key ${sealedWith}, and neither can the current key ${currentId}`
  return configIssue(PREVIOUS, `${problem}; ${fix}`)
}
