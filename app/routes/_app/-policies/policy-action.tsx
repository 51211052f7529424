// How each policy action reads and looks: allow green, require approval amber, block red.
import type { PolicyAction } from '~/db/enums'
import { Badge } from '../../../components/badge'

export const actionLabels: Record<PolicyAction, string> = { allow: 'Allow', require_approval: 'Require approval', block: 'Block' }

const tones = { allow: 'green', require_approval: 'amber', block: 'red' } as const

export function ActionBadge(props: { action: PolicyAction }) {
  return <Badge tone={tones[props.action]}>{actionLabels[props.action]}</Badge>
}
