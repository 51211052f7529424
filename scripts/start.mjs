// `npm start`: builds the container target when the build is missing or older than the source,
// then serves it with Bun (defaults: 127.0.0.1:4788, data in ./.executor-data).
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..')
const bin = join(root, 'node_modules/.bin')
const stamp = join(root, '.output/nitro.json')
const sources = ['app', 'server', 'db', 'public', 'vite.config.ts', 'package.json', 'package-lock.json']

function newestMtime(path) {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), stat.mtimeMs)
}

const built = existsSync(stamp) && existsSync(join(root, '.output/server/index.mjs'))
const stale = !built || sources.some((s) => existsSync(join(root, s)) && newestMtime(join(root, s)) > statSync(stamp).mtimeMs)
if (stale) {
  console.log(built ? 'Source changed since the last build; rebuilding…' : 'Building the container target…')
  const build = spawnSync(join(bin, 'vite'), ['build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' })
  if (build.status !== 0) process.exit(build.status ?? 1)
}

const server = spawn(join(bin, 'bun'), ['.output/server/index.mjs'], { cwd: root, stdio: 'inherit' })
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal))
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
