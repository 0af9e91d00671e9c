// A static server for a built site, bound to 127.0.0.1, behaving like a production host:
// `dir/` serves `dir/index.html`, `dir` redirects to `dir/`, a missing path gets the site's
// `404.html` with status 404, text is gzipped when the client accepts it, and caching is the
// documented nginx configuration's (docs/deploiement.md): files whose name carries a content
// hash (`name.0123456789.ext`) are kept a year, everything else is revalidated (`no-cache`,
// with an ETag answered by 304). A browser loads the theme's CSS, scripts and fonts once per
// context, as a visitor's does, instead of on every page.
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

// A file named with its content's hash, as `output/hashing.rs` names the theme's assets.
const HASHED = /\.[0-9a-f]{10}\.[A-Za-z0-9]+$/;

async function fileAt(path) {
  try {
    const s = await stat(path);
    if (s.isFile()) return { path, isDir: false, etag: `"${s.size.toString(16)}-${Math.floor(s.mtimeMs).toString(16)}"` };
    if (s.isDirectory()) return { path, isDir: true };
  } catch {
    // missing: fall through
  }
  return null;
}

/** Starts the server; resolves to { url, close() }. */
export async function serve(siteDir, port = 0) {
  const root = resolve(siteDir);
  // Gzipped bodies by file and version: compressing the theme's CSS again for every page
  // cost the checks more than serving it.
  const gzipped = new Map();
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://127.0.0.1');
      const gzip = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
      const send = (status, body, type, extra = {}, version = null) => {
        const headers = { 'Content-Type': type, ...extra };
        if (gzip && COMPRESSIBLE.test(type)) {
          if (version === null) body = gzipSync(body);
          else {
            if (!gzipped.has(version)) gzipped.set(version, gzipSync(body));
            body = gzipped.get(version);
          }
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
      const caching = HASHED.test(found.path) ? 'public, max-age=31536000, immutable' : 'no-cache';
      const headers = { 'Cache-Control': caching, ETag: found.etag };
      if (req.headers['if-none-match'] === found.etag) {
        res.writeHead(304, headers);
        return res.end();
      }
      send(200, await readFile(found.path), type, headers, `${found.path} ${found.etag}`);
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
