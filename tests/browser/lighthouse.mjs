// Lighthouse (performance, accessibility, best practices, SEO) on every page kind of the
// stylesheet comparison (lib/visual.mjs: home, a startup, the listing, an organisation, a
// thématique and a phase listing, the news and a news item, the search page, 404, the legal
// notice), with Debian's Chromium. Not part of CI: performance scores vary from run to run on a
// shared 2-core machine; `--runs N` scores each page N times and keeps the median.
//
// Usage: node lighthouse.mjs [SITE_DIR] [--desktop] [--runs N] [--nginx] [--out DIR]
// `--nginx` serves the site with nginx and the configuration of docs/deploiement.md, under
// /atelier/ (lib/nginx.mjs says how to build it); otherwise lib/server.mjs serves it (gzip on
// the fly). Also prints the stylesheets each page waits for, as sent and decoded.
// Needs the dev dependencies: `npm ci` (not `--omit=dev`) in tests/browser.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CHROME_ARGS, CHROME_PATH, DEFAULT_OUT, DEFAULT_SITE } from './lib/config.mjs';
import { firstCardPath, launch } from './lib/browser.mjs';
import { serveNginx } from './lib/nginx.mjs';
import { discoverPages, MISSING_PATH } from './lib/pages.mjs';
import { serve } from './lib/server.mjs';
import { VISUAL_KINDS } from './lib/visual.mjs';

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
  options: { desktop: { type: 'boolean' }, out: { type: 'string' }, runs: { type: 'string' }, nginx: { type: 'boolean' } },
});
const siteDir = resolve(positionals[0] ?? DEFAULT_SITE);
const outDir = join(resolve(values.out ?? DEFAULT_OUT), 'lighthouse');
mkdirSync(outDir, { recursive: true });
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const RUNS = Math.max(1, Number(values.runs ?? 1));

const site = values.nginx ? await serveNginx(siteDir) : await serve(siteDir);
const chrome = await chromeLauncher.launch({
  chromePath: CHROME_PATH,
  chromeFlags: ['--headless=new', ...CHROME_ARGS],
});

// Interrupted (Ctrl-C): nginx and Chromium go with the script.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, async () => {
    await Promise.allSettled([chrome.kill(), site.close()]);
    process.exit(130);
  });
}

const probe = await launch();
// The site's own address path (`/atelier` under nginx) is not part of the pages' paths.
const prefix = new URL(site.url).pathname.replace(/\/$/, '');
const startup = (await firstCardPath(await probe.newContext(), site.url))?.slice(prefix.length);
await probe.close();
// Lighthouse refuses to score a document answered with 404, so the 404 page is loaded at its
// own address, where the server answers 200; the browser checks load it with its real status.
const { pages: sitePages } = await discoverPages(siteDir);
const pages = VISUAL_KINDS.map((kind) => {
  const path = kind.firstCard ? startup : kind.path ?? sitePages.find((p) => kind.pattern.test(p.path))?.path;
  return [kind.name, path === MISSING_PATH ? '/404.html' : path && path + (kind.query ?? '')];
}).filter(([, path]) => path);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kb = (n) => `${(n / 1000).toFixed(1)} KB`;

let status = 0;
const rows = [];
try {
  for (const [name, path] of pages) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      const result = await lighthouse(
        site.url + path,
        { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES },
        values.desktop ? desktopConfig : undefined,
      );
      if (!result.lhr.runtimeError) runs.push(result);
    }
    // The run whose performance is the median of the runs.
    const perf = (r) => r.lhr.categories.performance.score ?? 0;
    const result = runs.length ? runs.find((r) => perf(r) === median(runs.map(perf))) : null;
    if (!result) {
      console.log(`${name} ${path}: no run succeeded`);
      status = 1;
      continue;
    }
    const lhr = result.lhr;
    writeFileSync(join(outDir, `${name}${values.desktop ? '-desktop' : ''}.json`), result.report);
    const sheets = (lhr.audits['network-requests'].details?.items ?? []).filter((i) => i.resourceType === 'Stylesheet');
    const css = { sent: sheets.reduce((a, i) => a + i.transferSize, 0), decoded: sheets.reduce((a, i) => a + i.resourceSize, 0) };
    const metric = (id) => lhr.audits[id]?.displayValue ?? '?';
    const lcp = metric('largest-contentful-paint');
    const fcp = metric('first-contentful-paint');
    const scores = Object.fromEntries(CATEGORIES.map((c) => [c, Math.round((lhr.categories[c].score ?? 0) * 100)]));
    const all = runs.map((r) => Math.round(perf(r) * 100)).join(', ');
    rows.push({ name, path, ...scores, fcp, lcp, css });
    console.log(`\n${name} ${path}: ${CATEGORIES.map((c) => `${c} ${scores[c]}`).join(', ')}` +
      `${RUNS > 1 ? ` (performance of the runs: ${all})` : ''}; FCP ${fcp}, LCP ${lcp}; stylesheets ${kb(css.sent)} sent, ${kb(css.decoded)} decoded`);
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

console.log(`\n| page | performance | LCP | accessibility | best practices | SEO | stylesheets sent / decoded |\n| --- | --- | --- | --- | --- | --- | --- |`);
for (const r of rows) {
  console.log(`| ${r.name} (${r.path}) | ${r.performance} | ${r.lcp} | ${r.accessibility} | ${r['best-practices']} | ${r.seo} | ${kb(r.css.sent)} / ${kb(r.css.decoded)} |`);
}
console.log(`\n${values.desktop ? 'desktop' : 'mobile'} preset, ${values.nginx ? `nginx (docs/deploiement.md${site.brotli ? '' : ', without brotli'})` : 'lib/server.mjs'}, median of ${RUNS}; JSON reports in ${relative(process.cwd(), outDir)}/`);
process.exit(status);
