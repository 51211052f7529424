import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js'
import { z } from 'zod'
import { runExecution, type ExecutionDeps, type ExecutionView } from '../../executions/executions'
import { RunCodeSchema } from '../../executions/execution.schema'
import type { Principal } from '../../auth/principal'
import { AppError } from '../../http/app-error'

export const executeInput = RunCodeSchema.shape

export const executeOutput = {
  executionId: z.string(),
  status: z.enum(['completed', 'failed']),
  result: z.unknown().optional(),
  error: z.object({ kind: z.string(), name: z.string(), message: z.string() }).optional(),
  logs: z.array(z.object({ level: z.string(), message: z.string() })),
  durationMs: z.number(),
  toolCalls: z.number(),
}

export function executeDescription(integrations: string[]) {
  return [
    'Run JavaScript in Executor\'s sandbox and get its result. The code is the body of an async function:',
    '`return` a JSON value to answer, `await` freely, and `console.log/info/warn/error` lines come back as logs.',
    'Call tools as `await tools.<path>(input)`, for example:',
    '  const found = await tools.executor.search({ query: "create issue" })',
    '  const tool = await tools.executor.describe({ path: found[0].path })',
    'Built-in tools: executor.search({ query, limit? }), executor.describe({ path }), executor.echo(anything).',
    integrations.length > 0
      ? `Integrations: ${integrations.join(', ')}.`
      : 'No integrations are connected yet; an operator adds them in the Executor console.',
    'Do several steps in one program (call, filter, call again) rather than one tool per message.',
    'There is no fetch, filesystem or environment; credentials are added by Executor, never visible to the code.',
  ].join('\n')
}

/**
 * The SDK hands a tool handler no part of the HTTP request but `authInfo`, so the request's own
 * signal (aborted when the client goes away) rides in its `extra`: handle-mcp.ts passes this.
 */
export function withRequestSignal(request: Request): { authInfo: AuthInfo } {
  return { authInfo: { token: '', clientId: '', scopes: [], extra: { requestSignal: request.signal } } }
}

/** Aborts on MCP cancellation, session close, or the client going away, whichever comes first. */
export function executionSignal(extra: { signal: AbortSignal; authInfo?: AuthInfo }): AbortSignal {
  const requestSignal = extra.authInfo?.extra?.requestSignal
  return requestSignal instanceof AbortSignal ? AbortSignal.any([extra.signal, requestSignal]) : extra.signal
}

/**
 * `signal` aborts the program: the SDK fires it on `notifications/cancelled` and when the session
 * closes; handle-mcp.ts adds the HTTP request's own signal (the client went away).
 */
export async function execute(
  deps: ExecutionDeps,
  principal: Principal,
  input: z.infer<typeof RunCodeSchema>,
  signal?: AbortSignal,
) {
  try {
    return toToolResult(await runExecution(deps, principal, input, 'mcp', { signal }))
  } catch (error) {
    // Over the concurrency caps: a tool error the agent can read and retry, not a transport failure.
    if (error instanceof AppError && error.code === 'RATE_LIMITED') {
      return { content: [{ type: 'text' as const, text: `Not run: ${error.message}` }], isError: true }
    }
    throw error
  }
}

export function toToolResult(run: ExecutionView) {
  const structured = {
    executionId: run.id,
    status: run.status === 'running' ? 'failed' : run.status,
    ...(run.status === 'completed' ? { result: run.result } : {}),
    ...(run.error ? { error: { kind: run.error.kind, name: run.error.name, message: run.error.message } } : {}),
    logs: run.logs.map((l) => ({ level: l.level, message: l.message })),
    durationMs: run.durationMs ?? 0,
    toolCalls: run.toolCallCount,
  } satisfies z.infer<z.ZodObject<typeof executeOutput>>
  const text = run.error
    ? `Execution failed (${run.error.kind}): ${run.error.name}: ${run.error.message}`
    : JSON.stringify(run.result ?? null, null, 2)
  const logText = run.logs.length > 0 ? `\n\nLogs:\n${run.logs.map((l) => `[${l.level}] ${l.message}`).join('\n')}` : ''
  return {
    content: [{ type: 'text' as const, text: `${text}${logText}` }],
    structuredContent: structured,
    isError: run.status !== 'completed',
  }
}
