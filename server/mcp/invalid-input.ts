// Tool arguments that fail their schema come back as one sentence an agent can act on, naming
// each field by its dotted path: `Invalid input: code must be a string; limits.timeoutMs must be
// at least 100`, never zod's issue list.
import type { z } from 'zod'

/** One issue as a clause. Messages that start with their field's name get its full path instead. */
export function issueClause(issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String)
  const field = path.join('.')
  const last = path.at(-1)
  if (!field || !last) return issue.message
  if (issue.message.startsWith(`${last} `)) return `${field}${issue.message.slice(last.length)}`
  // zod's own messages start with a capital ("Invalid input: …") and read better after a colon.
  return /^[a-z]/.test(issue.message) ? `${field} ${issue.message}` : `${field}: ${issue.message}`
}

export function invalidInputText(error: z.ZodError): string {
  return `Invalid input: ${error.issues.map(issueClause).join('; ')}`
}

/** The tool result for arguments that failed validation: isError, so the agent can correct them. */
export function invalidInputResult(error: z.ZodError) {
  return { content: [{ type: 'text' as const, text: invalidInputText(error) }], isError: true }
}
