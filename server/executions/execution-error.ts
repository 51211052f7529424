import type { SandboxError, SandboxErrorKind } from '../sandbox/outcome'

/**
 * How a run failed: the sandbox's kinds, plus `interrupted` (the server stopped while it ran),
 * `expired` (nobody decided a paused call in time) and `replay_diverged` (resuming by replay made
 * a different call than the recorded run).
 */
export type ExecutionErrorKind = SandboxErrorKind | 'interrupted' | 'expired' | 'replay_diverged'

export type ExecutionError = Omit<SandboxError, 'kind'> & { kind: ExecutionErrorKind }
