import type { Database } from '~/db/database'
import type { Logger } from '../observability/logger'
import type { Accounts } from './accounts'
import { needsSetup } from './owner-claim'
import { SETUP_CODE_HEADER } from './setup-code'

/**
 * EXECUTOR_BOOTSTRAP_ADMIN_*: the owner, created headlessly through the same sign-up as /setup.
 * Once an owner exists this changes nothing — not even a password — and says so once.
 */
export async function bootstrapOwner(
  accounts: Accounts,
  db: Database,
  admin: { email: string; password: string; name: string },
  log: Logger,
  setupCode?: string,
) {
  if (!(await needsSetup(db))) {
    log.info('EXECUTOR_BOOTSTRAP_ADMIN_* ignored: this Executor already has an owner; no account or password was changed')
    return
  }
  // Whoever sets these variables already controls the server, so the setup code is theirs too.
  const headers = setupCode === undefined ? undefined : new Headers({ [SETUP_CODE_HEADER]: setupCode })
  await accounts.api.signUpEmail({ body: { email: admin.email, password: admin.password, name: admin.name }, headers })
  log.info('bootstrap owner created', { email: admin.email })
}
