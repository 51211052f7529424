import type { SandboxError, SandboxErrorKind } from '../sandbox/outcome'

/** How a run failed: the sandbox's kinds, plus `interrupted` (the server stopped while it ran). */
export type ExecutionErrorKind = SandboxErrorKind | 'interrupted'

export type ExecutionError = Omit<SandboxError, 'kind'> & { kind: ExecutionErrorKind }
