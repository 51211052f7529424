// What a GraphQL tool stores to be called: one root field of the schema, its arguments with
// their GraphQL types as printed (`Int!`, `[IssueState!]`), and the selection set sent when the
// agent names none. The document is rebuilt from this at every call; argument values always
// travel as variables.

export type GraphQlArgument = {
  name: string
  /** the GraphQL type as printed, e.g. `ID!`, `[String!]`, `IssueFilters` */
  type: string
  /** non-null without a default: the call fails locally when it is missing */
  required: boolean
}

export type GraphQlOperation = {
  operationType: 'query' | 'mutation'
  field: string
  args: GraphQlArgument[]
  /** the field's return type as printed */
  returnType: string
  /** the selection set sent by default (`{ id name }`); '' when the field returns a scalar or enum */
  selection: string
  /** the input property that takes the agent's own selection set: `select`, unless the field has an argument of that name */
  selectKey: string
}
