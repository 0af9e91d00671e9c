// The browser checks of a built site. Usage: node run.mjs [SITE_DIR] [--out DIR] [--only PATH]...
// Exit code: 0 all green, 1 a check failed, 2 the checks could not run.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { firstCardPath, launch, newContext } from './lib/browser.mjs';
import { CHROME_PATH, DEFAULT_OUT, DEFAULT_SITE, JOBS, MODES, NEGATIVE_CONTROL, VNU_JAR } from './lib/config.mjs';
import { INTERACTIONS } from './lib/interactions.mjs';
import { cmsLogin } from './lib/cms.mjs';
import { checkPage, openTab } from './lib/page-checks.mjs';
import { reportInteractions, reportNegativeControl, reportPages, reportScreenshots, reportVisual, seconds } from './lib/report.mjs';
import { discoverPages } from './lib/pages.mjs';
import { LISTING } from './lib/selectors.mjs';
import { serve } from './lib/server.mjs';
import { runVnu } from './lib/vnu.mjs';
import { compareStylesheets } from './lib/visual.mjs';

const usage = 'usage: node run.mjs [SITE_DIR] [--out DIR] [--only URL_PATH]...';
let opts;
try {
  opts = parseArgs({
    allowPositionals: true,
    options: { out: { type: 'string' }, only: { type: 'string', multiple: true }, help: { type: 'boolean', short: 'h' } },
  });
} catch (e) {
  console.error(`${e.message}\n${usage}`);
  process.exit(2);
}
if (opts.values.help) {
  console.log(usage);
  process.exit(0);
}
const siteDir = resolve(opts.positionals[0] ?? DEFAULT_SITE);
const outDir = resolve(opts.values.out ?? DEFAULT_OUT);
const shotsDir = join(outDir, 'screenshots');

function preflight() {
  const problems = [];
  if (!existsSync(CHROME_PATH)) problems.push(`no Chromium at ${CHROME_PATH}: apt-get install chromium, or set CHROME_PATH`);
  if (spawnSync('java', ['-version']).error) problems.push('no `java` on PATH: apt-get install default-jre-headless');
  if (!existsSync(VNU_JAR)) problems.push(`no ${shown(VNU_JAR)}: run \`npm ci\` in tests/browser`);
  if (!existsSync(join(siteDir, 'index.html'))) problems.push(`no index.html in ${siteDir}: build the site first (cargo run --release -- build)`);
  return problems;
}

/**
 * Runs `fn` over `items`, `jobs` at a time, keeping the order of results. Each worker has
 * its own `state` object, given to `fn` as its third argument (the tabs it keeps open).
 */
async function pool(items, jobs, fn) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    const state = {};
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i, state);
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, items.length) }, worker));
  return results;
}

/** A path as the user would type it from here: relative below the working directory. */
const shown = (p) => {
  const r = relative(process.cwd(), p);
  return r === '' ? '.' : r.startsWith('..') ? p : r;
};

async function main() {
  const problems = preflight();
  if (problems.length) {
    for (const p of problems) console.error(`error: ${p}`);
    return 2;
  }
  const t0 = Date.now();
  rmSync(shotsDir, { recursive: true, force: true });
  mkdirSync(shotsDir, { recursive: true });

  const discovered = await discoverPages(siteDir);
  const { redirects, cms } = discovered;
  let { pages } = discovered;
  if (pages.length === 0) {
    console.error(`error: no page to check in ${siteDir}`);
    return 2;
  }
  const negativeFile = join(NEGATIVE_CONTROL, 'index.html');
  const site = await serve(siteDir);
  const negative = await serve(NEGATIVE_CONTROL);
  const browser = await launch();
  let status = 0;
  try {
    const contexts = Object.fromEntries(await Promise.all(MODES.map(async (m) => [m.name, await newContext(browser, m)])));

    // The four pages that get screenshots; the startup is the listing's first card or, without
    // cards (a bare theme), the first page one level below the listing.
    const shots = new Map([['/', 'home'], [LISTING.path, 'listing']]);
    const notFound = pages.find((p) => p.is404);
    if (notFound) shots.set(notFound.path, '404');
    const startupPath = new RegExp(`^${LISTING.path}[^/]+/$`);
    const firstStartup = (await firstCardPath(contexts.light, site.url)) ?? pages.find((p) => !p.is404 && startupPath.test(p.path))?.path;
    if (firstStartup) shots.set(firstStartup, 'startup');
    // `--only` narrows the pages, but the screenshot pages are always checked.
    if (opts.values.only) pages = pages.filter((p) => opts.values.only.includes(p.path) || shots.has(p.path));

    console.log(`Browser checks of ${shown(siteDir)} at ${site.url}/: ${pages.length} pages ` +
      `(${redirects.length} redirect pages skipped), modes ${MODES.map((m) => m.name).join(' / ')}, ${JOBS} at a time`);
    for (const c of cms) {
      console.log(`The editors' CMS at ${c.path} is not checked as a page (axe, vnu, three states): it is a ` +
        'JavaScript application, not a DSFR page; it is checked under "Interactions" (loads from the site alone, French login).');
    }

    // The validator runs in its own JVM while Chromium works.
    const tVnu = Date.now();
    const vnu = runVnu([...pages.map((p) => p.file), negativeFile]).then(
      (r) => ({ ...r, ms: Date.now() - tVnu }),
      (e) => ({ error: e, ms: Date.now() - tVnu }),
    );

    const targets = [
      ...pages.map((p) => ({ ...p, baseUrl: site.url })),
      { path: '/', file: negativeFile, expectedStatus: 200, baseUrl: negative.url, negative: true },
    ];
    const items = targets.flatMap((target) => MODES.map((mode) => ({ target, mode })));
    const tPages = Date.now();
    // Each worker keeps one tab per mode and per server, navigated from page to page.
    const tabs = [];
    const results = await pool(items, JOBS, async ({ target, mode }, _, state) => {
      const name = !target.negative && shots.get(target.path);
      const key = `${mode.name} ${target.baseUrl}`;
      if (!state[key]) tabs.push((state[key] = await openTab(contexts[mode.name], target.baseUrl)));
      return checkPage({
        tab: state[key],
        mode,
        target,
        baseUrl: target.baseUrl,
        screenshot: name ? { dir: shotsDir, name } : null,
      });
    });
    const pagesMs = Date.now() - tPages;
    await Promise.all(tabs.map((t) => t.watched.page.close().catch(() => {})));
    await Promise.all(Object.values(contexts).map((c) => c.close()));

    const tClicks = Date.now();
    const cmsChecks = cms.map((c) => (b, url) => cmsLogin(b, url, c.path, shotsDir));
    const clicks = await pool([...INTERACTIONS, ...cmsChecks], JOBS, (check) => check(browser, site.url));
    const clicksMs = Date.now() - tClicks;

    // The published stylesheet against the package's whole one, pixel by pixel.
    const tVisual = Date.now();
    const visual = await compareStylesheets(browser, {
      siteDir,
      siteUrl: site.url,
      pages: discovered.pages,
      firstStartup,
      outDir,
      pool: (items, fn) => pool(items, JOBS, fn),
    });
    const visualMs = Date.now() - tVisual;
    const v = await vnu;

    const checks = targets.map((target) => {
      const mine = items.map((item, i) => [item, results[i]]).filter(([item]) => item.target === target);
      return {
        target,
        byMode: new Map(mine.map(([item, r]) => [item.mode.name, r.failures])),
        ms: mine.reduce((sum, [, r]) => sum + r.ms, 0),
      };
    });
    const pagesPart = reportPages(checks, v, shots);
    const clicksPart = reportInteractions(clicks);
    const negativePart = reportNegativeControl(pagesPart.negative, v);
    const shotsPart = reportScreenshots(shots, shotsDir, shown(shotsDir));
    const visualPart = reportVisual(visual, visual.shotsDir ? shown(visual.shotsDir) : null);
    const { passed, failed } = [pagesPart, clicksPart, negativePart, shotsPart, visualPart]
      .map((p) => p.totals)
      .reduce((a, b) => ({ passed: a.passed + b.passed, failed: a.failed + b.failed }));

    const timings = { pagesMs, clicksMs, visualMs, vnuMs: v.ms, vnuFiltered: v.filtered, totalMs: Date.now() - t0 };
    const report = {
      site: siteDir,
      pages: pagesPart.pages.map((p) => ({ ...p, file: relative(siteDir, p.file) })),
      interactions: clicks,
      negativeControl: { ...pagesPart.negative, missed: negativePart.missed },
      stylesheet: { rows: visual.rows, control: visual.control, error: visual.error, sizes: visual.sizes },
      timings,
    };
    writeFileSync(join(outDir, 'report.json'), JSON.stringify(report, null, 2));
    console.log(`\nTime: pages ${seconds(pagesMs)}, interactions ${seconds(clicksMs)}, stylesheet comparison ${seconds(visualMs)}, Nu HTML checker ${seconds(v.ms)} ` +
      `(in parallel; ${v.filtered ?? 0} documented DSFR header messages ignored), total ${seconds(timings.totalMs)}`);
    console.log(`Report: ${shown(join(outDir, 'report.json'))}`);
    console.log(`browser: ${passed} passed, ${failed} failed`);
    status = failed ? 1 : 0;
  } finally {
    await browser.close();
    await site.close();
    await negative.close();
  }
  return status;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`error: ${e.stack ?? e}`);
    process.exit(2);
  },
);
