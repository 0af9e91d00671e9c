// The pages of a built site: every `index.html` and the `404.html`, minus redirect pages
// (the `redirect_from` stubs that only hold a meta refresh) and the editors' CMS (a JavaScript
// application, not a DSFR page: checked on its own by lib/cms.mjs).

import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

const REDIRECT = /<meta\b[^>]*\bhttp-equiv\s*=\s*["']?refresh\b/i;

/** The editors' CMS page: it loads Decap CMS (`decap-cms.js`) from its own folder. */
const CMS = /<script\b[^>]*\bsrc\s*=\s*["']?(?:[^"'\s>]*\/)?decap-cms\.js["'\s>]/i;

/** A path under the site that no page uses, to see the 404 page as a visitor does. */
export const MISSING_PATH = '/startups/cette-page-n-existe-pas/';

async function* walk(dir) {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const full = join(dir, e.name);
    if (e.isDirectory()) yield* walk(full);
    else if (e.isFile()) yield full;
  }
}

/**
 * Lists the pages to check: { path (URL path), file, expectedStatus, redirect? }; the
 * redirect pages and the CMS's pages apart (`lib/cms.mjs` checks the latter).
 * The 404 page is requested at a missing address, so it is checked with its real status
 * and from a nested URL (where a relative asset link would break).
 */
export async function discoverPages(siteDir) {
  const pages = [];
  const redirects = [];
  const cms = [];
  for await (const file of walk(siteDir)) {
    const rel = relative(siteDir, file).split(sep).join('/');
    const isIndex = rel === 'index.html' || rel.endsWith('/index.html');
    const is404 = rel === '404.html';
    if (!isIndex && !is404) continue;
    const html = await readFile(file, 'utf8');
    const path = is404 ? MISSING_PATH : '/' + rel.slice(0, -'index.html'.length);
    if (REDIRECT.test(html)) {
      redirects.push({ path, file });
      continue;
    }
    if (CMS.test(html)) {
      cms.push({ path, file });
      continue;
    }
    pages.push({ path, file, expectedStatus: is404 ? 404 : 200, is404 });
  }
  return { pages, redirects, cms };
}
