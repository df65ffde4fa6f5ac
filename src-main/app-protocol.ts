import { readFile, realpath, stat } from 'node:fs/promises'
import { extname, isAbsolute, join, relative, sep } from 'node:path'
import { appHost, appScheme, securityHeaders } from './security'

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
}

/** The content type of a served file; unknown extensions are served as bytes, never sniffed. */
export function contentTypeOf(file: string): string {
  return contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream'
}

/**
 * The file inside `root` that an app:// URL names, or undefined when the URL must not be served: another
 * scheme or host, an encoded slash or backslash, a NUL byte, or any `..` segment. `/` is index.html.
 * A lexical check only; `serveAppFile` also refuses symlinks that lead outside the root.
 */
export function resolveAppPath(raw: string, root: string): string | undefined {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return undefined
  }
  if (url.protocol !== `${appScheme}:` || url.host !== appHost) return undefined
  // Check the raw path before decoding: %2f, %5c and %00 have no business in a file name here.
  if (/%(2f|5c|00)/i.test(url.pathname)) return undefined
  let path: string
  try {
    path = decodeURIComponent(url.pathname)
  } catch {
    return undefined
  }
  const segments = path.split('/').filter((segment) => segment !== '')
  if (segments.some((segment) => segment === '..' || segment === '.' || segment.includes('\\')))
    return undefined
  const file = join(root, ...(segments.length === 0 ? ['index.html'] : segments))
  return isInside(root, file) ? file : undefined
}

function isInside(root: string, file: string): boolean {
  const rel = relative(root, file)
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel)
}

function notFound(): Response {
  return new Response('Not found', {
    status: 404,
    headers: { ...securityHeaders, 'content-type': 'text/plain' },
  })
}

/**
 * Answers one app:// request from the built renderer folder, with the CSP and the other security headers.
 * Anything outside the folder (by name or through a symlink) is a 404, so no request reveals what exists.
 */
export async function serveAppFile(request: Request, root: string): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return notFound()
  const file = resolveAppPath(request.url, root)
  if (!file) return notFound()
  try {
    const [realRoot, realFile] = await Promise.all([realpath(root), realpath(file)])
    if (!isInside(realRoot, realFile) || !(await stat(realFile)).isFile()) return notFound()
    const body = await readFile(realFile)
    return new Response(request.method === 'HEAD' ? null : body, {
      status: 200,
      headers: { ...securityHeaders, 'content-type': contentTypeOf(file) },
    })
  } catch {
    return notFound()
  }
}
