// The browser both Playwright runs (container and Worker) drive: Debian's Chromium, since
// browsers cannot be downloaded here, kept off the network it would otherwise dial.
import { devices, type PlaywrightTestConfig } from '@playwright/test'

export const chrome = { ...devices['Desktop Chrome'], channel: undefined }

export const launchOptions: NonNullable<PlaywrightTestConfig['use']>['launchOptions'] = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  // Without these Chromium keeps dialling Google's hosts, which this network refuses.
  args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-gpu'],
}
