/// <reference types="vitest/config" />
// One build config, two deploy targets. EXECUTOR_TARGET=bun (default) builds the
// container into .output/; EXECUTOR_TARGET=cloudflare builds the Worker into .output-worker/.
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import tailwindcss from '@tailwindcss/vite'
import { tanstackStart } from '@tanstack/react-start/plugin/vite'
import viteReact from '@vitejs/plugin-react'
import { nitro } from 'nitro/vite'
import { defineConfig } from 'vite'

const target = process.env.EXECUTOR_TARGET ?? 'bun'
if (target !== 'bun' && target !== 'cloudflare') {
  throw new Error(`EXECUTOR_TARGET must be "bun" or "cloudflare", got "${target}"`)
}
const isWorker = target === 'cloudflare'
const isVitest = process.env.VITEST === 'true'
const root = (path: string) => fileURLToPath(new URL(path, import.meta.url))
// Only the builds' unwasm compiles `?module` WASM imports; Vitest and the dev server, which run
// server code in Node, get a stand-in (server/sandbox/wasm-module.vitest.ts says why that works).
const quickjsWasmModule = /^@jitl\/quickjs-wasmfile-release-sync\/wasm\?module$/
const wasmModuleStandIn = root('./server/sandbox/wasm-module.vitest.ts')

export default defineConfig({
  // `.env` is Docker Compose's; builds and tests take nothing from it (nothing reads import.meta.env).
  envDir: false,
  resolve: {
    tsconfigPaths: true,
    // The one place a target picks its platform adapter (server/platform/*).
    alias: {
      '#platform': root(isWorker ? './server/platform/cloudflare.ts' : './server/platform/bun.ts'),
      // The MCP SDK's client imports pkce-challenge, whose exports name only `node` and `browser`
      // builds; the browser one (Web Crypto) is the one workerd can run.
      ...(isWorker ? { 'pkce-challenge': root('./node_modules/pkce-challenge/dist/index.browser.js') } : {}),
    },
  },
  environments: {
    // Nitro's bundler (unwasm) understands `?module` WASM imports and `cloudflare:*`; the SSR
    // build that Start runs first does not, so it leaves them to Nitro.
    ssr: {
      build: { rollupOptions: { external: [/\.wasm\?module$/, /^cloudflare:/, /^bun:/] } },
    },
  },
  plugins: isVitest
    ? []
    : [
        tailwindcss(),
        tanstackStart({
          srcDirectory: 'app',
          importProtection: {
            client: {
              files: ['**/server/**', '**/db/**'],
              excludeFiles: ['**/*.schema.ts', '**/db/enums.ts'],
            },
          },
        }),
        viteReact(),
        {
          name: 'executor:quickjs-wasm-in-dev',
          apply: 'serve',
          enforce: 'pre',
          resolveId: (id) => (quickjsWasmModule.test(id) ? wasmModuleStandIn : undefined),
        },
        nitro({
          preset: isWorker ? 'cloudflare_module' : 'bun',
          output: { dir: isWorker ? '.output-worker' : '.output' },
          // workerd inside wrangler 4.164 accepts dates up to 2026-05-03, no later.
          compatibilityDate: '2026-05-01',
          // React's "use client" markers mean nothing on the server; hide the bundler's note about them.
          rolldownConfig: {
            onwarn(warning, warn) {
              if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning)
            },
          },
          ...(isWorker
            ? {
                // The module's exports (the MCP session Durable Object) are re-exported from the Worker's entry.
                cloudflare: { deployConfig: true, nodeCompat: true, exports: root('./server/platform/cloudflare-exports.ts') },
                // Its Cron Trigger (wrangler.toml [triggers]) lands in this plugin.
                plugins: [root('./server/platform/cloudflare-scheduled.ts')],
              }
            : {
                entry: root('./server/platform/bun-entry.ts'),
                // The sandbox worker thread is its own bundle beside the entry (the script says why).
                hooks: {
                  compiled: (nitro) => {
                    execFileSync(root('./node_modules/.bin/bun'), [root('./scripts/build-sandbox-worker.mjs'), nitro.options.output.serverDir], { stdio: 'inherit' })
                  },
                },
                // .br and .gz copies of the built assets, served by Accept-Encoding; the Worker's
                // assets are compressed by Cloudflare instead.
                compressPublicAssets: { brotli: true, gzip: true },
              }),
        }),
      ],
  test: {
    setupFiles: ['./test/setup-unit.ts'],
    globalSetup: ['./test/global-setup.ts'],
    alias: [{ find: quickjsWasmModule, replacement: wasmModuleStandIn }],
    projects: [
      { extends: true, test: { name: 'unit', include: ['{server,db,app}/**/*.test.ts', 'test/tooling/**/*.test.ts'] } },
      {
        // Against the built targets: `npm test` builds both first.
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
})
