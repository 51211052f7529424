// `?module` imports are compiled by the bundler (Nitro's unwasm) into a WebAssembly.Module, the
// only form workerd can instantiate (PLATFORM-NOTES, "QuickJS on both targets").
declare module '@jitl/quickjs-wasmfile-release-sync/wasm?module' {
  const wasmModule: WebAssembly.Module
  export default wasmModule
}
