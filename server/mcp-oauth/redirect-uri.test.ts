import { expect, test } from 'vitest'
import { redirectUriProblem } from './redirect-uri'

test('https, loopback http and app schemes are accepted', () => {
  for (const uri of ['https://app.example.com/cb', 'http://localhost:33418/callback', 'http://127.0.0.1:9/cb', 'http://[::1]:8080/cb', 'cursor://anysphere.cursor-mcp/oauth/callback']) {
    expect(redirectUriProblem(uri), uri).toBeUndefined()
  }
})

test('http elsewhere, fragments, relative URLs and executable schemes are refused', () => {
  for (const uri of ['http://app.example.com/cb', 'https://app.example.com/cb#x', '/callback', 'javascript:alert(1)', 'data:text/html,hi', 'file:///etc/passwd']) {
    expect(redirectUriProblem(uri), uri).toEqual(expect.any(String))
  }
})
