// Where a request's server time went, as a `Server-Timing` response header the benchmark reads.
// Off unless EXECUTOR_SERVER_TIMING=true: the header tells any caller how long authentication
// and the sandbox took, which is for diagnostics, not for production clients.
//
// Layers record raw spans that nest (mcp ⊃ tool ⊃ sandbox); the header reports each stage's own
// share, so the stages add up to the total:
//   auth     verifying the API key or session
//   sandbox  the runner: opening a sandbox and running the program
//   history  the rest of the tool body: history writes, the execution log line, the tool result
//   mcp      the SDK transport and server minus the tool body: parsing, validation, framing
//   route    everything else: the request pipeline, framework routing, logging, headers
//   total    from the pipeline's first line to the response leaving it

export type Span = 'auth' | 'mcp' | 'tool' | 'sandbox'

export class ServerTiming {
  private readonly started = performance.now()
  private readonly spent: Record<Span, number> = { auth: 0, mcp: 0, tool: 0, sandbox: 0 }
  private readonly seen = new Set<Span>()

  add(span: Span, ms: number): void {
    this.spent[span] += ms
    this.seen.add(span)
  }

  /** runs `work`, adding its duration to `span` whether it resolves or throws */
  async measure<T>(span: Span, work: () => Promise<T>): Promise<T> {
    const started = performance.now()
    try {
      return await work()
    } finally {
      this.add(span, performance.now() - started)
    }
  }

  /** the stages so far as `name;dur=ms` entries, own time only */
  header(): string {
    const { auth, mcp, tool, sandbox } = this.spent
    const total = performance.now() - this.started
    const stages: [string, number][] = []
    if (this.seen.has('auth')) stages.push(['auth', auth])
    if (this.seen.has('sandbox')) stages.push(['sandbox', sandbox])
    if (this.seen.has('tool')) stages.push(['history', tool - sandbox])
    if (this.seen.has('mcp')) stages.push(['mcp', mcp - tool])
    stages.push(['route', total - auth - mcp], ['total', total])
    return stages.map(([name, ms]) => `${name};dur=${ms.toFixed(3)}`).join(', ')
  }
}

/** `work`, measured into `span` when the request is being timed */
export function measure<T>(timing: ServerTiming | undefined, span: Span, work: () => Promise<T>): Promise<T> {
  return timing ? timing.measure(span, work) : work()
}
