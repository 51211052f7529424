import type { ServerTiming } from '../observability/server-timing'
import type { SandboxRunner } from './runner'

/** `runner` with each run's duration added to the request's `sandbox` stage. */
export function timedRunner(runner: SandboxRunner, timing: ServerTiming): SandboxRunner {
  return {
    run: (request) => timing.measure('sandbox', () => runner.run(request)),
    warmUp: () => runner.warmUp(),
    close: () => runner.close(),
  }
}
