import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, test, vi } from 'vitest'
import { ConfigError } from '../config/config-error'
import { resolveKeyMaterial } from '../config/secrets'
import { createKeyFileStore, ensureDataDir } from './key-files'

// Lets one test simulate a filesystem without hard links; every other test uses the real link.
const linkControl = vi.hoisted(() => {
  const control: { failWith: string | undefined; calls: number } = { failWith: undefined, calls: 0 }
  return control
})
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>()
  return {
    ...actual,
    link: async (from: string, to: string) => {
      linkControl.calls++
      if (linkControl.failWith === undefined) return actual.link(from, to)
      throw Object.assign(new Error('link refused'), { code: linkControl.failWith })
    },
  }
})

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'executor-keys-'))
  linkControl.failWith = undefined
  linkControl.calls = 0
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function caught(promise: Promise<unknown>): Promise<ConfigError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  )
  if (!(error instanceof ConfigError)) throw new Error(`expected a ConfigError, got ${String(error)}`)
  return error
}

test('creates a missing key as 64 lowercase hex characters in a mode 0600 file', async () => {
  const key = await createKeyFileStore(dir).readOrCreate('secret.key')
  expect(key).toMatch(/^[0-9a-f]{64}$/)
  expect(await readFile(join(dir, 'secret.key'), 'utf8')).toBe(key)
  expect((await stat(join(dir, 'secret.key'))).mode & 0o777).toBe(0o600)
})

test('returns the same key on a second call and from a new store, as after a restart', async () => {
  const first = await createKeyFileStore(dir).readOrCreate('secret.key')
  expect(await createKeyFileStore(dir).readOrCreate('secret.key')).toBe(first)
  expect(await createKeyFileStore(dir).readOrCreate('auth-secret.key')).not.toBe(first)
})

test('reads an existing key trimmed of surrounding whitespace', async () => {
  await writeFile(join(dir, 'secret.key'), `  ${'ab'.repeat(32)}\n`)
  expect(await createKeyFileStore(dir).readOrCreate('secret.key')).toBe('ab'.repeat(32))
})

test('concurrent first calls all agree on one key and leave no temporary files', async () => {
  const keys = await Promise.all(Array.from({ length: 25 }, () => createKeyFileStore(dir).readOrCreate('secret.key')))
  expect(linkControl.calls).toBeGreaterThan(1)
  expect(new Set(keys).size).toBe(1)
  expect(await readdir(dir)).toEqual(['secret.key'])
})

test.each([
  ['empty', ''],
  ['whitespace only', '\n'],
  ['too short', 'a'.repeat(63)],
  ['too long', 'a'.repeat(65)],
  ['not hex', 'z'.repeat(64)],
])('refuses an existing key file that is %s, and leaves it untouched', async (_, contents) => {
  const path = join(dir, 'secret.key')
  await writeFile(path, contents)
  const error = await caught(createKeyFileStore(dir).readOrCreate('secret.key'))
  expect(error.issues).toHaveLength(1)
  expect(error.issues[0]?.variable).toBe('EXECUTOR_DATA_DIR')
  expect(error.message).toContain(path)
  expect(error.message).toContain('restore it from a backup')
  expect(error.message).not.toContain('\n')
  if (contents.trim() !== '') expect(error.message).not.toContain(contents)
  expect(await readFile(path, 'utf8')).toBe(contents)
})

test('still creates exactly one key where the filesystem refuses hard links', async () => {
  linkControl.failWith = 'EPERM'
  const keys = await Promise.all(Array.from({ length: 10 }, () => createKeyFileStore(dir).readOrCreate('secret.key')))
  expect(new Set(keys).size).toBe(1)
  expect(await readdir(dir)).toEqual(['secret.key'])
  expect((await stat(join(dir, 'secret.key'))).mode & 0o777).toBe(0o600)
})

test('refuses a key name that is a path', async () => {
  await expect(createKeyFileStore(dir).readOrCreate('../secret.key')).rejects.toThrow('plain file name')
})

test('env secrets are used instead of key files, and no file is created', async () => {
  const material = await resolveKeyMaterial(
    { betterAuthSecret: 'a'.repeat(32), secretKey: 'b'.repeat(32) },
    createKeyFileStore(dir),
  )
  expect(material).toEqual({ authSecret: 'a'.repeat(32), secretKey: 'b'.repeat(32), generated: [] })
  expect(await readdir(dir)).toEqual([])
})

test('without env secrets, key material comes from files that persist across boots', async () => {
  const unset = { betterAuthSecret: undefined, secretKey: undefined }
  const first = await resolveKeyMaterial(unset, createKeyFileStore(dir))
  expect((await readdir(dir)).sort()).toEqual(['auth-secret.key', 'secret.key'])
  expect(await resolveKeyMaterial(unset, createKeyFileStore(dir))).toEqual(first)
})

test('ensureDataDir creates a missing nested directory with mode 0700 and leaves no probe', async () => {
  const dataDir = join(dir, 'a', 'b')
  await ensureDataDir(dataDir)
  const info = await stat(dataDir)
  expect(info.isDirectory()).toBe(true)
  expect(info.mode & 0o777).toBe(0o700)
  expect(await readdir(dataDir)).toEqual([])
})

test('ensureDataDir accepts an existing writable directory and keeps its files', async () => {
  await writeFile(join(dir, 'data.db'), 'x')
  await ensureDataDir(dir)
  expect(await readdir(dir)).toEqual(['data.db'])
})

// Tests run as root, which chmod cannot stop, so unwritable means "a path under a regular file".
test('ensureDataDir refuses a path that cannot be a directory, naming EXECUTOR_DATA_DIR and the fix', async () => {
  await writeFile(join(dir, 'file'), 'x')
  const dataDir = join(dir, 'file', 'data')
  const error = await caught(ensureDataDir(dataDir))
  expect(error.issues).toEqual([
    {
      variable: 'EXECUTOR_DATA_DIR',
      message: `EXECUTOR_DATA_DIR (${dataDir}) is not a writable directory (ENOTDIR); point it at a directory the Executor process can create files in, such as a mounted volume`,
    },
  ])
})

test('ensureDataDir refuses a data dir that is itself a regular file', async () => {
  await writeFile(join(dir, 'file'), 'x')
  const error = await caught(ensureDataDir(join(dir, 'file')))
  expect(error.issues[0]?.variable).toBe('EXECUTOR_DATA_DIR')
})
