// Stands in for `@jitl/quickjs-wasmfile-release-sync/wasm?module` under Vitest and the Vite dev
// server (vite.config.ts): plain Vite in Node has no unwasm step to compile `?module` imports.
// Having no module makes engine.ts use the variant's own loader, which reads the .wasm in Node.
const wasmModule: WebAssembly.Module | undefined = undefined
export default wasmModule
