import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serveAppFile } from '../../../src-main/app-protocol'
import { appOrigin } from '../../../src-main/security'

/**
 * Serves a built folder on 127.0.0.1 (Chromium cannot load app:// without Electron) through the app's own
 * app:// handler: the same files, the same path checks and the same CSP header the packaged app sends.
 */
export async function serveFolder(root: string): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname
    void serveAppFile(new Request(`${appOrigin}${path}`, { method: req.method ?? 'GET' }), root).then(
      async (response) => {
        res.writeHead(response.status, Object.fromEntries(response.headers))
        res.end(Buffer.from(await response.arrayBuffer()))
      },
    )
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
