// Catalog figures: 10,000 generated tools on a libSQL file, replaced in one batch and searched
// in-process (target: search p99 < 10 ms). The measurement lives in the scale test
// (server/catalog/tool-search-scale.test.ts), which asserts only generous bounds; this runs it
// and prints its figures line.
import { spawn } from 'node:child_process'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..')

export function measureCatalogSearch() {
  return new Promise((resolve, reject) => {
    const child = spawn(join(root, 'node_modules/.bin/vitest'), ['run', '--project', 'unit', 'server/catalog/tool-search-scale.test.ts'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.on('error', reject)
    child.on('exit', (code) => {
      const line = output.split('\n').find((l) => l.includes('catalog, 10,000 tools:'))
      if (code !== 0 || !line) reject(new Error(`catalog bench failed (${code}):\n${output}`))
      else resolve(line.slice(line.indexOf('catalog, 10,000 tools:')).trim())
    })
  })
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await measureCatalogSearch())
