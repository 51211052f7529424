// `?module` imports are compiled by the bundler (Nitro's unwasm) into a WebAssembly.Module, the
// only form workerd can instantiate: it cannot compile WebAssembly from bytes at run time.
declare module '@jitl/quickjs-wasmfile-release-sync/wasm?module' {
  const wasmModule: WebAssembly.Module
  export default wasmModule
}
