// A static server for a built site, bound to 127.0.0.1, behaving like a production host:
// `dir/` serves `dir/index.html`, `dir` redirects to `dir/`, a missing path gets the site's
// `404.html` with status 404, text is gzipped when the client accepts it.
//
// As a program: node lib/server.mjs SITE_DIR [PORT]   (port 0 or absent: any free port)

import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};
const COMPRESSIBLE = /^(text\/|application\/(json|manifest\+json|xml)|image\/svg)/;

/** Where a URL path points inside `root`, or null when it leaves it. */
function locate(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  const full = resolve(root, '.' + decoded);
  return full === root || full.startsWith(root + sep) ? full : null;
}

async function fileAt(path) {
  try {
    const s = await stat(path);
    if (s.isFile()) return { path, isDir: false };
    if (s.isDirectory()) return { path, isDir: true };
  } catch {
    // missing: fall through
  }
  return null;
}

/** Starts the server; resolves to { url, close() }. */
export async function serve(siteDir, port = 0) {
  const root = resolve(siteDir);
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://127.0.0.1');
      const gzip = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
      const send = (status, body, type, extra = {}) => {
        const headers = { 'Content-Type': type, ...extra };
        if (gzip && COMPRESSIBLE.test(type)) {
          body = gzipSync(body);
          headers['Content-Encoding'] = 'gzip';
          headers.Vary = 'Accept-Encoding';
        }
        headers['Content-Length'] = body.length;
        res.writeHead(status, headers);
        res.end(req.method === 'HEAD' ? undefined : body);
      };
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        return send(405, Buffer.from('method not allowed'), TYPES['.txt'], { Allow: 'GET, HEAD' });
      }
      const target = locate(root, url.pathname);
      let found = target && (await fileAt(target));
      if (found?.isDir) {
        if (!url.pathname.endsWith('/')) {
          res.writeHead(301, { Location: url.pathname + '/' + url.search });
          return res.end();
        }
        found = await fileAt(join(target, 'index.html'));
      }
      if (!found) {
        const notFound = await fileAt(join(root, '404.html'));
        const body = notFound ? await readFile(notFound.path) : Buffer.from('not found');
        return send(404, body, notFound ? TYPES['.html'] : TYPES['.txt']);
      }
      const type = TYPES[extname(found.path).toLowerCase()] ?? 'application/octet-stream';
      send(200, await readFile(found.path), type, { 'Cache-Control': 'no-cache' });
    } catch (e) {
      res.writeHead(500, { 'Content-Type': TYPES['.txt'] });
      res.end(String(e));
    }
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', ok);
  });
  server.keepAliveTimeout = 1000;
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [dir, port] = process.argv.slice(2);
  if (!dir) {
    console.error('usage: node lib/server.mjs SITE_DIR [PORT]');
    process.exit(2);
  }
  const { url } = await serve(dir, Number(port ?? 0));
  console.log(`serving ${resolve(dir)} at ${url}/ (Ctrl-C to stop)`);
}
