// One run of an execution's program, as the tool calls see it: policies decide each call, calls
// that need approval are asked about (inline) or pause the run, and everything the program
// receives is numbered and kept so a later run of the same program can be given the same.
//
// Pausing: the earliest call, in the program's order, that has to wait for a person becomes the
// pending call. Calls the program made after it do not go out (they wait, and are made again by
// the replay); calls it made before it do, however long their arguments took to hash, and calls
// already out are let finish and kept; then the run is ended (`abort`) and its records are stored.
// Which calls go out so follows the program's order, not how the host's async steps interleaved.
// Nothing of the program stays in memory.
//
// Replaying (after a decision): the program runs again from the start with the same seed and
// clock start. Each call it makes is checked against the record of the same index (path and a
// hash of its arguments): a match gets the recorded result, numbered as before, so the sandbox
// hands results over in the recorded order (tool-bridge.ts); any difference ends the run as
// diverged. The pending call is then made for real (approved) or refused with ToolDenied, and the
// program goes on live.
import type { Principal } from '../auth/principal'
import type { GatedCall, ToolGate } from '../catalog/tool-catalog'
import type { ApprovalSettings } from '../policies/approval-settings'
import { decidePolicy, type PolicyDecision, type PolicyRule } from '../policies/decide-policy'
import { toolDefault } from '../policies/tool-default'
import { ToolRefusal, type ToolDispatcher } from '../sandbox/outcome'
import { RECORDED_ARGS_BYTES } from '../sandbox/tool-bridge'
import { cutUtf8, truncationMarker } from '../sandbox/truncate'
import type { JsonValue } from './executions'
import { argsHashOf, type ApprovalRecord, type PendingCall, type RecordedCall } from './replay-records'

/** Result text kept per run for a possible pause; beyond it a call needing approval is refused. */
export const MAX_KEPT_RESULT_CHARS = 32 * 1024 * 1024

/** How a person is asked inline (MCP elicitation); `undecided` falls back to a pause. */
export type AskApproval = (
  request: { path: string; args: unknown; reason: string },
  options: { waitMs: number; signal: AbortSignal },
) => Promise<'approve' | 'deny' | 'undecided'>

/** What the history keeps about each call besides the sandbox's record of it. */
export type CallNotes = { argsHash?: string; policy?: PolicyDecision; approval?: ApprovalRecord; replayed?: RecordedCall }

export type RunSession = {
  /** wraps the catalog's dispatcher (made with `gate`) */
  wrap(inner: ToolDispatcher): ToolDispatcher
  gate: ToolGate
  /** the call the run paused on, once every call already out has settled */
  paused(): PendingCall | undefined
  /** why the replay went another way than the recorded run, if it did */
  divergence(): string | undefined
  /** what the replay never reached: records not asked for again, or the pending call */
  unreached(): string | undefined
  notes(seq: number): CallNotes | undefined
  /** every call that settled in this run or was replayed, by seq */
  settled(): RecordedCall[]
}

export function createRunSession(options: {
  actor: Principal
  autoApprove: boolean
  /** read when first needed: most runs never ask for approval */
  settings: () => Promise<ApprovalSettings>
  rules: () => Promise<PolicyRule[]>
  ask?: AskApproval | undefined
  replay?: { records: RecordedCall[]; pending: PendingCall } | undefined
  /** ends the run (a pause once drained, or a divergence) */
  abort: () => void
  now: () => number
}): RunSession {
  const { replay } = options
  const records = new Map((replay?.records ?? []).map((record) => [record.seq, record]))
  const pendingSeq = replay?.pending.seq
  const consumed = new Set<number>()
  let pendingReached = false
  const notes = new Map<number, CallNotes>()
  const settled = new Map<number, RecordedCall>()
  let nextSettleIndex = Math.max(-1, ...(replay?.records ?? []).map((record) => record.settleIndex)) + 1
  let keptChars = 0
  let overBudget = false
  let rules: Promise<PolicyRule[]> | undefined
  let settingsRead: Promise<ApprovalSettings> | undefined
  let divergence: string | undefined
  let pausing: PendingCall | undefined
  let paused: PendingCall | undefined
  /** calls the program made that are still being hashed and checked against the record */
  const entering = new Set<number>()
  /** calls handed to the inner dispatcher and not yet settled */
  const out = new Set<number>()
  /** of those, the ones waiting in the gate because the run is pausing */
  const held = new Set<number>()
  let asking: Promise<unknown> = Promise.resolve()

  const notesOf = (seq: number) => {
    let entry = notes.get(seq)
    if (!entry) notes.set(seq, (entry = {}))
    return entry
  }

  // A promise that never settles: the run is ending (pause or divergence) and this call must not
  // reach the program. The abort rejects it, and that rejection is not recorded.
  const never = (signal: AbortSignal) =>
    new Promise<never>((_, reject) => {
      const end = () => reject(new Error('the execution paused'))
      if (signal.aborted) end()
      else signal.addEventListener('abort', end, { once: true })
    })

  const endIfDrained = () => {
    if (!pausing || paused) return
    const waitingSeq = pausing.seq
    for (const seq of entering) if (seq < waitingSeq) return
    for (const seq of out) if (!held.has(seq)) return
    paused = pausing
    options.abort()
  }

  const diverge = (message: string, signal: AbortSignal) => {
    divergence ??= message
    options.abort()
    return never(signal)
  }

  const keep = (seq: number, path: string, argsHash: string, outcome: { ok: true; value: unknown } | { ok: false; error: unknown }) => {
    const settleIndex = nextSettleIndex++
    const settledAt = options.now()
    const record: RecordedCall = { seq, path, argsHash, ok: outcome.ok, settleIndex, settledAt }
    if (outcome.ok) {
      const text = outcome.value === undefined ? undefined : safeJson(outcome.value)
      if (text !== undefined) {
        keptChars += text.length
        if (keptChars > MAX_KEPT_RESULT_CHARS) overBudget = true
        else record.result = text
      }
    } else {
      const error = outcome.error
      record.error = error instanceof Error ? error.message : String(error)
      if (error instanceof ToolRefusal) record.errorName = error.name
    }
    settled.set(seq, record)
    return record
  }

  const wrap =
    (inner: ToolDispatcher): ToolDispatcher =>
    async (path, args, context) => {
      const { seq, signal, annotate } = context
      const dotted = path.join('.')
      let argsHash: string
      entering.add(seq)
      try {
        argsHash = await argsHashOf(args)
        notesOf(seq).argsHash = argsHash
        const recorded = records.get(seq)
        if (recorded) {
          if (recorded.path !== dotted || recorded.argsHash !== argsHash) {
            return diverge(differenceMessage(seq, recorded.path, dotted), signal)
          }
          consumed.add(seq)
          notesOf(seq).replayed = recorded
          settled.set(seq, recorded)
          annotate?.({ settleIndex: recorded.settleIndex, settledAt: recorded.settledAt })
          if (!recorded.ok) throw recorded.errorName === 'ToolBlocked' || recorded.errorName === 'ToolDenied' ? new ToolRefusal(recorded.errorName, recorded.error ?? '') : new Error(recorded.error)
          return recorded.result === undefined ? undefined : JSON.parse(recorded.result)
        }
        if (seq === pendingSeq && replay) {
          if (replay.pending.path !== dotted || replay.pending.argsHash !== argsHash) {
            return diverge(differenceMessage(seq, replay.pending.path, dotted), signal)
          }
          pendingReached = true
          const decision = replay.pending.decision
          if (!decision?.approved) {
            notesOf(seq).policy = replay.pending.policy
            if (decision) notesOf(seq).approval = decision
            const refusal = new ToolRefusal('ToolDenied', `${decision?.by.name || 'A person'} denied the call to tools.${dotted}`)
            const record = keep(seq, dotted, argsHash, { ok: false, error: refusal })
            annotate?.({ settleIndex: record.settleIndex, settledAt: record.settledAt })
            throw refusal
          }
        }
        if (pausing && seq > pausing.seq) return never(signal)
        out.add(seq)
      } finally {
        // This call is out, or answered without going out: a pause may now be complete.
        entering.delete(seq)
        endIfDrained()
      }
      let outcome: { ok: true; value: unknown } | { ok: false; error: unknown }
      try {
        outcome = { ok: true, value: await inner(path, args, context) }
      } catch (error) {
        outcome = { ok: false, error }
      }
      out.delete(seq)
      if (held.has(seq) || divergence) {
        endIfDrained()
        return never(signal)
      }
      const record = keep(seq, dotted, argsHash, outcome)
      annotate?.({ settleIndex: record.settleIndex, settledAt: record.settledAt })
      endIfDrained()
      if (!outcome.ok) throw outcome.error
      return outcome.value
    }

  const pause = (call: GatedCall, policy: PolicyDecision): Promise<never> => {
    held.add(call.seq)
    // The gates of calls made together answer in any order: the earliest call waits as pending
    // whichever asked first, and any other is made again by the replay.
    if (!paused && (!pausing || call.seq < pausing.seq)) pausing = {
      seq: call.seq,
      path: call.path,
      args: recordedArgs(call.args),
      argsHash: notesOf(call.seq).argsHash ?? '',
      policy,
      requestedAt: new Date(options.now()).toISOString(),
      principal: {
        role: options.actor.role,
        via: options.actor.via,
        ...(options.actor.apiKeyId ? { apiKeyId: options.actor.apiKeyId } : {}),
      },
    }
    queueMicrotask(endIfDrained)
    return never(call.signal)
  }

  const approvalBy = (via: ApprovalRecord['via'], approved: boolean): ApprovalRecord => ({
    approved,
    by: { id: options.actor.userId, name: options.actor.name, email: options.actor.email },
    at: new Date(options.now()).toISOString(),
    via,
  })

  const gate: ToolGate = async (call) => {
    rules ??= options.rules()
    const policy = decidePolicy(await rules, call.names, toolDefault(call.tool.kind, call.tool))
    const notes = notesOf(call.seq)
    notes.policy = policy
    if (policy.action === 'allow') return
    if (policy.action === 'block') throw new ToolRefusal('ToolBlocked', `tools.${call.path} is blocked: ${policy.reason}`)
    const decided = call.seq === pendingSeq ? replay?.pending.decision : undefined
    if (decided?.approved) {
      notes.approval = decided
      return
    }
    if (options.autoApprove) {
      notes.approval = approvalBy('auto_approve', true)
      return
    }
    if (pausing) return pause(call, policy)
    const { ask } = options
    const settings = await (settingsRead ??= options.settings())
    if (ask && settings.inlineWaitSeconds > 0 && !settings.requireDifferentApprover) {
      // One question at a time: a person answers them in the order the program asked.
      const answer = asking.then(() =>
        pausing ? 'undecided' : ask({ path: call.path, args: call.args, reason: policy.reason }, { waitMs: settings.inlineWaitSeconds * 1000, signal: call.signal }),
      )
      asking = answer.catch(() => undefined)
      const said = await answer.catch(() => 'undecided' as const)
      if (said === 'approve') {
        notes.approval = approvalBy('elicitation', true)
        return
      }
      if (said === 'deny') {
        notes.approval = approvalBy('elicitation', false)
        throw new ToolRefusal('ToolDenied', `${options.actor.name || 'The person asked'} denied the call to tools.${call.path}`)
      }
    }
    if (overBudget) {
      throw new Error(
        `tools.${call.path} needs approval, but this run has received more than ${MAX_KEPT_RESULT_CHARS / 1024 / 1024} MiB of tool results, too much to keep while it waits; run it with fewer or smaller results before this call`,
      )
    }
    return pause(call, policy)
  }

  return {
    wrap,
    gate,
    paused: () => paused,
    divergence: () => divergence,
    unreached() {
      const missing = [...records.keys()].filter((seq) => !consumed.has(seq))
      if (replay && !pendingReached) return `the program ended without making call #${replay.pending.seq + 1} (tools.${replay.pending.path}) again`
      if (missing.length > 0) return `the program ended without making ${missing.length} of the calls it made before`
      return undefined
    },
    notes: (seq) => notes.get(seq),
    settled: () => [...settled.values()].sort((a, b) => a.seq - b.seq),
  }
}

function differenceMessage(seq: number, recordedPath: string, path: string): string {
  const was = recordedPath === path ? `tools.${path} with other arguments` : `tools.${path}`
  return `Replaying the program after the approval, call #${seq + 1} was ${was} where the recorded run called tools.${recordedPath}; the program depends on something that changed between runs, so it was stopped rather than guessed at`
}

function safeJson(value: unknown): string | undefined {
  try {
    return JSON.stringify(value)
  } catch {
    return undefined
  }
}

function recordedArgs(args: unknown): JsonValue {
  if (args === undefined) return null
  const json = JSON.stringify(args)
  const { kept, droppedBytes } = cutUtf8(json, RECORDED_ARGS_BYTES)
  return droppedBytes === 0 ? (args as JsonValue) : kept + truncationMarker(droppedBytes)
}
