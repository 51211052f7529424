// The guard as a table: each hostile URL is refused with its code and a message that names the
// host and the reason, with and without EXECUTOR_ALLOW_LOCAL_NETWORK. Names resolve through a
// stub; nothing here opens a socket.
import { expect, test } from 'vitest'
import { checkUrl, type GuardOptions } from './guard'
import { NetworkGuardError, type NetworkGuardCode } from './guard-error'
import { createStaticResolver } from './static-resolver'

const PUBLIC_V4 = '93.184.215.14'
const PUBLIC_V6 = '2606:2800:21f:cb07:6820:80da:af6b:8b2c'

function stubResolver() {
  return createStaticResolver({
    'internal.example.com': ['10.0.0.5'],
    'mixed.example.com': [PUBLIC_V4, '192.168.1.10'],
    '127.0.0.1.nip.io': ['127.0.0.1'],
    'metadata-alias.example.com': ['169.254.169.254'],
    'v6-loopback.example.com': ['::1'],
    'mapped-metadata.example.com': ['::ffff:169.254.169.254'],
    'aws-v6.example.com': [PUBLIC_V6, 'fd00:ec2::254'],
    'cgnat.example.com': ['100.64.0.1'],
    'zoned.example.com': ['fe80::1%eth0'],
    'garbage.example.com': ['not-an-address'],
    'empty.example.com': [],
    'service.internal': ['10.1.2.3'],
    'printer.local': ['192.168.1.50'],
    'nas.home.arpa': ['192.168.1.60'],
    'public.example.com': [PUBLIC_V4, PUBLIC_V6],
    'v6only.example.com': [PUBLIC_V6],
    'api.example.org': ['1.1.1.1'],
  })
}

type Level = 'always' | 'local' | null

// [url, code, level (always / local / not an address problem), what the message must say]
const HOSTILE: [string, NetworkGuardCode, Level, string][] = [
  // Loopback in every IPv4 spelling (URL parsing canonicalises most; the guard must agree).
  ['http://127.0.0.1/', 'BLOCKED_ADDRESS', 'local', '127.0.0.1 (loopback address)'],
  ['http://127.1/', 'BLOCKED_ADDRESS', 'local', '127.0.0.1 (loopback address)'],
  ['http://127.0.1/', 'BLOCKED_ADDRESS', 'local', '127.0.0.1 (loopback address)'],
  ['http://2130706433/', 'BLOCKED_ADDRESS', 'local', '127.0.0.1 (loopback address)'],
  ['http://0x7f000001/', 'BLOCKED_ADDRESS', 'local', '127.0.0.1 (loopback address)'],
  ['http://0x7f.0.0.1/', 'BLOCKED_ADDRESS', 'local', '127.0.0.1 (loopback address)'],
  ['http://0x7F.0x00.0x00.0x01/', 'BLOCKED_ADDRESS', 'local', '127.0.0.1 (loopback address)'],
  ['http://0177.0.0.1/', 'BLOCKED_ADDRESS', 'local', '127.0.0.1 (loopback address)'],
  ['http://0177.0000.0000.0001/', 'BLOCKED_ADDRESS', 'local', '127.0.0.1 (loopback address)'],
  ['http://017700000001/', 'BLOCKED_ADDRESS', 'local', '127.0.0.1 (loopback address)'],
  ['http://0x7f.1/', 'BLOCKED_ADDRESS', 'local', '127.0.0.1 (loopback address)'],
  ['http://127.000.000.001/', 'BLOCKED_ADDRESS', 'local', '127.0.0.1 (loopback address)'],
  ['http://127.0.0.1./', 'BLOCKED_ADDRESS', 'local', '127.0.0.1 (loopback address)'],
  ['http://１２７.０.０.１/', 'BLOCKED_ADDRESS', 'local', '127.0.0.1 (loopback address)'],
  ['https://127.0.0.1:8443/admin', 'BLOCKED_ADDRESS', 'local', '127.0.0.1 (loopback address)'],
  ['http://127.255.255.254/', 'BLOCKED_ADDRESS', 'local', '127.255.255.254 (loopback address)'],
  // Unspecified: connects to this host.
  ['http://0.0.0.0/', 'BLOCKED_ADDRESS', 'local', '0.0.0.0 (unspecified address)'],
  ['http://0/', 'BLOCKED_ADDRESS', 'local', '0.0.0.0 (unspecified address)'],
  ['http://0x0/', 'BLOCKED_ADDRESS', 'local', '0.0.0.0 (unspecified address)'],
  // Private, shared, benchmark, documentation, multicast, reserved.
  ['http://10.0.0.1/', 'BLOCKED_ADDRESS', 'local', '10.0.0.1 (private network address)'],
  ['http://012.0.0.1/', 'BLOCKED_ADDRESS', 'local', '10.0.0.1 (private network address)'],
  ['http://167772161/', 'BLOCKED_ADDRESS', 'local', '10.0.0.1 (private network address)'],
  ['http://172.16.0.1/', 'BLOCKED_ADDRESS', 'local', '172.16.0.1 (private network address)'],
  ['http://172.31.255.255/', 'BLOCKED_ADDRESS', 'local', '172.31.255.255 (private network address)'],
  ['http://192.168.1.1/', 'BLOCKED_ADDRESS', 'local', '192.168.1.1 (private network address)'],
  ['http://0xc0a80101/', 'BLOCKED_ADDRESS', 'local', '192.168.1.1 (private network address)'],
  ['http://3232235777/', 'BLOCKED_ADDRESS', 'local', '192.168.1.1 (private network address)'],
  ['http://100.64.0.1/', 'BLOCKED_ADDRESS', 'local', '100.64.0.1 (carrier-grade NAT (shared) address)'],
  ['http://198.18.0.1/', 'BLOCKED_ADDRESS', 'local', '198.18.0.1 (benchmarking address)'],
  ['http://192.0.2.1/', 'BLOCKED_ADDRESS', 'local', '192.0.2.1 (documentation (TEST-NET-1) address)'],
  ['http://198.51.100.7/', 'BLOCKED_ADDRESS', 'local', '198.51.100.7 (documentation (TEST-NET-2) address)'],
  ['http://203.0.113.9/', 'BLOCKED_ADDRESS', 'local', '203.0.113.9 (documentation (TEST-NET-3) address)'],
  ['http://192.0.0.8/', 'BLOCKED_ADDRESS', 'local', '192.0.0.8 (IETF protocol assignment address)'],
  ['http://224.0.0.1/', 'BLOCKED_ADDRESS', 'local', '224.0.0.1 (multicast address)'],
  ['http://240.0.0.1/', 'BLOCKED_ADDRESS', 'local', '240.0.0.1 (reserved address)'],
  ['http://255.255.255.255/', 'BLOCKED_ADDRESS', 'local', '255.255.255.255 (broadcast address)'],
  // Cloud metadata in every spelling: refused even with the local network allowed.
  ['http://169.254.169.254/latest/meta-data/', 'BLOCKED_ADDRESS', 'always', '169.254.169.254 (cloud metadata address'],
  ['http://2852039166/', 'BLOCKED_ADDRESS', 'always', '169.254.169.254 (cloud metadata address'],
  ['http://0xa9fea9fe/', 'BLOCKED_ADDRESS', 'always', '169.254.169.254 (cloud metadata address'],
  ['http://0251.0376.0251.0376/', 'BLOCKED_ADDRESS', 'always', '169.254.169.254 (cloud metadata address'],
  ['http://0xa9.0xfe.0xa9.0xfe/', 'BLOCKED_ADDRESS', 'always', '169.254.169.254 (cloud metadata address'],
  ['http://169.254.43518/', 'BLOCKED_ADDRESS', 'always', '169.254.169.254 (cloud metadata address'],
  ['http://169.254.170.2/v2/credentials', 'BLOCKED_ADDRESS', 'always', '169.254.170.2 (AWS ECS task metadata'],
  ['http://169.254.170.23/', 'BLOCKED_ADDRESS', 'always', '169.254.170.23 (AWS EKS Pod Identity'],
  ['http://169.254.42.42/', 'BLOCKED_ADDRESS', 'always', '169.254.42.42 (Scaleway metadata'],
  ['http://169.254.0.23/', 'BLOCKED_ADDRESS', 'always', '169.254.0.23 (link-local address'],
  ['http://100.100.100.200/latest/meta-data/', 'BLOCKED_ADDRESS', 'always', '100.100.100.200 (Alibaba Cloud metadata'],
  ['http://168.63.129.16/machine', 'BLOCKED_ADDRESS', 'always', '168.63.129.16 (Azure WireServer'],
  ['http://192.0.0.192/', 'BLOCKED_ADDRESS', 'always', '192.0.0.192 (Oracle Cloud Classic metadata'],
  // IPv6, and IPv6 forms that carry IPv4.
  ['http://[::1]/', 'BLOCKED_ADDRESS', 'local', '::1 (loopback address)'],
  ['http://[0:0:0:0:0:0:0:1]/', 'BLOCKED_ADDRESS', 'local', '::1 (loopback address)'],
  ['http://[::]/', 'BLOCKED_ADDRESS', 'local', ':: (unspecified address)'],
  [
    'http://[::ffff:127.0.0.1]/',
    'BLOCKED_ADDRESS',
    'local',
    '::ffff:7f00:1 (loopback address 127.0.0.1 in IPv4-mapped IPv6 form)',
  ],
  [
    'http://[::ffff:7f00:1]:8080/',
    'BLOCKED_ADDRESS',
    'local',
    '::ffff:7f00:1 (loopback address 127.0.0.1 in IPv4-mapped IPv6 form)',
  ],
  ['http://[::ffff:0:7f00:1]/', 'BLOCKED_ADDRESS', 'local', 'loopback address 127.0.0.1 in IPv4-translated IPv6 form'],
  ['http://[::127.0.0.1]/', 'BLOCKED_ADDRESS', 'local', 'loopback address 127.0.0.1 in IPv4-compatible IPv6 form'],
  [
    'http://[::ffff:10.0.0.1]/',
    'BLOCKED_ADDRESS',
    'local',
    'private network address 10.0.0.1 in IPv4-mapped IPv6 form',
  ],
  ['http://[::ffff:169.254.169.254]/', 'BLOCKED_ADDRESS', 'always', '169.254.169.254 in IPv4-mapped IPv6 form'],
  ['http://[::ffff:a9fe:a9fe]/', 'BLOCKED_ADDRESS', 'always', '169.254.169.254 in IPv4-mapped IPv6 form'],
  ['http://[64:ff9b::169.254.169.254]/', 'BLOCKED_ADDRESS', 'always', '169.254.169.254 in NAT64 form'],
  ['http://[64:ff9b::10.0.0.1]/', 'BLOCKED_ADDRESS', 'local', 'private network address 10.0.0.1 in NAT64 form'],
  ['http://[64:ff9b:1::a9fe:a9fe]/', 'BLOCKED_ADDRESS', 'always', '169.254.169.254 in local-use NAT64 form'],
  ['http://[64:ff9b:1::1]/', 'BLOCKED_ADDRESS', 'local', 'local-use NAT64 address'],
  ['http://[2002:a9fe:a9fe::1]/', 'BLOCKED_ADDRESS', 'always', '169.254.169.254 in 6to4 form'],
  ['http://[2002:7f00:1::1]/', 'BLOCKED_ADDRESS', 'local', 'loopback address 127.0.0.1 in 6to4 form'],
  ['http://[2001:0:4136:e378:8000:63bf:5601:5601]/', 'BLOCKED_ADDRESS', 'always', '169.254.169.254 in Teredo form'],
  ['http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/', 'BLOCKED_ADDRESS', 'local', 'Teredo tunnelling address'],
  ['http://[fe80::1]/', 'BLOCKED_ADDRESS', 'local', 'fe80::1 (link-local address)'],
  ['http://[fc00::1]/', 'BLOCKED_ADDRESS', 'local', 'fc00::1 (unique local (private network) address)'],
  ['http://[fd12:3456:789a::1]/', 'BLOCKED_ADDRESS', 'local', 'unique local (private network) address'],
  ['http://[fd00:ec2::254]/latest/meta-data/', 'BLOCKED_ADDRESS', 'always', 'fd00:ec2::254 (AWS EC2 metadata address)'],
  ['http://[fd00:ec2::23]/', 'BLOCKED_ADDRESS', 'always', 'fd00:ec2::23 (AWS EKS Pod Identity'],
  [
    'http://[fd20:ce::254]/computeMetadata/v1/',
    'BLOCKED_ADDRESS',
    'always',
    'fd20:ce::254 (Google Cloud metadata address)',
  ],
  ['http://[ff02::1]/', 'BLOCKED_ADDRESS', 'local', 'ff02::1 (multicast address)'],
  ['http://[2001:db8::1]/', 'BLOCKED_ADDRESS', 'local', '2001:db8::1 (documentation address)'],
  ['http://[100::1]/', 'BLOCKED_ADDRESS', 'local', '100::1 (discard-only address)'],
  ['http://[fec0::1]/', 'BLOCKED_ADDRESS', 'local', 'fec0::1 (deprecated site-local address)'],
  // Names that mean this host or the local network, refused before DNS.
  ['http://localhost/', 'BLOCKED_HOST', 'local', 'localhost (localhost name)'],
  ['http://localhost:4788/api', 'BLOCKED_HOST', 'local', 'localhost (localhost name)'],
  ['http://localhost./', 'BLOCKED_HOST', 'local', 'localhost. (localhost name)'],
  ['http://LOCALHOST/', 'BLOCKED_HOST', 'local', 'localhost (localhost name)'],
  ['http://api.localhost/', 'BLOCKED_HOST', 'local', 'api.localhost (localhost name)'],
  ['http://a.b.localhost./', 'BLOCKED_HOST', 'local', 'a.b.localhost. (localhost name)'],
  ['http://service.internal/', 'BLOCKED_HOST', 'local', 'service.internal (private-use .internal name)'],
  ['http://printer.local/', 'BLOCKED_HOST', 'local', 'printer.local (multicast DNS .local name)'],
  ['http://nas.home.arpa/', 'BLOCKED_HOST', 'local', 'nas.home.arpa (home network .home.arpa name)'],
  // Metadata names, always.
  [
    'http://metadata.google.internal/computeMetadata/v1/',
    'BLOCKED_HOST',
    'always',
    'metadata.google.internal (Google Cloud metadata server name)',
  ],
  ['http://metadata.google.internal./', 'BLOCKED_HOST', 'always', 'Google Cloud metadata server name'],
  ['http://METADATA.Google.Internal/', 'BLOCKED_HOST', 'always', 'Google Cloud metadata server name'],
  ['http://metadata.goog/', 'BLOCKED_HOST', 'always', 'metadata.goog (Google Cloud metadata server name)'],
  [
    'http://metadata/computeMetadata/v1/',
    'BLOCKED_HOST',
    'always',
    'metadata (Google Cloud metadata server short name)',
  ],
  ['http://instance-data/latest/meta-data/', 'BLOCKED_HOST', 'always', 'instance-data (AWS EC2 metadata short name)'],
  ['http://instance-data.ec2.internal/', 'BLOCKED_HOST', 'always', 'AWS EC2 metadata name'],
  ['http://instance-data.eu-west-1.compute.internal/', 'BLOCKED_HOST', 'always', 'AWS EC2 metadata name'],
  ['http://metadata.tencentyun.com/latest/meta-data/', 'BLOCKED_HOST', 'always', 'Tencent Cloud metadata name'],
  // Public-looking names whose DNS answers a refused address.
  [
    'http://internal.example.com/',
    'BLOCKED_ADDRESS',
    'local',
    '10.0.0.5 (private network address) for internal.example.com',
  ],
  [
    'http://mixed.example.com/',
    'BLOCKED_ADDRESS',
    'local',
    '192.168.1.10 (private network address) for mixed.example.com',
  ],
  ['http://127.0.0.1.nip.io/', 'BLOCKED_ADDRESS', 'local', '127.0.0.1 (loopback address) for 127.0.0.1.nip.io'],
  ['http://v6-loopback.example.com/', 'BLOCKED_ADDRESS', 'local', '::1 (loopback address) for v6-loopback.example.com'],
  [
    'http://cgnat.example.com/',
    'BLOCKED_ADDRESS',
    'local',
    '100.64.0.1 (carrier-grade NAT (shared) address) for cgnat.example.com',
  ],
  ['http://zoned.example.com/', 'BLOCKED_ADDRESS', 'local', 'fe80::1%eth0 (link-local address) for zoned.example.com'],
  ['http://metadata-alias.example.com/', 'BLOCKED_ADDRESS', 'always', '169.254.169.254 (cloud metadata address'],
  [
    'http://mapped-metadata.example.com/',
    'BLOCKED_ADDRESS',
    'always',
    '169.254.169.254 in IPv4-mapped IPv6 form) for mapped-metadata.example.com',
  ],
  [
    'http://aws-v6.example.com/',
    'BLOCKED_ADDRESS',
    'always',
    'fd00:ec2::254 (AWS EC2 metadata address) for aws-v6.example.com',
  ],
  // Not http(s).
  [
    'file:///etc/passwd',
    'UNSUPPORTED_SCHEME',
    null,
    'Refused a URL with the scheme "file"; only http and https are allowed',
  ],
  [
    'ftp://example.com/',
    'UNSUPPORTED_SCHEME',
    null,
    'Refused a URL with the scheme "ftp"; only http and https are allowed',
  ],
  [
    'data:text/plain,hello',
    'UNSUPPORTED_SCHEME',
    null,
    'Refused a URL with the scheme "data"; only http and https are allowed',
  ],
  [
    'gopher://127.0.0.1:70/_',
    'UNSUPPORTED_SCHEME',
    null,
    'Refused a URL with the scheme "gopher"; only http and https are allowed',
  ],
  [
    'javascript:alert(1)',
    'UNSUPPORTED_SCHEME',
    null,
    'Refused a URL with the scheme "javascript"; only http and https are allowed',
  ],
  [
    'ws://example.com/socket',
    'UNSUPPORTED_SCHEME',
    null,
    'Refused a URL with the scheme "ws"; only http and https are allowed',
  ],
  [
    'blob:https://example.com/1',
    'UNSUPPORTED_SCHEME',
    null,
    'Refused a URL with the scheme "blob"; only http and https are allowed',
  ],
  // Credentials in the URL, including the classic confusion of userinfo for a host.
  ['http://user:s3cret@public.example.com/', 'CREDENTIALS_IN_URL', null, 'Refused the URL for public.example.com'],
  [
    'http://metadata.google.internal@public.example.com/',
    'CREDENTIALS_IN_URL',
    null,
    'Refused the URL for public.example.com',
  ],
  ['http://user@127.0.0.1/', 'CREDENTIALS_IN_URL', null, 'a user name or password in the URL is not allowed'],
  // DNS that fails or answers nonsense.
  [
    'http://does-not-exist.example/',
    'DNS_FAILURE',
    null,
    'Could not resolve does-not-exist.example: getaddrinfo ENOTFOUND',
  ],
  [
    'http://garbage.example.com/',
    'DNS_FAILURE',
    null,
    'Could not resolve garbage.example.com: the resolver returned an unreadable address',
  ],
  ['http://empty.example.com/', 'DNS_FAILURE', null, 'Could not resolve empty.example.com: no addresses'],
  // Not URLs at all.
  ['not a url', 'INVALID_URL', null, 'Refused an invalid URL'],
  ['http://[::1/', 'INVALID_URL', null, 'Refused an invalid URL'],
  ['http://1.2.3.4.5/', 'INVALID_URL', null, 'Refused an invalid URL'],
  ['http://[fe80::1%25eth0]/', 'INVALID_URL', null, 'Refused an invalid URL'],
]

async function refusal(promise: Promise<unknown>): Promise<NetworkGuardError> {
  const error = await promise.then(
    (value) => new Error(`expected a refusal, got ${JSON.stringify(value)}`),
    (error: unknown) => error,
  )
  if (!(error instanceof NetworkGuardError)) throw error
  return error
}

function guard(allowLocalNetwork: boolean): GuardOptions & { resolver: ReturnType<typeof stubResolver> } {
  return { allowLocalNetwork, resolver: stubResolver() }
}

test('the table holds at least 60 hostile URLs', () => {
  expect(HOSTILE.length).toBeGreaterThanOrEqual(60)
})

test.each(HOSTILE)('refuses %s with %s', async (url, code, level, says) => {
  const options = guard(false)
  const error = await refusal(checkUrl(url, options))
  expect(error.code).toBe(code)
  expect(error.message).toContain(says)
  if (level === 'always') expect(error.message).toContain('always blocked, even with EXECUTOR_ALLOW_LOCAL_NETWORK=true')
  if (level === 'local')
    expect(error.message).toContain('; set EXECUTOR_ALLOW_LOCAL_NETWORK=true to allow local network destinations')
  expect(error.message).not.toContain('s3cret')
  // Refused names and literal addresses never reach DNS.
  if (code === 'BLOCKED_HOST' || /^\w+:\/\/\[|^\w+:\/\/[\d.０-９]+[:/]/.test(url))
    expect(options.resolver.calls).toEqual([])
})

test.each(HOSTILE.filter(([, , level]) => level !== 'local'))(
  'still refuses %s with %s when the local network is allowed',
  async (url, code, _level, says) => {
    const error = await refusal(checkUrl(url, guard(true)))
    expect(error.code).toBe(code)
    expect(error.message).toContain(says)
    expect(error.message).not.toContain('set EXECUTOR_ALLOW_LOCAL_NETWORK=true to allow')
  },
)

test.each(HOSTILE.filter(([, , level]) => level === 'local'))(
  'lets %s through when the local network is allowed',
  async (url) => {
    const checked = await checkUrl(url, guard(true))
    expect(checked.url.href).toBe(new URL(url).href)
    expect(checked.address).not.toBe('')
  },
)

test('explains a private answer for a public-looking name in one clear line', async () => {
  const error = await refusal(checkUrl('http://internal.example.com/v1/users?token=abc', guard(false)))
  expect(error.message).toBe(
    'Refused to connect to 10.0.0.5 (private network address) for internal.example.com; ' +
      'set EXECUTOR_ALLOW_LOCAL_NETWORK=true to allow local network destinations',
  )
  expect(error).toMatchObject({ code: 'BLOCKED_ADDRESS', host: 'internal.example.com', address: '10.0.0.5' })
})

test('says metadata is always blocked, naming the setting that does not help', async () => {
  const error = await refusal(checkUrl('http://169.254.169.254/latest/meta-data/iam/', guard(true)))
  expect(error.message).toBe(
    'Refused to connect to 169.254.169.254 (cloud metadata address of AWS, Google Cloud, Azure, Oracle, DigitalOcean and OpenStack); ' +
      'cloud metadata and link-local destinations are always blocked, even with EXECUTOR_ALLOW_LOCAL_NETWORK=true',
  )
})

test('names the Worker setting when told to', async () => {
  const error = await refusal(
    checkUrl('http://10.0.0.1/', { ...guard(false), localNetworkSetting: 'ALLOW_LOCAL_NETWORK' }),
  )
  expect(error.message).toContain('set ALLOW_LOCAL_NETWORK=true')
})

test('refuses a name when any one of its addresses is refused, whichever comes first', async () => {
  const resolver = createStaticResolver({
    'a.example.com': ['10.0.0.1', PUBLIC_V4],
    'b.example.com': [PUBLIC_V4, '10.0.0.1'],
  })
  for (const url of ['http://a.example.com/', 'http://b.example.com/']) {
    const error = await refusal(checkUrl(url, { allowLocalNetwork: false, resolver }))
    expect(error.address).toBe('10.0.0.1')
  }
})

test.each([
  ['http://public.example.com/', PUBLIC_V4, 4],
  ['https://public.example.com:8443/v1?q=1', PUBLIC_V4, 4],
  ['http://PUBLIC.example.com./', PUBLIC_V4, 4],
  ['https://v6only.example.com/', PUBLIC_V6, 6],
  ['https://api.example.org/', '1.1.1.1', 4],
  ['http://8.8.8.8/', '8.8.8.8', 4],
  ['http://134744072/', '8.8.8.8', 4],
  ['http://1.1.1.1./', '1.1.1.1', 4],
  ['http://100.63.255.255/', '100.63.255.255', 4],
  ['http://172.32.0.1/', '172.32.0.1', 4],
  ['http://169.255.0.1/', '169.255.0.1', 4],
  ['http://[2606:4700:4700::1111]/', '2606:4700:4700::1111', 6],
  ['http://[::ffff:8.8.8.8]/', '::ffff:808:808', 6],
  ['http://[64:ff9b::8.8.8.8]/', '64:ff9b::808:808', 6],
  ['http://[2002:808:808::1]/', '2002:808:808::1', 6],
])('lets %s through to %s', async (url, address, family) => {
  const options = guard(false)
  const checked = await checkUrl(url, options)
  expect(checked).toMatchObject({ address, family })
  expect(checked.url.href).toBe(new URL(url).href)
  // A literal address is not looked up; a name is looked up exactly once.
  expect(options.resolver.calls.length).toBe(/\/\/[\d[]/.test(url) ? 0 : 1)
})

test('maps localhost to loopback itself when the local network is allowed, without asking DNS', async () => {
  const options = guard(true)
  await expect(checkUrl('http://api.localhost:3000/', options)).resolves.toMatchObject({
    address: '127.0.0.1',
    family: 4,
  })
  expect(options.resolver.calls).toEqual([])
})

test('resolves a local-use name when the local network is allowed, and still checks its addresses', async () => {
  const resolver = createStaticResolver({
    'host.docker.internal': ['192.168.65.254'],
    'evil.internal': ['169.254.169.254'],
  })
  await expect(
    checkUrl('http://host.docker.internal:8080/', { allowLocalNetwork: true, resolver }),
  ).resolves.toMatchObject({
    address: '192.168.65.254',
  })
  const error = await refusal(checkUrl('http://evil.internal/', { allowLocalNetwork: true, resolver }))
  expect(error.code).toBe('BLOCKED_ADDRESS')
})

test('does not change the URL object it was given', async () => {
  const url = new URL('http://public.example.com/path')
  const checked = await checkUrl(url, guard(false))
  expect(checked.url).not.toBe(url)
  expect(checked.url.href).toBe(url.href)
})
