// The static server behaves like the production host the checks stand in for.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { serve } from '../lib/server.mjs';

let dir;
let site;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'atelier-server-'));
  mkdirSync(join(dir, 'site', 'a-propos'), { recursive: true });
  writeFileSync(join(dir, 'site', 'index.html'), '<p>accueil</p>');
  writeFileSync(join(dir, 'site', 'a-propos', 'index.html'), '<p>à propos</p>');
  writeFileSync(join(dir, 'site', '404.html'), '<p>introuvable</p>');
  writeFileSync(join(dir, 'site', 'dsfr.0123456789.css'), 'body{color:red}');
  writeFileSync(join(dir, 'secret.txt'), 'outside the site');
  site = await serve(join(dir, 'site'));
});
after(async () => {
  await site.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A raw GET, so the path reaches the server exactly as written. */
function get(path, headers = {}) {
  return new Promise((ok, fail) => {
    const req = request(site.url + '/', { path, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', fail);
    req.end();
  });
}

test('binds to 127.0.0.1', () => {
  assert.match(site.url, /^http:\/\/127\.0\.0\.1:\d+$/);
});

test('a folder URL serves its index.html', async () => {
  const r = await get('/a-propos/');
  assert.equal(r.status, 200);
  assert.equal(r.headers['content-type'], 'text/html; charset=utf-8');
  assert.equal(r.body.toString(), '<p>à propos</p>');
});

test('a folder URL without its slash redirects to it', async () => {
  const r = await get('/a-propos');
  assert.equal(r.status, 301);
  assert.equal(r.headers.location, '/a-propos/');
});

test('a missing path gets 404.html with status 404', async () => {
  const r = await get('/nulle/part/');
  assert.equal(r.status, 404);
  assert.equal(r.body.toString(), '<p>introuvable</p>');
});

test('text is gzipped when the client accepts it', async () => {
  const r = await get('/', { 'Accept-Encoding': 'gzip, deflate' });
  assert.equal(r.headers['content-encoding'], 'gzip');
  assert.equal(gunzipSync(r.body).toString(), '<p>accueil</p>');
  const plain = await get('/');
  assert.equal(plain.headers['content-encoding'], undefined);
});

test('no path leaves the site folder', async () => {
  for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/a-propos/%2e%2e/%2e%2e/secret.txt']) {
    const r = await get(path);
    assert.equal(r.status, 404, path);
    assert.doesNotMatch(r.body.toString(), /outside the site/, path);
  }
});

test('caching is the documented nginx one: hashed names a year, the rest revalidated', async () => {
  const hashed = await get('/dsfr.0123456789.css');
  assert.equal(hashed.status, 200);
  assert.equal(hashed.headers['cache-control'], 'public, max-age=31536000, immutable');
  const page = await get('/a-propos/');
  assert.equal(page.headers['cache-control'], 'no-cache');
  assert.ok(page.headers.etag, 'a page has an ETag to revalidate with');
  const again = await get('/a-propos/', { 'If-None-Match': page.headers.etag });
  assert.equal(again.status, 304);
  assert.equal(again.body.length, 0);
  const other = await get('/a-propos/', { 'If-None-Match': '"autre"' });
  assert.equal(other.status, 200);
  assert.equal(other.body.toString(), '<p>à propos</p>');
});

test('a file changed on disk is served new, gzipped or not', async () => {
  const before = await get('/dsfr.0123456789.css', { 'Accept-Encoding': 'gzip' });
  assert.equal(gunzipSync(before.body).toString(), 'body{color:red}');
  writeFileSync(join(dir, 'site', 'dsfr.0123456789.css'), 'body{color:blue;margin:0}');
  const after_ = await get('/dsfr.0123456789.css', { 'Accept-Encoding': 'gzip' });
  assert.equal(gunzipSync(after_.body).toString(), 'body{color:blue;margin:0}');
  assert.notEqual(after_.headers.etag, before.headers.etag);
});
