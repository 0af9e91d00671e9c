// Lighthouse (performance, accessibility, best practices, SEO) on the home page, the startups
// listing, the first startup of the listing and the 404 page, with Debian's Chromium.
// Not part of CI: performance scores vary from run to run on a shared 2-core machine.
//
// Usage: node lighthouse.mjs [SITE_DIR] [--desktop] [--out DIR]
// Needs the dev dependencies: `npm ci` (not `--omit=dev`) in tests/browser.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CHROME_ARGS, CHROME_PATH, DEFAULT_OUT, DEFAULT_SITE } from './lib/config.mjs';
import { firstCardPath, launch } from './lib/browser.mjs';
import { LISTING } from './lib/selectors.mjs';
import { serve } from './lib/server.mjs';

let lighthouse, chromeLauncher, desktopConfig;
try {
  ({ default: lighthouse, desktopConfig } = await import('lighthouse'));
  chromeLauncher = await import('chrome-launcher');
} catch {
  console.error('error: Lighthouse is not installed; run `npm ci` (with dev dependencies) in tests/browser');
  process.exit(2);
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { desktop: { type: 'boolean' }, out: { type: 'string' } },
});
const siteDir = resolve(positionals[0] ?? DEFAULT_SITE);
const outDir = join(resolve(values.out ?? DEFAULT_OUT), 'lighthouse');
mkdirSync(outDir, { recursive: true });
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];

const site = await serve(siteDir);
const chrome = await chromeLauncher.launch({
  chromePath: CHROME_PATH,
  chromeFlags: ['--headless=new', ...CHROME_ARGS],
});

const probe = await launch();
const startup = await firstCardPath(await probe.newContext(), site.url);
await probe.close();
// Lighthouse refuses to score a document answered with 404, so the 404 page is loaded at its
// own address, where the server answers 200; the browser checks load it with its real status.
const pages = [
  ['home', '/'],
  ['listing', LISTING.path],
  ...(startup ? [['startup', startup]] : []),
  ['404', '/404.html'],
];

let status = 0;
const rows = [];
try {
  for (const [name, path] of pages) {
    const result = await lighthouse(
      site.url + path,
      { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES },
      values.desktop ? desktopConfig : undefined,
    );
    const lhr = result.lhr;
    writeFileSync(join(outDir, `${name}${values.desktop ? '-desktop' : ''}.json`), result.report);
    if (lhr.runtimeError) {
      console.log(`${name} ${path}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
      status = 1;
      continue;
    }
    const scores = Object.fromEntries(CATEGORIES.map((c) => [c, Math.round((lhr.categories[c].score ?? 0) * 100)]));
    rows.push({ name, path, ...scores });
    console.log(`\n${name} ${path}: ${CATEGORIES.map((c) => `${c} ${scores[c]}`).join(', ')}`);
    for (const c of CATEGORIES) {
      const lost = lhr.categories[c].auditRefs
        .filter((r) => r.weight > 0)
        .map((r) => lhr.audits[r.id])
        .filter((a) => a.score !== null && a.score < 1);
      for (const a of lost) {
        const value = a.displayValue ? ` (${a.displayValue})` : '';
        const items = (a.details?.items ?? []).slice(0, 3).map((i) => i.node?.snippet ?? i.url ?? i.source?.url ?? '').filter(Boolean);
        console.log(`  ${c}: ${a.id} score ${a.score}${value}${items.length ? ' — ' + items.join(' | ') : ''}`);
      }
    }
  }
} finally {
  await chrome.kill();
  await site.close();
}

console.log(`\n| page | performance | accessibility | best practices | SEO |\n| --- | --- | --- | --- | --- |`);
for (const r of rows) console.log(`| ${r.name} (${r.path}) | ${r.performance} | ${r.accessibility} | ${r['best-practices']} | ${r.seo} |`);
console.log(`\n${values.desktop ? 'desktop' : 'mobile'} preset; JSON reports in ${relative(process.cwd(), outDir)}/`);
process.exit(status);
