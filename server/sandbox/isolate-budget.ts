// How many programs one Cloudflare Worker isolate runs at once, and with how much heap each.
// An isolate has 128 MB, WebAssembly memory included, and programs run inline in it (in the MCP
// session's Durable Object; several objects may share an isolate, so the caps are per isolate).
// Each program has a QuickJS WebAssembly instance of its own (engine.ts): it starts at the
// module's 16 MiB and may grow to its heap limit plus the engine's ~6 MiB base. A 10 MiB heap
// therefore never grows past the initial 16 MiB, and 4 programs at once hold 64 MiB of engine
// memory at most (a finished instance is reused, not added), leaving the rest for the isolate's
// own code and requests (docs/architecture.md: "Memory on the Worker" has the measurement).
// Past the cap a program waits its turn, up to queueMs, then is refused with RATE_LIMITED:
// an MCP tool error, or HTTP 429 over the API. It never takes the isolate past its memory.
import type { AdmissionLimits } from './admission'

const MiB = 1024 * 1024

/** Heap default and ceiling per program on the Worker (EXECUTOR_PROGRAM_HEAP_MIB). */
export const WORKER_PROGRAM_HEAP_BYTES = 10 * MiB

/** Largest heap an operator may give Worker programs: with 4 at once, still under the isolate's 128 MB. */
export const WORKER_MAX_PROGRAM_HEAP_BYTES = 16 * MiB

// A burst of MCP sessions queues rather than fails: 100 programs of 3 tool calls each drained in
// 3 to 7 s at 4 at once under `wrangler dev`, well inside 30 s, itself inside an MCP client's usual 60 s timeout.
export const WORKER_ADMISSION: Readonly<AdmissionLimits> = {
  maxConcurrent: 4,
  maxPerPrincipal: 4,
  queueMs: 30_000,
}
