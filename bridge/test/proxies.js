// Local proxies for tests: an HTTP CONNECT proxy and a SOCKS5 proxy (no authentication), each counting the
// connections it carried and where to. Both only reach loopback: they connect wherever they are asked, and
// tests ask for 127.0.0.1 only.
import { once } from 'node:events'
import { connect, createServer } from 'node:net'

async function listening (server) {
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return server.address().port
}

function pipeBoth (client, upstream, head) {
  if (head?.length) upstream.write(head)
  client.pipe(upstream)
  upstream.pipe(client)
  client.on('error', () => upstream.destroy())
  upstream.on('error', () => client.destroy())
}

/** @returns {Promise<{url: string, carried: string[], close: () => Promise<void>}>} carried: "host:port" per tunnel */
export async function httpConnectProxy () {
  const carried = []
  const sockets = new Set()
  const server = createServer(client => {
    sockets.add(client)
    client.on('close', () => sockets.delete(client))
    let buffered = Buffer.alloc(0)
    const onData = chunk => {
      buffered = Buffer.concat([buffered, chunk])
      const end = buffered.indexOf('\r\n\r\n')
      if (end < 0) return
      client.off('data', onData)
      const [method, target] = buffered.subarray(0, end).toString('latin1').split(' ')
      if (method !== 'CONNECT') {
        client.end('HTTP/1.1 405 Method Not Allowed\r\n\r\n')
        return
      }
      const [host, port] = target.split(':')
      const upstream = connect(Number(port), host, () => {
        carried.push(target)
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
        pipeBoth(client, upstream, buffered.subarray(end + 4))
      })
      sockets.add(upstream)
      upstream.on('close', () => sockets.delete(upstream))
      upstream.on('error', () => client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n'))
    }
    client.on('data', onData)
    client.on('error', () => {})
  })
  const port = await listening(server)
  return { url: `http://127.0.0.1:${port}`, carried, close: () => closeAll(server, sockets) }
}

/** A SOCKS5 proxy (RFC 1928, method 0 only, CONNECT only, IPv4 and domain names). */
export async function socks5Proxy () {
  const carried = []
  const sockets = new Set()
  const server = createServer(client => {
    sockets.add(client)
    client.on('close', () => sockets.delete(client))
    client.on('error', () => {})
    let buffered = Buffer.alloc(0)
    let stage = 'greeting'
    const onData = chunk => {
      buffered = Buffer.concat([buffered, chunk])
      if (stage === 'greeting') {
        if (buffered.length < 2 || buffered.length < 2 + buffered[1]) return
        buffered = buffered.subarray(2 + buffered[1])
        client.write(Buffer.from([5, 0]))
        stage = 'request'
      }
      if (stage === 'request') {
        if (buffered.length < 5) return
        const atyp = buffered[3]
        const addrLength = atyp === 1 ? 4 : atyp === 3 ? 1 + buffered[4] : 16
        if (buffered.length < 4 + addrLength + 2) return
        const host = atyp === 1 ? [...buffered.subarray(4, 8)].join('.') : buffered.subarray(5, 5 + buffered[4]).toString()
        const port = buffered.readUInt16BE(4 + addrLength)
        const rest = buffered.subarray(4 + addrLength + 2)
        stage = 'piping'
        client.off('data', onData)
        const upstream = connect(port, host, () => {
          carried.push(`${host}:${port}`)
          client.write(Buffer.from([5, 0, 0, 1, 0, 0, 0, 0, 0, 0]))
          pipeBoth(client, upstream, rest)
        })
        sockets.add(upstream)
        upstream.on('close', () => sockets.delete(upstream))
        upstream.on('error', () => client.end(Buffer.from([5, 5, 0, 1, 0, 0, 0, 0, 0, 0])))
      }
    }
    client.on('data', onData)
  })
  const port = await listening(server)
  return { url: `socks5://127.0.0.1:${port}`, carried, close: () => closeAll(server, sockets) }
}

/** A port nothing listens on (a proxy that refuses connections). */
export async function closedPort () {
  const server = createServer()
  const port = await listening(server)
  await new Promise(resolve => server.close(resolve))
  return port
}

async function closeAll (server, sockets) {
  for (const s of sockets) s.destroy()
  await new Promise(resolve => server.close(resolve))
}
