import type { BlobStoreKind } from '../blobs/blob-store'
import { checkHealth, type Health } from '../health/check-health'
import { getOrganization } from '../organization/organization'
import type { Platform, Target } from '../platform/types'

export type Shell = { orgName: string }

/** What every console page's frame shows. */
export async function getShell(platform: Platform): Promise<Shell> {
  const org = await getOrganization(platform.db)
  return { orgName: org?.name ?? 'Executor' }
}

export type Overview = {
  orgName: string
  orgSlug: string
  target: Target
  publicOrigin: string
  mcpUrl: string
  health: Health
  /** where integration sources are kept: R2 on a Worker with BLOBS bound, else the database */
  blobStore: BlobStoreKind
}

/** The overview page: where agents connect and whether the gateway is healthy. */
export async function getOverview(platform: Platform): Promise<Overview> {
  const [org, health] = await Promise.all([getOrganization(platform.db), checkHealth(platform.db)])
  return {
    orgName: org?.name ?? 'Executor',
    orgSlug: org?.slug ?? '',
    target: platform.target,
    publicOrigin: platform.publicOrigin,
    mcpUrl: `${platform.publicOrigin}/mcp`,
    health,
    blobStore: platform.blobs.kind,
  }
}
