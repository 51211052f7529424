import type { IntegrationListing } from '../../catalog/tool-catalog'
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js'
import { z } from 'zod'
import { runExecution, type ExecutionDeps, type ExecutionObserver, type ExecutionView, type PendingView } from '../../executions/executions'
import { RunCodeSchema, runCodeSchema } from '../../executions/execution.schema'
import type { Principal } from '../../auth/principal'
import type { ServerTiming } from '../../observability/server-timing'
import { timedRunner } from '../../sandbox/timed-runner'
import { positionText } from '../../sandbox/code-position'
import { defaultLimit, STANDARD_LIMIT_BOUNDS, type LimitBounds, type SandboxLimits } from '../../sandbox/limits'
import { formatBytes } from '../../sandbox/truncate'
import { invalidInputResult } from '../invalid-input'
import { AppError } from '../../http/app-error'

// Listed as the run request's JSON Schema, but accepting any object: the SDK would otherwise
// check the arguments itself and answer in its own words ("MCP error -32602: Input validation
// error: … at code"), so execute() checks them and answers with one readable sentence. The listed
// limits are the deployment's own (on the Worker the heap ceiling is its heap setting, 10 MiB by
// default, not 256 MiB), built once per set of bounds.
const executeInputs = new WeakMap<LimitBounds, z.ZodObject>()
export function executeInputFor(bounds: LimitBounds = STANDARD_LIMIT_BOUNDS): z.ZodObject {
  let input = executeInputs.get(bounds)
  if (!input) {
    const { $schema: _draft, ...jsonSchema } = z.toJSONSchema(runCodeSchema(bounds), { io: 'input' })
    executeInputs.set(bounds, (input = z.looseObject({}).meta(jsonSchema)))
  }
  return input
}

export const executeOutput = {
  executionId: z.string(),
  status: z.enum(['completed', 'failed', 'paused', 'running']),
  result: z.unknown().optional(),
  error: z
    .object({
      kind: z.string(),
      name: z.string(),
      message: z.string(),
      line: z.number().int().min(1).optional().describe('line of the code the error points at, from 1'),
      column: z.number().int().min(1).optional().describe('column on that line, from 1'),
    })
    .optional(),
  logs: z.array(z.object({ level: z.string(), message: z.string() })),
  durationMs: z.number(),
  toolCalls: z.number(),
  approval: z
    .object({
      url: z.string().describe('where a signed-in person approves or denies the call'),
      tool: z.string(),
      arguments: z.unknown(),
      reason: z.string(),
      expiresAt: z.string(),
    })
    .optional()
    .describe('set when paused: the call waiting for a person'),
}

/** Integrations listed by name in the description; beyond this, search finds the rest. */
const LISTED_INTEGRATIONS = 50
const DESCRIPTION_CHARS = 80

export function executeDescription(integrations: IntegrationListing[], limits: LimitBounds = STANDARD_LIMIT_BOUNDS) {
  return [
    'Run JavaScript in Executor\'s sandbox and get its result. The code is the body of an async function:',
    '`return` a JSON value to answer, `await` freely, and `console.log/info/warn/error` lines come back as logs.',
    'Call tools as `await tools.<path>(input)`, for example:',
    '  const found = await tools.executor.search({ query: "create issue" })',
    '  const tool = await tools.executor.describe({ path: found[0].path })',
    'Built-in tools: executor.search({ query, limit? }), executor.describe({ path }), executor.echo(anything).',
    ...integrationLines(integrations),
    'Do several steps in one program (call, filter, call again) rather than one tool per message.',
    'There is no fetch, filesystem or environment; credentials are added by Executor, never visible to the code.',
    'Policies may block a call (it throws an error named ToolBlocked) or require a person\'s approval: you may be asked inline,',
    'or the run returns status "paused" with an approval link; then call resume({ executionId }) for the result. A denied call throws ToolDenied.',
    'Keep programs deterministic (Math.random and Date are replayed) so a paused run can go on exactly where it stopped.',
    limitsText(limits),
  ].join('\n')
}

function integrationLines(integrations: IntegrationListing[]): string[] {
  if (integrations.length === 0) return ['No integrations are connected yet; an operator adds them in the Executor console.']
  const lines = integrations.slice(0, LISTED_INTEGRATIONS).map((i) => {
    const about = oneLine(i.description || i.name)
    const via =
      i.connections.length === 0
        ? ' [no connection you can use yet]'
        : i.connections.length > 1
          ? ` [connections: ${i.connections.join(', ')}; call tools.${i.slug}.<connection>.<tool>]`
          : ''
    return `- ${i.slug}: ${about} (${i.toolCount} tools)${via}`
  })
  const more = integrations.length - lines.length
  return [
    'Integrations (search finds their tools; a hit\'s path is called as tools.<path>(input)):',
    ...lines,
    ...(more > 0 ? [`- …and ${more} more; search finds their tools too.`] : []),
  ]
}

function oneLine(text: string): string {
  const first = text.split(/\n|(?<=\.)\s/)[0]?.trim() ?? ''
  return first.length > DESCRIPTION_CHARS ? `${first.slice(0, DESCRIPTION_CHARS - 1)}…` : first
}

/** Aborts on MCP cancellation, session close, or the client going away, whichever comes first. */
export function executionSignal(extra: { signal: AbortSignal; authInfo?: AuthInfo }): AbortSignal {
  const requestSignal = extra.authInfo?.extra?.requestSignal
  return requestSignal instanceof AbortSignal ? AbortSignal.any([extra.signal, requestSignal]) : extra.signal
}


const limitLooks: { name: keyof SandboxLimits; label: string; show: (value: number) => string }[] = [
  { name: 'timeoutMs', label: 'time', show: (ms) => `${ms / 1000} s` },
  { name: 'memoryBytes', label: 'memory', show: formatBytes },
  { name: 'stackBytes', label: 'stack', show: formatBytes },
  { name: 'maxToolCalls', label: 'tool calls', show: String },
  { name: 'maxResultBytes', label: 'result', show: formatBytes },
  { name: 'maxLogBytes', label: 'logs', show: formatBytes },
]

/** The default limits and their ceilings, so an agent knows what it may ask for before a run fails. */
function limitsText(bounds: LimitBounds) {
  const { max } = bounds
  const each = limitLooks.map(({ name, label, show }) => `${label} ${show(defaultLimit(bounds, name))} (up to ${show(max[name])})`)
  return [
    `Each run gets: ${each.join(', ')}.`,
    `A long or heavy job can raise them per call, e.g. \`limits: { timeoutMs: ${max.timeoutMs / 2} }\`; see the limits input for every field.`,
  ].join('\n')
}

/**
 * `observer.signal` aborts the program: the SDK fires it on `notifications/cancelled` and when the
 * session closes; handle-mcp.ts adds the HTTP request's own signal (the client went away).
 */
export async function execute(
  deps: ExecutionDeps & { publicOrigin: string },
  principal: Principal,
  args: unknown,
  observer: ExecutionObserver = {},
  timing?: ServerTiming,
) {
  const input = RunCodeSchema.safeParse(args)
  if (!input.success) return invalidInputResult(input.error)
  const run = (runDeps: ExecutionDeps) => runExecution(runDeps, principal, input.data, 'mcp', observer)
  try {
    if (!timing) return toToolResult(await run(deps), deps.publicOrigin)
    const timed = { ...deps, runner: timedRunner(deps.runner, timing) }
    return await timing.measure('tool', async () => toToolResult(await run(timed), deps.publicOrigin))
  } catch (error) {
    // Over the concurrency caps: a tool error the agent can read and retry, not a transport failure.
    if (error instanceof AppError && error.code === 'RATE_LIMITED') {
      return { content: [{ type: 'text' as const, text: `Not run: ${error.message}` }], isError: true }
    }
    throw error
  }
}

export function toToolResult(run: ExecutionView, origin: string) {
  if (run.status === 'paused' && run.pending) return pausedResult(run, run.pending, origin)
  const { line, column } = run.error ?? {}
  const position = line && column ? { line, column } : undefined
  const structured = {
    executionId: run.id,
    status: run.status === 'completed' ? ('completed' as const) : ('failed' as const),
    ...(run.status === 'completed' ? { result: run.result } : {}),
    ...(run.error ? { error: { kind: run.error.kind, name: run.error.name, message: run.error.message, ...position } } : {}),
    logs: run.logs.map((l) => ({ level: l.level, message: l.message })),
    durationMs: run.durationMs ?? 0,
    toolCalls: run.toolCallCount,
  } satisfies z.infer<z.ZodObject<typeof executeOutput>>
  const text = run.error
    ? `Execution failed (${run.error.kind}): ${run.error.name}${position ? ` ${positionText(position)}` : ''}: ${run.error.message}`
    : JSON.stringify(run.result ?? null, null, 2)
  const logText = run.logs.length > 0 ? `\n\nLogs:\n${run.logs.map((l) => `[${l.level}] ${l.message}`).join('\n')}` : ''
  return {
    content: [{ type: 'text' as const, text: `${text}${logText}` }],
    structuredContent: structured,
    isError: run.status !== 'completed',
  }
}

/** A run waiting for a person: not an error; it says where to approve and how to get the result. */
function pausedResult(run: ExecutionView, pending: PendingView, origin: string) {
  const url = `${origin}/resume/${run.id}`
  const minutes = Math.max(1, Math.round((Date.parse(pending.expiresAt) - Date.now()) / 60_000))
  const structured = {
    executionId: run.id,
    status: 'paused' as const,
    logs: run.logs.map((l) => ({ level: l.level, message: l.message })),
    durationMs: run.durationMs ?? 0,
    toolCalls: run.toolCallCount,
    approval: { url, tool: pending.path, arguments: pending.args, reason: pending.policy.reason, expiresAt: pending.expiresAt },
  } satisfies z.infer<z.ZodObject<typeof executeOutput>>
  const text = [
    `Paused: tools.${pending.path} needs a person's approval (${pending.policy.reason}).`,
    `Ask the user to approve or deny it at ${url} within ${minutes} minute${minutes === 1 ? '' : 's'},`,
    `then call the resume tool with {"executionId": "${run.id}"}: it waits for the decision and returns the program's result.`,
    'Nothing after that call has run; do not run the program again.',
  ].join(' ')
  return { content: [{ type: 'text' as const, text }], structuredContent: structured, isError: false }
}
