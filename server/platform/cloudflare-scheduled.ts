// A Nitro runtime plugin of the Worker build (vite.config.ts `plugins`): the Worker's `scheduled`
// handler, which Nitro turns into the `cloudflare:scheduled` hook, runs the periodic sweep.
import { definePlugin } from 'nitro'
import { sweepOnSchedule } from './cloudflare'

export default definePlugin((nitroApp) => {
  nitroApp.hooks.hook('cloudflare:scheduled', () => sweepOnSchedule())
})
