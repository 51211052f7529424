// False in the server render and the hydration pass, true once React runs the page in the
// browser: for what must differ between the two (local time zones, fields that may only take
// input once React owns them).
import { useSyncExternalStore } from 'react'

const noSubscription = () => () => {}

export function useHydrated() {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  )
}
