// Tool search on a real libSQL file with the FTS5 index of migration 0003.
import { expect, test } from 'vitest'
import type { Database } from '~/db/database'
import { addIntegration, makeTool } from '~/test/catalog-fixtures'
import { tempDatabase } from '~/test/temp-db'
import { matchExpressions, searchTools } from './tool-search'
import { replaceTools, type ToolInput } from './tool-store'

const params = (...names: string[]) => ({ type: 'object', properties: Object.fromEntries(names.map((n) => [n, { type: 'string' }])) })

const githubTools: ToolInput[] = [
  makeTool('issues.create', { title: 'Create an issue', description: 'Any user with pull access to a repository can create an issue.', inputSchema: { type: 'object', properties: { owner: {}, repo: {}, body: { type: 'object', properties: { title: {}, labels: {}, assignees: {} } } } } }),
  makeTool('issues.list_for_repo', { title: 'List repository issues', description: 'List issues in a repository. Only open issues will be listed.', inputSchema: params('owner', 'repo', 'state') }),
  makeTool('issues.createComment', { title: 'Create an issue comment', description: 'Comments on an issue or pull request.', inputSchema: params('owner', 'repo', 'issue_number') }),
  makeTool('issues.get', { title: 'Get an issue', description: 'The API returns a single issue by its number.', inputSchema: params('owner', 'repo', 'issue_number') }),
  makeTool('repos.get', { title: 'Get a repository', description: 'The parent and source objects are present when the repository is a fork.', inputSchema: params('owner', 'repo') }),
  makeTool('repos.createForAuthenticatedUser', { title: 'Create a repository for the authenticated user', description: 'Creates a new repository for the authenticated user.', inputSchema: params('name', 'private') }),
  makeTool('pulls.create', { title: 'Create a pull request', description: 'Draft pull requests are available in public repositories. You can link an issue in the body.', inputSchema: params('owner', 'repo', 'head', 'base') }),
  makeTool('users.getAuthenticated', { title: 'Get the authenticated user', description: 'Returns public and private profile information.', inputSchema: params() }),
]

const petstoreTools: ToolInput[] = [
  makeTool('pets.listPetsByOwner', { title: 'Pets of one owner', description: 'Returns every animal registered to a person.', inputSchema: params('ownerId', 'limit') }),
  makeTool('pets.showPetById', { title: 'Info for a specific pet', description: 'Returns one animal.', inputSchema: params('petId') }),
  makeTool('store.getInventory', { title: 'Returns pet inventories by status', description: 'Returns a map of status codes to quantities.', inputSchema: params() }),
]

async function seeded(): Promise<{ db: Database; ids: { github: string; petstore: string } }> {
  const { db } = await tempDatabase()
  const github = await addIntegration(db, 'int_gh', 'github')
  const petstore = await addIntegration(db, 'int_pet', 'petstore')
  await replaceTools(db, github, githubTools)
  await replaceTools(db, petstore, petstoreTools)
  return { db, ids: { github: github.id, petstore: petstore.id } }
}

const paths = async (db: Database, query: string, options?: Parameters<typeof searchTools>[2]) =>
  (await searchTools(db, query, options)).map((hit) => hit.path)

test('finds tools by stemmed and prefixed words of the path: "issue" finds issues.*, "repo" finds repos.get', async () => {
  const { db } = await seeded()
  const issue = await paths(db, 'issue')
  expect(issue).toEqual(expect.arrayContaining(['github.issues.create', 'github.issues.list_for_repo', 'github.issues.get', 'github.issues.createComment']))
  expect(issue.slice(0, 4).every((p) => p.startsWith('github.issues.'))).toBe(true)
  expect((await paths(db, 'repo'))[0]).toBe('github.repos.get')
  expect(await paths(db, 'inventor')).toEqual(['petstore.store.getInventory'])
})

test('"create issue" ranks issues.create first; every hit carries title, description and a score', async () => {
  const { db } = await seeded()
  const hits = await searchTools(db, 'create issue')
  expect(hits[0]).toMatchObject({ path: 'github.issues.create', title: 'Create an issue', description: githubTools[0]?.description })
  expect(hits.map((h) => h.path)).toContain('github.pulls.create')
  expect(hits[0]!.score).toBeGreaterThan(0)
  expect((await paths(db, 'Create Issue!'))[0]).toBe('github.issues.create')
})

test('path segments split on dots, underscores and camelCase: listPetsByOwner is found by "pets", "owner" and its own name', async () => {
  const { db } = await seeded()
  expect(await paths(db, 'owner pets')).toEqual(['petstore.pets.listPetsByOwner', ...(await paths(db, 'owner pets')).slice(1)])
  expect((await paths(db, 'pets by owner'))[0]).toBe('petstore.pets.listPetsByOwner')
  expect((await paths(db, 'listPetsByOwner'))[0]).toBe('petstore.pets.listPetsByOwner')
  expect((await paths(db, 'list for repo'))[0]).toBe('github.issues.list_for_repo')
  expect((await paths(db, 'authenticated user'))[0]).toBe('github.users.getAuthenticated')
})

test('finds tools by title, description and parameter names, the path outranking the rest', async () => {
  const { db } = await seeded()
  expect(await paths(db, 'labels')).toEqual(['github.issues.create'])
  expect((await paths(db, 'petId'))[0]).toBe('petstore.pets.showPetById')
  expect(await paths(db, 'animal')).toEqual(expect.arrayContaining(['petstore.pets.listPetsByOwner', 'petstore.pets.showPetById']))
  expect(await paths(db, 'fork')).toEqual(['github.repos.get'])
  // "pull" is in pulls.create's path and only in descriptions elsewhere.
  expect((await paths(db, 'pull'))[0]).toBe('github.pulls.create')
})

test('integrationIds narrows the search; an empty query or list finds nothing', async () => {
  const { db, ids } = await seeded()
  expect(await paths(db, 'get', { integrationIds: [ids.petstore] })).toEqual(['petstore.store.getInventory'])
  expect((await paths(db, 'get', { integrationIds: [ids.github] })).every((p) => p.startsWith('github.'))).toBe(true)
  expect(await paths(db, 'get', { integrationIds: [] })).toEqual([])
  expect(await paths(db, '')).toEqual([])
  expect(await paths(db, '   ')).toEqual([])
  expect(await paths(db, 'issue', { limit: 2 })).toHaveLength(2)
})

test('hostile queries never reach FTS5 as syntax and never throw', async () => {
  const { db } = await seeded()
  const hostile = [
    '"', '""', '"issue', 'issue"', '*', 'issue*', '-issue', 'issue -create', 'path_words:issue', 'title:', ':', '(', ')', '(issue', 'issue)',
    'NEAR(issue create)', 'NEAR', 'issue NEAR create', 'OR', 'issue OR', 'OR issue', 'AND', 'NOT', 'issue NOT create', '^issue', '+', '{path_words title}: x',
    "'; drop table tool; --", '\\', '%', '_', '.', 'a.b.c', 'é', 'ﬁle', '日本語', '🙂', '\u0000', 'x'.repeat(10_000), 'issue '.repeat(500),
  ]
  for (const query of hostile) await expect(searchTools(db, query), query).resolves.toBeInstanceOf(Array)
  expect((await paths(db, '"issue*'))[0]).toMatch(/^github\.issues\./)
  expect((await paths(db, 'create OR issue'))[0]).toBe('github.issues.create')
  expect((await paths(db, '(create AND issue)'))[0]).toBe('github.issues.create')
  expect(await paths(db, 'NEAR(create issue)')).toContain('github.issues.create')
  expect(await getToolCount(db)).toBe(githubTools.length + petstoreTools.length)
})

test('a query becomes quoted, prefix-matched words joined by operators written here', () => {
  expect(matchExpressions('Create the "issue" NEAR(x)*')).toEqual({
    any: '"create"* OR "issue"* OR "near"* OR "x"',
    all: '"create"* AND "issue"* AND "near"* AND "x"',
    allInPath: 'path_words : ("create"* AND "issue"* AND "near"* AND "x")',
  })
  expect(matchExpressions('the')).toEqual({ any: '"the"*', all: '"the"*', allInPath: 'path_words : ("the"*)' })
  expect(matchExpressions('-*:()')).toBeUndefined()
})

async function getToolCount(db: Database) {
  const rows = await db.all<{ n: number }>('select count(*) as n from tool' as never)
  return Number(rows[0]?.n)
}
