// Asking the person at the MCP client to approve a call, inline, by form elicitation: the tool,
// its arguments (what the program passed: never a credential, which the program never sees) and
// the rule that asks. Accept with approve → approved; approve unticked or decline → denied;
// cancel, no answer within the wait, or a failed request → undecided, and the run pauses instead
// (the approval link and the `resume` tool still work).
import { ElicitResultSchema, type ClientCapabilities, type ServerRequest } from '@modelcontextprotocol/sdk/types.js'
import type { AskApproval } from '../executions/run-session'

/** Characters of the arguments shown in the question. */
const SHOWN_ARGS_CHARS = 2_000

type RequestSender = {
  sendRequest: (request: ServerRequest, schema: typeof ElicitResultSchema, options?: { signal?: AbortSignal; timeout?: number }) => Promise<unknown>
}

/** Whether the client declared form elicitation (an empty `elicitation` object means form, as before modes existed). */
export function supportsFormElicitation(capabilities: ClientCapabilities | undefined): boolean {
  const elicitation = capabilities?.elicitation
  if (!elicitation) return false
  return elicitation.form !== undefined || Object.keys(elicitation).length === 0
}

export function elicitingAsk(extra: RequestSender): AskApproval {
  return async (request, { waitMs, signal }) => {
    const shown = argsText(request.args)
    const message = [
      `The program wants to call tools.${request.path}`,
      `Arguments: ${shown}`,
      `Why it asks: ${request.reason}`,
      'Approve this call?',
    ].join('\n')
    try {
      const answer = ElicitResultSchema.parse(
        await extra.sendRequest(
          {
            method: 'elicitation/create',
            params: {
              mode: 'form',
              message,
              requestedSchema: {
                type: 'object',
                properties: {
                  approve: { type: 'boolean', title: `Approve tools.${request.path}`, description: 'Tick to let the call go ahead', default: false },
                },
                required: ['approve'],
              },
            },
          },
          ElicitResultSchema,
          { signal, timeout: waitMs },
        ),
      )
      if (answer.action === 'accept') return answer.content?.approve === true ? 'approve' : 'deny'
      if (answer.action === 'decline') return 'deny'
      return 'undecided'
    } catch {
      return 'undecided'
    }
  }
}

function argsText(args: unknown): string {
  if (args === undefined) return '(none)'
  const text = JSON.stringify(args)
  return text.length > SHOWN_ARGS_CHARS ? `${text.slice(0, SHOWN_ARGS_CHARS)}… (${text.length} characters in all)` : text
}
