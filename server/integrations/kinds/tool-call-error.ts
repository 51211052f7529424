// A tool call that failed for a reason the agent should read (the upstream's answer, bad
// arguments, a refused address…). Its message goes to the sandbox as is, so whoever throws it
// makes sure it holds no secret. Any other error from a kind is a fault of Executor's: logged,
// and the agent reads only that the call failed inside Executor.
export class ToolCallError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ToolCallError'
  }
}
