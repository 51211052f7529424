// Stands in for `@jitl/quickjs-wasmfile-release-sync/wasm?module` under Vitest (aliased in
// vite.config.ts `test`): plain Vite in Node has no unwasm step to compile `?module` imports.
// Having no module makes engine.ts use the variant's own loader, which reads the .wasm in Node.
const wasmModule: WebAssembly.Module | undefined = undefined
export default wasmModule
