// Test-only (imported by *.test.ts, never by the app): a real GraphQL server on 127.0.0.1, served
// by graphql-http (the GraphQL-over-HTTP reference server), with what an importer and a caller
// meet in real schemas: queries and mutations, an interface and a union, a custom scalar, an
// enum, input objects (one of them recursive), arguments with defaults, a field that fails while
// its siblings resolve (partial data), and a subscription (which Executor ignores). Every request
// needs `Authorization: Bearer <token>` unless `token` is left out; without it the answer is 401.
// With `checkToken` instead, any bearer token it accepts will do (one an OAuth fixture issued).
import http from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { buildSchema, execute, getOperationAST, parse, specifiedRules, validate } from 'graphql'
import { createHandler } from 'graphql-http/lib/use/http'

export const FIXTURE_SDL = /* GraphQL */ `
"""An ISO-8601 date and time"""
scalar DateTime

"""Whether a repository takes contributions"""
enum Status {
  OPEN
  """No longer maintained"""
  ARCHIVED
}

"""Anything with a global id"""
interface Node {
  id: ID!
}

type User implements Node {
  id: ID!
  login: String!
  name: String
  createdAt: DateTime!
  repos: [Repo!]!
}

type Bot {
  name: String!
  version: Float!
}

"""Who acted: a person or a bot"""
union Actor = User | Bot

type Repo implements Node {
  id: ID!
  name: String!
  status: Status!
  stars: Int!
  createdAt: DateTime!
  owner: User!
  topics(first: Int!): [String!]!
  oldName: String @deprecated(reason: "use name")
}

type Health {
  ok: String
  broken: String
}

input RepoFilter {
  status: Status
  minStars: Int
  """both this filter and that one"""
  and: RepoFilter
}

input CreateRepoInput {
  name: String!
  status: Status = OPEN
  topics: [String!]
}

type Query {
  """A repository by its id"""
  repo(id: ID!): Repo
  """Repositories, most stars first"""
  repos(filter: RepoFilter, first: Int = 10): [Repo!]!
  node(id: ID!): Node
  """Who has this login"""
  actor(login: String!): Actor
  viewer: User!
  """One part works, one part fails"""
  health: Health
  now: DateTime!
}

type Mutation {
  """Creates a repository owned by the viewer"""
  createRepo(input: CreateRepoInput!): Repo!
  starRepo(id: ID!, times: Int = 1): Repo!
  deleteRepo(id: ID!): Boolean!
}

type Subscription {
  repoCreated: Repo!
}
`

type RepoRecord = { id: string; name: string; status: 'OPEN' | 'ARCHIVED'; stars: number; createdAt: string }

export type GraphQlOperationSeen = { query: string; variables: Record<string, unknown> | undefined; authorization: string }

export interface GraphQlFixture {
  /** `http://127.0.0.1:<port>/graphql` */
  readonly url: string
  /** every HTTP request, accepted or not, in arrival order (its Authorization header, '' for none) */
  readonly requests: string[]
  /** every GraphQL operation that passed the token check */
  readonly operations: GraphQlOperationSeen[]
  close(): Promise<void>
}

/** Listens on 127.0.0.1 only, on a free port; `token` is the bearer token required (none: open). */
export async function startGraphQlFixture(options: { token?: string; checkToken?: (token: string) => boolean } = {}): Promise<GraphQlFixture> {
  const requests: string[] = []
  const operations: GraphQlOperationSeen[] = []
  const viewer = { id: 'U1', login: 'octo', name: 'Octo Cat', createdAt: '2020-01-02T03:04:05Z' }
  const repos = new Map<string, RepoRecord>()
  let nextId = 1
  const add = (name: string, stars: number, status: RepoRecord['status'] = 'OPEN') => {
    const repo = { id: `R${nextId++}`, name, status, stars, createdAt: '2021-05-06T07:08:09Z' }
    repos.set(repo.id, repo)
    return repo
  }
  add('hello-world', 5)
  add('old-thing', 1, 'ARCHIVED')

  const user = () => ({ __typename: 'User', ...viewer, repos: () => [...repos.values()].map(repoView) })
  const repoView = (repo: RepoRecord) => ({
    __typename: 'Repo',
    ...repo,
    oldName: repo.name,
    owner: () => user(),
    topics: ({ first }: { first: number }) => ['graphql', 'testing', 'fixtures'].slice(0, first),
  })
  const matches = (repo: RepoRecord, filter: { status?: string; minStars?: number; and?: unknown } | undefined): boolean =>
    !filter ||
    ((filter.status === undefined || filter.status === null || repo.status === filter.status) &&
      (filter.minStars === undefined || filter.minStars === null || repo.stars >= filter.minStars) &&
      matches(repo, (filter.and ?? undefined) as typeof filter))
  const mustFind = (id: string) => {
    const repo = repos.get(id)
    if (!repo) throw new Error(`No repository ${id}`)
    return repo
  }

  const rootValue = {
    repo: ({ id }: { id: string }) => (repos.has(id) ? repoView(mustFind(id)) : null),
    repos: ({ filter, first }: { filter?: Parameters<typeof matches>[1]; first: number }) =>
      [...repos.values()].filter((repo) => matches(repo, filter)).sort((a, b) => b.stars - a.stars).slice(0, first).map(repoView),
    node: ({ id }: { id: string }) => (id === viewer.id ? user() : repos.has(id) ? repoView(mustFind(id)) : null),
    actor: ({ login }: { login: string }) => (login === viewer.login ? user() : { __typename: 'Bot', name: login, version: 1.5 }),
    viewer: () => user(),
    health: () => ({
      ok: 'fine',
      broken: () => {
        throw new Error('the health probe broke')
      },
    }),
    now: () => '2024-01-01T00:00:00Z',
    createRepo: ({ input }: { input: { name: string; status: RepoRecord['status'] } }) => repoView(add(input.name, 0, input.status)),
    starRepo: ({ id, times }: { id: string; times: number }) => {
      const repo = mustFind(id)
      repo.stars += times
      return repoView(repo)
    },
    deleteRepo: ({ id }: { id: string }) => repos.delete(id),
  }

  const handler = createHandler({
    schema: buildSchema(FIXTURE_SDL),
    rootValue,
    // graphql-http's own `graphql` import may resolve to another copy of the package than ours
    // (its CommonJS or production build), and graphql-js refuses schemas from another copy.
    parse,
    validate,
    execute,
    getOperationAST,
    validationRules: () => specifiedRules,
    context: (request, params) => {
      const authorization = String((request.raw as http.IncomingMessage).headers.authorization ?? '')
      operations.push({ query: params.query, variables: params.variables ?? undefined, authorization })
      return undefined
    },
  })
  const server = http.createServer((request, response) => {
    const authorization = request.headers.authorization ?? ''
    requests.push(authorization)
    if (new URL(request.url ?? '/', 'http://fixture').pathname !== '/graphql') {
      response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: 'Not found' }] }))
      return
    }
    const bearer = /^Bearer (.+)$/.exec(authorization)?.[1]
    if (options.checkToken && !(bearer !== undefined && options.checkToken(bearer))) {
      response
        .writeHead(401, { 'content-type': 'application/json', 'www-authenticate': `Bearer realm="fixture"${bearer !== undefined ? ', error="invalid_token"' : ''}` })
        .end(JSON.stringify({ errors: [{ message: 'Bad credentials' }] }))
      return
    }
    if (options.token !== undefined && authorization !== `Bearer ${options.token}`) {
      response
        .writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Bearer realm="fixture"' })
        .end(JSON.stringify({ errors: [{ message: 'Bad credentials' }] }))
      return
    }
    handler(request, response).catch(() => response.writeHead(500).end())
  })
  const sockets = new Set<Socket>()
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    requests,
    operations,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}
