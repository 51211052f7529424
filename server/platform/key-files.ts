// Bun/Node KeyFileStore (server/config/secrets.ts): one file per key in the data dir, mode 0600.
// A key is never regenerated over an existing file: whatever was encrypted with it would become
// unreadable, so a damaged file stops boot instead.
import { randomBytes } from 'node:crypto'
import { link, mkdir, open, readFile, unlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ConfigError, configIssue } from '../config/config-error'
import type { KeyFileStore } from '../config/secrets'

const KEY_PATTERN = /^[0-9a-f]{64}$/i
const FILE_NAME_PATTERN = /^[a-z0-9][a-z0-9.-]*$/i

export function createKeyFileStore(dataDir: string): KeyFileStore {
  return {
    async readOrCreate(name) {
      if (!FILE_NAME_PATTERN.test(name)) throw new Error(`Key file name must be a plain file name, got "${name}"`)
      const path = join(dataDir, name)
      const existing = await readKey(path)
      if (existing !== undefined) return existing
      await createKey(path)
      // Read back rather than return what we wrote: a concurrent starter may have won the race.
      const created = await readKey(path)
      if (created === undefined) throw new Error(`Key file ${path} vanished right after it was created`)
      return created
    },
  }
}

/** Creates the dir (mode 0700) if needed and proves a file can be written in it. */
export async function ensureDataDir(dataDir: string): Promise<void> {
  const probe = join(dataDir, `.write-probe-${process.pid}-${randomBytes(6).toString('hex')}`)
  try {
    await mkdir(dataDir, { recursive: true, mode: 0o700 })
    await writeFile(probe, '', { flag: 'wx', mode: 0o600 })
    await unlink(probe)
  } catch (error) {
    throw new ConfigError([
      configIssue(
        'EXECUTOR_DATA_DIR',
        `(${dataDir}) is not a writable directory (${errorCode(error)}); point it at a directory the Executor process can create files in, such as a mounted volume`,
      ),
    ])
  }
}

async function readKey(path: string): Promise<string | undefined> {
  let contents: string
  try {
    contents = await readFile(path, 'utf8')
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined
    throw new ConfigError([
      configIssue(
        'EXECUTOR_DATA_DIR',
        `holds key file ${path}, which cannot be read (${errorCode(error)}); give the Executor process read access to it`,
      ),
    ])
  }
  const key = contents.trim()
  if (!KEY_PATTERN.test(key)) {
    throw new ConfigError([
      configIssue(
        'EXECUTOR_DATA_DIR',
        `holds key file ${path}, which is empty or not 64 hex characters; restore it from a backup of the data dir (deleting it makes a new key, and data encrypted with the old one becomes unreadable)`,
      ),
    ])
  }
  return key
}

// The key is written and synced under a temporary name, then linked into place: link fails if
// the name exists, so of two processes starting at once exactly one key wins, and no reader
// ever sees a half-written file.
async function createKey(path: string): Promise<void> {
  const key = randomBytes(32).toString('hex')
  const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`
  const handle = await open(temp, 'wx', 0o600)
  try {
    await handle.writeFile(key)
    await handle.sync()
  } finally {
    await handle.close()
  }
  try {
    await link(temp, path)
  } catch (error) {
    const code = errorCode(error)
    if (code === 'EEXIST') return
    // Some mounts (certain network and Docker Desktop volumes) refuse hard links; an exclusive
    // create still lets only one key win, at the cost of a brief window with a partial file.
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS') {
      await writeFile(path, key, { flag: 'wx', mode: 0o600 }).catch((fallbackError: unknown) => {
        if (errorCode(fallbackError) !== 'EEXIST') throw fallbackError
      })
      return
    }
    throw error
  } finally {
    await unlink(temp)
  }
}

function errorCode(error: unknown): string {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : 'unknown error'
}
