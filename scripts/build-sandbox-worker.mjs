// Bundles the sandbox worker thread's entry (server/platform/sandbox-worker-entry.ts) into
// .output/server/sandbox-worker.mjs, beside the server entry that starts it, so .output/ stays
// self-contained. Runs under Bun (`bun scripts/build-sandbox-worker.mjs`), called by the
// container build in vite.config.ts after Nitro has written .output/.
//
// The engine's `?module` import is only understood by Nitro's bundler; here it becomes
// server/sandbox/wasm-module.worker.ts, which receives the compiled module from the request
// thread instead of reading or compiling the .wasm again in every thread.
import { join } from 'node:path'

const root = join(import.meta.dirname, '..')
const outdir = process.argv[2] ?? join(root, '.output/server')

const result = await Bun.build({
  entrypoints: [join(root, 'server/platform/sandbox-worker-entry.ts')],
  outdir,
  naming: 'sandbox-worker.mjs',
  target: 'bun',
  format: 'esm',
  minify: { syntax: true, whitespace: false, identifiers: false },
  plugins: [
    {
      name: 'wasm-module-from-request-thread',
      setup(build) {
        build.onResolve({ filter: /\?module$/ }, () => ({ path: join(root, 'server/sandbox/wasm-module.worker.ts') }))
      },
    },
  ],
})
if (!result.success) {
  for (const message of result.logs) console.error(message)
  process.exit(1)
}
