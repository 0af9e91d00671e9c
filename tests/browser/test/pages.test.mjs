// Which files of a built site are checked as pages, and at which address.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { MISSING_PATH, discoverPages } from '../lib/pages.mjs';

test('every index.html and the 404 page, without redirect pages, the CMS or other files', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-pages-'));
  try {
    const write = (rel, body) => {
      mkdirSync(join(dir, rel, '..'), { recursive: true });
      writeFileSync(join(dir, rel), body);
    };
    write('index.html', '<!doctype html><title>accueil</title>');
    write('startups/alpha.beta/index.html', '<title>alpha</title>');
    write('startups/ancien/index.html', '<meta http-equiv=refresh content="0; url=/startups/alpha.beta/">');
    write('vieux/index.html', '<META HTTP-EQUIV="Refresh" CONTENT="0;url=/">');
    write('404.html', '<title>introuvable</title>');
    write('admin/index.html', '<title>CMS</title><script src="decap-cms.js"></script>');
    write('edition/index.html', '<title>CMS</title><script src=/edition/decap-cms.js></script>');
    write('aide/index.html', '<title>aide</title><script src="/theme/not-decap-cms.js"></script>');
    write('dsfr/example.html', '<title>not a page</title>');
    write('sitemap.xml', '<urlset/>');
    const { pages, redirects, cms } = await discoverPages(dir);
    assert.deepEqual(
      pages.map((p) => [p.path, p.expectedStatus]),
      [[MISSING_PATH, 404], ['/aide/', 200], ['/', 200], ['/startups/alpha.beta/', 200]],
    );
    assert.deepEqual(cms.map((p) => p.path), ['/admin/', '/edition/']);
    assert.deepEqual(redirects.map((r) => r.path).sort(), ['/startups/ancien/', '/vieux/']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
