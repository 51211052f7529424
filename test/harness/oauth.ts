// Following an OAuth authorization by hand, as a browser would: the authorization server's
// redirect back to Executor's callback, with the session cookie sent only to Executor's origin.
export type AuthorizationPage = { status: number; text: string; url: string }

export async function followAuthorization(executorUrl: string, authorizeUrl: string, cookie = ''): Promise<AuthorizationPage> {
  let url = authorizeUrl
  for (let hop = 0; hop < 5; hop++) {
    const own = url.startsWith(executorUrl)
    const response = await fetch(url, { redirect: 'manual', headers: own && cookie ? { cookie } : {} })
    const location = response.headers.get('location')
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel()
      url = new URL(location, url).toString()
      continue
    }
    return { status: response.status, text: await response.text(), url }
  }
  throw new Error('too many redirects')
}
