// The selection set a call sends when the agent names none: the scalar and enum fields of the
// return type, then its object fields' the same way, down to a depth and up to a field count,
// so a default answer is useful without pulling a whole graph. Fields that require arguments
// and deprecated fields are left out; abstract types (interfaces, unions) get `__typename`, and
// a union also gets each member's scalar fields in an inline fragment.
import {
  getNamedType,
  isInterfaceType,
  isLeafType,
  isObjectType,
  isUnionType,
  type GraphQLField,
  type GraphQLInterfaceType,
  type GraphQLObjectType,
  type GraphQLOutputType,
} from 'graphql'
import { isRequired } from './input-schema'

export type SelectionLimits = {
  /** object fields followed below the top level (2: `owner { org { name } }`, no further) */
  depth: number
  /** fields selected in all */
  maxFields: number
  /** a union's members' scalar fields in inline fragments (they can conflict: `id: ID` in one, `id: Int` in another) */
  fragments: boolean
}

export const DEFAULT_SELECTION_LIMITS: SelectionLimits = { depth: 2, maxFields: 60, fragments: true }
/** What is sent when the fuller selection does not validate against the schema. */
export const PLAIN_SELECTION_LIMITS: SelectionLimits = { depth: 0, maxFields: 60, fragments: false }

/** The selection set for a field returning `type`, as text; '' for scalars and enums (they take none). */
export function defaultSelection(type: GraphQLOutputType, limits: SelectionLimits = DEFAULT_SELECTION_LIMITS): string {
  const named = getNamedType(type)
  if (isLeafType(named)) return ''
  const budget = { left: limits.maxFields }
  return selectionOf(named, limits.depth, budget, limits.fragments) ?? '{ __typename }'
}

type Budget = { left: number }
type Composite = GraphQLObjectType | GraphQLInterfaceType

function selectionOf(type: GraphQLOutputType, depth: number, budget: Budget, fragments: boolean): string | undefined {
  const named = getNamedType(type)
  if (isUnionType(named)) {
    const parts = ['__typename']
    // One response key may not have two types across members (`name: String` and `name: String!`
    // conflict), so a member leaves out a field an earlier member selected with another type.
    const typed = new Map<string, string>()
    for (const member of fragments ? named.getTypes() : []) {
      const leaves = leafFields(member, budget, (field) => (typed.get(field.name) ?? String(field.type)) === String(field.type))
      for (const name of leaves) typed.set(name, String(member.getFields()[name]?.type))
      if (leaves.length > 0) parts.push(`... on ${member.name} { ${leaves.join(' ')} }`)
    }
    return `{ ${parts.join(' ')} }`
  }
  if (!isObjectType(named) && !isInterfaceType(named)) return undefined
  const parts = isInterfaceType(named) ? ['__typename'] : []
  parts.push(...leafFields(named, budget))
  if (depth > 0) {
    for (const field of selectableFields(named)) {
      if (budget.left <= 0) break
      if (isLeafType(getNamedType(field.type))) continue
      const nested = selectionOf(field.type, depth - 1, budget, fragments)
      if (nested !== undefined) parts.push(`${field.name} ${nested}`)
    }
  }
  return parts.length > 0 ? `{ ${parts.join(' ')} }` : undefined
}

/** The scalar and enum fields of `type` that take no required argument (and `fits`), within the budget. */
function leafFields(type: Composite, budget: Budget, fits: (field: GraphQLField<unknown, unknown>) => boolean = () => true): string[] {
  const names: string[] = []
  for (const field of selectableFields(type)) {
    if (budget.left <= 0) break
    if (!isLeafType(getNamedType(field.type)) || !fits(field)) continue
    names.push(field.name)
    budget.left--
  }
  return names
}

function selectableFields(type: Composite): GraphQLField<unknown, unknown>[] {
  return Object.values(type.getFields()).filter((field) => !field.deprecationReason && !field.args.some(isRequired))
}
