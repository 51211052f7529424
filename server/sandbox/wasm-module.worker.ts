// Stands in for `@jitl/quickjs-wasmfile-release-sync/wasm?module` in the sandbox worker bundle
// (scripts/build-sandbox-worker.mjs): the request thread already holds the compiled module and
// posts it to each worker, so a worker neither reads nor compiles the .wasm. A live binding:
// engine.ts reads it when it makes an instance, after the init message has provided it.
let wasmModule: WebAssembly.Module | undefined

export { wasmModule as default }

export function provideWasmModule(module: WebAssembly.Module | undefined): void {
  wasmModule = module
}
