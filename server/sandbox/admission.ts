// Admission control in front of any SandboxRunner (both targets): at most `maxConcurrent`
// programs run at once, and at most `maxPerPrincipal` of them for one principal, so one agent in
// a loop cannot take every slot. Over a cap a program waits in line up to `queueMs`, then fails
// with RATE_LIMITED (HTTP 429 with Retry-After; a tool error over MCP). A waiting program whose
// signal aborts leaves the line and ends as `aborted`, like a running one.
import { AppError } from '../http/app-error'
import type { RunRequest, SandboxRunner } from './runner'
import { abortedOutcome } from './sandbox-errors'

export type AdmissionLimits = {
  maxConcurrent: number
  maxPerPrincipal: number
  /** how long a program may wait for a slot before it is refused */
  queueMs: number
}

// Fit for a 2-core box: programs run in their own threads, so 8 at once leaves the request
// thread responsive, and at the 64 MiB default heap their engines stay within about 1 GiB.
export const DEFAULT_ADMISSION: Readonly<AdmissionLimits> = {
  maxConcurrent: 8,
  maxPerPrincipal: 4,
  queueMs: 2_000,
}

export type AdmissionStats = { running: number; queued: number }

type Waiter = { principalId: string; admit: () => void }

export function withAdmission(
  runner: SandboxRunner,
  limits: AdmissionLimits,
): SandboxRunner & { admissionStats(): AdmissionStats } {
  const perPrincipal = new Map<string, number>()
  const line: Waiter[] = []
  let running = 0

  const fits = (principalId: string) =>
    running < limits.maxConcurrent && (perPrincipal.get(principalId) ?? 0) < limits.maxPerPrincipal

  const take = (principalId: string) => {
    running++
    perPrincipal.set(principalId, (perPrincipal.get(principalId) ?? 0) + 1)
  }

  const give = (principalId: string) => {
    running--
    const left = (perPrincipal.get(principalId) ?? 1) - 1
    if (left > 0) perPrincipal.set(principalId, left)
    else perPrincipal.delete(principalId)
    // First in line whose own cap allows it: a principal at its cap does not block others.
    for (let i = 0; i < line.length && running < limits.maxConcurrent; i++) {
      const waiter = line[i]
      if (!waiter || !fits(waiter.principalId)) continue
      line.splice(i--, 1)
      take(waiter.principalId)
      waiter.admit()
    }
  }

  /** Resolves true once admitted, false when the signal aborted first; rejects when refused. */
  const admit = (request: RunRequest): Promise<boolean> => {
    if (fits(request.principalId)) {
      take(request.principalId)
      return Promise.resolve(true)
    }
    return new Promise((resolve, reject) => {
      const { signal } = request
      const leave = () => {
        clearTimeout(timer)
        signal?.removeEventListener('abort', onAbort)
        const at = line.indexOf(waiter)
        if (at >= 0) line.splice(at, 1)
      }
      const waiter: Waiter = {
        principalId: request.principalId,
        admit: () => {
          leave()
          resolve(true)
        },
      }
      const onAbort = () => {
        leave()
        resolve(false)
      }
      const timer = setTimeout(() => {
        leave()
        reject(refusal(request.principalId))
      }, limits.queueMs)
      signal?.addEventListener('abort', onAbort, { once: true })
      line.push(waiter)
    })
  }

  const refusal = (principalId: string) => {
    const retryAfter = String(Math.max(1, Math.ceil(limits.queueMs / 1000)))
    const own = perPrincipal.get(principalId) ?? 0
    const message =
      own >= limits.maxPerPrincipal
        ? `You already have ${own} programs running, the most one principal may run at once; wait for one to finish and try again`
        : `Executor is running its maximum of ${limits.maxConcurrent} programs at once; try again shortly`
    return new AppError('RATE_LIMITED', message, undefined, { 'retry-after': retryAfter })
  }

  return {
    async run(request) {
      if (request.signal?.aborted) return abortedOutcome(request.limits)
      if (!(await admit(request))) return abortedOutcome(request.limits)
      try {
        return await runner.run(request)
      } finally {
        give(request.principalId)
      }
    },
    warmUp: () => runner.warmUp(),
    close: () => runner.close(),
    admissionStats: () => ({ running, queued: line.length }),
  }
}
