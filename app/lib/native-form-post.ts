// The sign-in, setup and join forms are sent by script as JSON. Their markup still says
// method="post" to their own page, so a form that is ever submitted natively (before the page
// is interactive, or with JavaScript off) can never put a password into a URL, a log line or
// the browser history. Such a POST is answered by sending the browser back to the page, with
// the body left unread and nothing of it echoed.
export function redirectNativeFormPost({ request }: { request: Request }): Response {
  const url = new URL(request.url)
  return new Response(null, { status: 303, headers: { location: `${url.pathname}${url.search}`, 'cache-control': 'no-store' } })
}
