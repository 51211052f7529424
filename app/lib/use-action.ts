// Pending and error state for one button or form that calls the API, so every mutation shows
// progress while it runs and the server's message when it fails. The action itself does what
// follows success (show a result, refresh the page's data), so `pending` lasts until the page is fresh.
import { useState } from 'react'

export function useAction<TArgs extends unknown[]>(action: (...args: TArgs) => Promise<void>) {
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<unknown>(null)
  async function run(...args: TArgs) {
    setPending(true)
    setError(null)
    try {
      await action(...args)
    } catch (caught) {
      setError(caught)
    } finally {
      setPending(false)
    }
  }
  return { run, pending, error, clearError: () => setError(null) }
}
