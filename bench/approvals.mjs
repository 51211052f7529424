// Approvals on the built container: what a pause and a decision cost. A program makes N allowed
// calls (executor.echo), then one that needs approval (executor.describe, by a policy). Timed:
// `POST /api/executions` until it answers `paused` (the run, stored with N results), and
// `POST /api/executions/:id/decision` until the finished execution comes back (the replay answers
// the N calls from the record, then makes the approved one). Also the per-call cost of the policy
// gate and recording: 1,000 echo calls with no policies vs with 50 non-matching rules.
const ROUNDS = 9
const SIZES = [0, 100, 999]

export async function measureApprovals({ serverWithOwner, post, percentile, stop }) {
  const { server, key } = await serverWithOwner()
  const headers = { authorization: `Bearer ${key}` }
  const lines = ['Approvals (pause, then decide and replay; median of ' + ROUNDS + ')']
  const loop = (n) => `for (let i = 0; i < ${n}; i++) await tools.executor.echo({ i })`
  const timeOf = async (work) => {
    const started = performance.now()
    const value = await work()
    return { ms: performance.now() - started, value }
  }
  const perCall = async () => {
    const samples = []
    for (let round = 0; round < ROUNDS; round++) {
      const { ms } = await timeOf(() => post(server.url, "/api/executions", { code: `${loop(1000)}; return 1` }, headers))
      samples.push(ms)
    }
    return percentile(samples, 50)
  }
  await perCall() // warm the threads and the route
  const bare = await perCall()
  for (let i = 0; i < 50; i++) await post(server.url, '/api/policies', { pattern: `nothing${i}.*.delete*`, action: 'block' }, headers)
  const ruled = await perCall()
  lines.push(`  1,000 echo calls in one program: ${bare.toFixed(0)} ms with no policies, ${ruled.toFixed(0)} ms with 50 rules (${ruled.toFixed(0)} µs a call, sandbox included)`)
  const describeOnly = []
  for (let round = 0; round < ROUNDS; round++) {
    const { ms } = await timeOf(() => post(server.url, '/api/executions', { code: `return (await tools.executor.describe({ path: 'executor.echo' })).path` }, headers))
    describeOnly.push(ms)
  }
  lines.push(`  for scale, a run of just the approved call (executor.describe) without approval: ${percentile(describeOnly, 50).toFixed(1)} ms`)
  await post(server.url, '/api/policies', { pattern: 'executor.describe', action: 'require_approval', position: 0 }, headers)
  for (const n of SIZES) {
    const pauses = []
    const decisions = []
    for (let round = 0; round < ROUNDS; round++) {
      const code = `${loop(n)}; return (await tools.executor.describe({ path: 'executor.echo' })).path`
      const paused = await timeOf(async () => (await post(server.url, '/api/executions', { code }, headers)).json())
      if (paused.value.status !== 'paused') throw new Error(`expected a pause, got ${JSON.stringify(paused.value).slice(0, 300)}`)
      const decided = await timeOf(async () => (await post(server.url, `/api/executions/${paused.value.id}/decision`, { approve: true }, headers)).json())
      if (decided.value.status !== 'completed') throw new Error(`expected completed, got ${JSON.stringify(decided.value).slice(0, 300)}`)
      pauses.push(paused.ms)
      decisions.push(decided.ms)
    }
    lines.push(`  ${String(n).padStart(4)} calls before the pause: run to pause ${percentile(pauses, 50).toFixed(1)} ms, decision to result ${percentile(decisions, 50).toFixed(1)} ms`)
  }
  await stop(server)
  console.log(lines.join('\n'))
}
