// A session's config.proxy: one proxy for everything its WhatsApp account sends and fetches. Baileys takes
// an http.Agent for its WebSocket (`agent`) and for media uploads (`fetchAgent`, which it hands to Node's
// https module), and an undici dispatcher for downloads (fetch's `dispatcher`).
// The agent packages are loaded when a session first uses a proxy: they add ~20 MB to a bridge that needs none.
import { ERRORS, RpcError } from './rpc.js'

const SOCKS_VERSIONS = { 'socks:': 5, 'socks5:': 5, 'socks5h:': 5, 'socks4:': 4, 'socks4a:': 4 }

/** The proxy's URL without its credentials, for logs and failure reasons. */
export function describeProxy (url) {
  try {
    const u = new URL(url)
    return `${u.protocol}//${u.host}`
  } catch {
    return 'the configured proxy'
  }
}

/**
 * The agents of one proxy URL: http(s)://[user:pass@]host:port (CONNECT tunnels) or
 * socks5://, socks5h://, socks4://, socks4a://[user:pass@]host:port. Anything else is INVALID_PARAMS.
 * @returns {Promise<{agent: import('node:http').Agent, dispatcher: object, label: string}>}
 */
export async function proxyAgents (url) {
  let u
  try {
    u = new URL(url)
  } catch {
    throw new RpcError(ERRORS.INVALID_PARAMS, 'config.proxy is not a URL')
  }
  if (!u.hostname || !u.port && !(u.protocol === 'http:' || u.protocol === 'https:')) {
    throw new RpcError(ERRORS.INVALID_PARAMS, 'config.proxy needs a host and port')
  }
  const label = describeProxy(url)
  if (u.protocol === 'http:' || u.protocol === 'https:') {
    const [{ HttpsProxyAgent }, { ProxyAgent }] = await Promise.all([import('https-proxy-agent'), import('undici')])
    return { agent: new HttpsProxyAgent(url), dispatcher: new ProxyAgent(url), label }
  }
  const type = SOCKS_VERSIONS[u.protocol]
  if (!type) {
    throw new RpcError(ERRORS.INVALID_PARAMS, `config.proxy must be http://, https://, socks5:// or socks4:// (got ${u.protocol})`)
  }
  const [{ SocksProxyAgent }, { socksDispatcher }] = await Promise.all([import('socks-proxy-agent'), import('fetch-socks')])
  const dispatcher = socksDispatcher({
    type,
    host: u.hostname,
    port: Number(u.port),
    ...(u.username ? { userId: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {})
  })
  return { agent: new SocksProxyAgent(url), dispatcher, label }
}
