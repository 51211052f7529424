// Bad configuration stops boot with one line per problem and exit code 1 (never start
// half-configured). Boot prints `issues` itself; `message` exists so an uncaught one still reads right.

/** One problem: `message` is a whole line that starts with the variable's name and ends with the fix. */
export type ConfigIssue = { variable: string; message: string }

/**
 * Invalid configuration, with every problem found rather than only the first. `message` is all
 * issue lines joined by '\n'. No message ever contains a secret's value.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError'
  readonly issues: ConfigIssue[]

  constructor(issues: ConfigIssue[]) {
    super(issues.map((issue) => issue.message).join('\n'))
    this.issues = issues
  }
}

/** `problem` reads on from the variable's name: `must be …; <fix>`. */
export function configIssue(variable: string, problem: string): ConfigIssue {
  return { variable, message: `${variable} ${problem}` }
}
