// The database holds password hashes, sessions and encrypted credentials, so its files are
// 0600 whatever the umask or the data dir's mode (a Docker volume is often 0755). SQLite gives
// the -wal and -shm files the main file's mode when it creates them, so creating the main file
// 0600 before libSQL opens it covers all three; files left by an older version are tightened.
import { chmod, open } from 'node:fs/promises'

const PRIVATE = 0o600
const SIDECARS = ['-wal', '-shm', '-journal']

/** Before libSQL opens `path`: create it 0600 if missing, tighten it if not. Returns warnings. */
export async function restrictDatabaseFile(path: string): Promise<string[]> {
  const handle = await open(path, 'a', PRIVATE)
  await handle.close()
  return restrict([path])
}

/** After libSQL opened `path`: tighten the -wal/-shm files it may have reused. Returns warnings. */
export function restrictDatabaseSidecars(path: string): Promise<string[]> {
  return restrict(SIDECARS.map((suffix) => `${path}${suffix}`))
}

async function restrict(paths: string[]): Promise<string[]> {
  const warnings: string[] = []
  for (const path of paths) {
    try {
      await chmod(path, PRIVATE)
    } catch (error) {
      const code = error instanceof Error && 'code' in error ? String(error.code) : 'unknown error'
      if (code === 'ENOENT') continue
      // Another user's file on a shared volume: still usable, but say that it is readable.
      warnings.push(`could not make ${path} private (mode 0600): ${code}; make the Executor user its owner`)
    }
  }
  return warnings
}
