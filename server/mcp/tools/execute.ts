import { z } from 'zod'
import { runExecution, type ExecutionDeps, type ExecutionObserver, type ExecutionView } from '../../executions/executions'
import { RunCodeSchema } from '../../executions/execution.schema'
import type { Principal } from '../../auth/principal'
import type { ServerTiming } from '../../observability/server-timing'
import { timedRunner } from '../../sandbox/timed-runner'

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

export async function execute(
  deps: ExecutionDeps,
  principal: Principal,
  input: z.infer<typeof RunCodeSchema>,
  observer: ExecutionObserver = {},
  timing?: ServerTiming,
) {
  if (!timing) return toToolResult(await runExecution(deps, principal, input, 'mcp', observer))
  const timed = { ...deps, runner: timedRunner(deps.runner, timing) }
  return timing.measure('tool', async () => toToolResult(await runExecution(timed, principal, input, 'mcp', observer)))
}

export function toToolResult(run: ExecutionView) {
  const structured = {
    executionId: run.id,
    status: run.status === 'completed' ? 'completed' : 'failed',
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
