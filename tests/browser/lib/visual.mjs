// The published dsfr.min.css holds only the rules that can apply to the site's pages
// (src/assets/select.rs). This check proves that nothing visible changed: every page kind, in
// light, dark and mobile, and a few states DSFR's script sets (the display dialog open, the
// mobile menu open, the breadcrumb unfolded), is shot twice in the same browser: once as
// published, once with the package's whole dsfr.min.css answered at the same address (and
// the fonts and icons it names answered from the package). The two images must be equal,
// pixel for pixel. A built-in negative control takes the header's rules out of the published
// stylesheet and must see a difference, or the comparison is blind and fails.

import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { MODES } from './config.mjs';
import { settle } from './browser.mjs';
import { newContext } from './browser.mjs';
import { DSFR, LISTING, SEARCH } from './selectors.mjs';
import { MISSING_PATH } from './pages.mjs';
import { WAIT } from './scenario.mjs';

/** The published main stylesheet, content-hashed or not. */
const MAIN_CSS = /^\/dsfr\/dsfr\.min(\.[0-9a-f]{10})?\.css$/;

/**
 * The page kinds compared, each found among the site's pages (`path`, or the first path
 * matching `pattern` in file order); `startup` is the listing's first card.
 */
export const VISUAL_KINDS = [
  { name: 'home', path: '/' },
  { name: 'startup', firstCard: true },
  { name: 'listing', path: LISTING.path },
  { name: 'organisation', pattern: /^\/organisations\/[^/]+\/$/ },
  { name: 'thematique', pattern: /^\/startups\/thematique\/[^/]+\/$/ },
  { name: 'phase', pattern: /^\/startups\/phase\/[^/]+\/$/ },
  { name: 'news-list', path: '/actualites/' },
  { name: 'news', pattern: /^\/actualites\/[^/]+\/$/ },
  { name: 'search', path: SEARCH.path },
  { name: 'search-results', path: SEARCH.path, query: `?q=${encodeURIComponent(SEARCH.manyWords[0])}`, waitFor: SEARCH.result },
  { name: '404', path: MISSING_PATH },
  { name: 'legal', path: '/mentions-legales/' },
];

/** States that DSFR's script sets, shot after the page itself: kind → mode → [state]. */
const STATES = {
  home: {
    light: [{ name: 'display-dialog', button: DSFR.displayButton, opens: DSFR.themeModal }],
    dark: [{ name: 'display-dialog', button: DSFR.displayButton, opens: DSFR.themeModal }],
    mobile: [{ name: 'menu', button: DSFR.menuButton, opens: '#header-menu' }],
  },
  startup: {
    mobile: [{ name: 'breadcrumb', button: '.fr-breadcrumb__button', opens: '.fr-breadcrumb__list' }],
  },
};

/**
 * The DSFR package the site was built with: its version read in the published stylesheet's
 * banner, its folder from `ATELIER_DSFR_DIR` or atelier's cache (`ATELIER_CACHE_DIR`, else
 * `$XDG_CACHE_HOME/atelier` or `~/.cache/atelier`). Returns { version, dist } or { error }.
 */
export function findPackage(siteDir) {
  const dsfrDir = join(siteDir, 'dsfr');
  const name = existsSync(dsfrDir) && readdirSync(dsfrDir).find((f) => MAIN_CSS.test('/dsfr/' + f));
  if (!name) return { error: `no dsfr/dsfr.min.css in ${siteDir}` };
  const version = /DSFR v(\d+\.\d+\.\d+)/.exec(readFileSync(join(dsfrDir, name), 'utf8'))?.[1];
  if (!version) return { error: `dsfr/${name} has no "DSFR vX.Y.Z" banner` };
  const candidates = [];
  const explicit = process.env.ATELIER_DSFR_DIR;
  if (explicit) candidates.push(explicit, join(explicit, 'package'));
  const cache = process.env.ATELIER_CACHE_DIR || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'atelier');
  const entries = join(cache, 'dsfr');
  if (existsSync(entries)) {
    for (const e of readdirSync(entries).sort()) if (e.startsWith(`${version}-`)) candidates.push(join(entries, e, 'package'));
  }
  for (const root of candidates) {
    try {
      const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
      if (pkg.version === version && existsSync(join(root, 'dist', 'dsfr.min.css'))) return { version, dist: join(root, 'dist') };
    } catch {
      // not this one
    }
  }
  return { error: `no unpacked @gouvfr/dsfr ${version} in ATELIER_DSFR_DIR or ${entries}: run \`atelier dsfr fetch\`` };
}

const TYPES = { '.css': 'text/css', '.woff2': 'font/woff2', '.woff': 'font/woff', '.svg': 'image/svg+xml' };

/**
 * Answers the site's main stylesheet with `css`, and what the site does not have under
 * `/dsfr/` from the package's dist/ (the fonts and icons the whole stylesheet names).
 */
async function answerWith(page, siteDir, dist, css) {
  await page.route(
    (url) => url.pathname.startsWith('/dsfr/'),
    async (route) => {
      const path = new URL(route.request().url()).pathname;
      if (MAIN_CSS.test(path)) return route.fulfill({ status: 200, contentType: 'text/css', body: css });
      const rel = decodeURIComponent(path.slice('/dsfr/'.length));
      const inSite = resolve(siteDir, 'dsfr', rel);
      const inDist = resolve(dist, rel);
      if (!existsSync(inSite) && inDist.startsWith(dist + '/') && existsSync(inDist)) {
        const ext = rel.slice(rel.lastIndexOf('.'));
        return route.fulfill({ status: 200, contentType: TYPES[ext] ?? 'application/octet-stream', body: readFileSync(inDist) });
      }
      return route.continue();
    },
  );
}

/**
 * A page of `context` (`mode`'s) that answers the main stylesheet with `stylesheet.css`
 * (none: as published), kept
 * in `tabs` (a worker's) from one shot to the next: opening a page costs more than a
 * navigation. A page whose shot failed is closed, and the next shot opens another.
 */
async function tabFor(tabs, context, mode, { siteDir, dist }, stylesheet = null) {
  const key = `${mode.name} ${stylesheet?.name ?? 'published'}`;
  if (!tabs[key] || tabs[key].isClosed()) {
    const page = await context.newPage();
    if (stylesheet) await answerWith(page, siteDir, dist, stylesheet.css);
    tabs[key] = page;
  }
  return tabs[key];
}

/**
 * A full-page PNG of `url` in `state` (null: as loaded), in `page`, once `waitFor` (if
 * given) shows.
 */
async function shoot(page, url, state, waitFor) {
  try {
    await page.goto(url, { waitUntil: 'load' });
    // What the theme's script lists after the load (search results), complete.
    if (waitFor) {
      await page.locator(waitFor).first().waitFor({ state: 'visible', ...WAIT });
      await page.waitForLoadState('networkidle');
    }
    await settle(page);
    if (state) {
      await page.locator(state.button).first().click();
      await page.locator(state.opens).first().waitFor({ state: 'visible', ...WAIT });
      // DSFR's transitions are off (reduced motion); two frames for the last styles.
      await settle(page);
    }
    return await page.screenshot({ fullPage: true, animations: 'disabled', caret: 'hide' });
  } catch (e) {
    await page.close().catch(() => {});
    throw e;
  }
}

/** Compares two PNGs in the browser: { equal, width, height, differing, box } or sizes. */
async function compare(browser, a, b) {
  if (a.equals(b)) return { equal: true, differing: 0 };
  const page = await browser.newPage();
  try {
    return await page.evaluate(
      async ([a64, b64]) => {
        const load = async (b64) => {
          const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
          const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
          const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
          const ctx = canvas.getContext('2d');
          ctx.drawImage(bitmap, 0, 0);
          return { w: bitmap.width, h: bitmap.height, data: ctx.getImageData(0, 0, bitmap.width, bitmap.height).data };
        };
        const [x, y] = await Promise.all([load(a64), load(b64)]);
        if (x.w !== y.w || x.h !== y.h) return { equal: false, sizes: `${x.w}×${x.h} vs ${y.w}×${y.h}` };
        let differing = 0;
        const box = { left: x.w, top: x.h, right: -1, bottom: -1 };
        for (let i = 0; i < x.data.length; i += 4) {
          if (x.data[i] !== y.data[i] || x.data[i + 1] !== y.data[i + 1] || x.data[i + 2] !== y.data[i + 2] || x.data[i + 3] !== y.data[i + 3]) {
            differing++;
            const p = i / 4;
            const [px, py] = [p % x.w, Math.floor(p / x.w)];
            box.left = Math.min(box.left, px);
            box.right = Math.max(box.right, px);
            box.top = Math.min(box.top, py);
            box.bottom = Math.max(box.bottom, py);
          }
        }
        return { equal: differing === 0, width: x.w, height: x.h, differing, box };
      },
      [a.toString('base64'), b.toString('base64')],
    );
  } finally {
    await page.close();
  }
}

const describe = (r) =>
  r.sizes
    ? `page size differs: ${r.sizes} (published vs whole stylesheet)`
    : `${r.differing} pixels differ, in x ${r.box.left}–${r.box.right}, y ${r.box.top}–${r.box.bottom} of ${r.width}×${r.height}`;

/** The stylesheet without the rules that name `.fr-header` (for the negative control). */
export function withoutHeaderRules(css) {
  return css.replace(/[^{}]*\.fr-header[^{}]*\{[^{}]*\}/g, '');
}

/**
 * Runs the comparison. `pages` are the site's pages ({ path }), `firstStartup` the listing's
 * first card. Returns { rows: [{ kind, path, mode, state, failure? }], control, error? }.
 */
export async function compareStylesheets(browser, { siteDir, siteUrl, pages, firstStartup, outDir, pool }) {
  const found = findPackage(siteDir);
  if (found.error) return { error: found.error, rows: [] };
  const full = readFileSync(join(found.dist, 'dsfr.min.css'));
  const published = readFileSync(join(siteDir, 'dsfr', readdirSync(join(siteDir, 'dsfr')).find((f) => MAIN_CSS.test('/dsfr/' + f))));
  const shotsDir = join(outDir, 'visual');
  mkdirSync(shotsDir, { recursive: true });
  const paths = new Set(pages.map((p) => p.path));

  const jobs = [];
  const missing = [];
  for (const kind of VISUAL_KINDS) {
    const path = kind.firstCard ? firstStartup : kind.path ?? pages.find((p) => kind.pattern.test(p.path))?.path;
    if (!path || (!kind.firstCard && kind.path && !paths.has(path) && path !== MISSING_PATH)) {
      missing.push(kind.name);
      continue;
    }
    for (const mode of MODES) {
      for (const state of [null, ...(STATES[kind.name]?.[mode.name] ?? [])]) {
        jobs.push({ kind: kind.name, path: path + (kind.query ?? ''), waitFor: kind.waitFor, mode, state });
      }
    }
  }

  const contexts = Object.fromEntries(await Promise.all(MODES.map(async (m) => [m.name, await newContext(browser, m)])));
  const opts = { siteDir, dist: found.dist };
  try {
    const whole = { name: 'whole', css: full };
    const rows = await pool(jobs, async ({ kind, path, waitFor, mode, state }, _, tabs) => {
      const name = `${kind}-${mode.name}${state ? `-${state.name}` : ''}`;
      const row = { kind, path, mode: mode.name, state: state?.name ?? null, name };
      try {
        const url = siteUrl + path;
        // A difference is shot again once: a stylesheet's is there every time, whereas
        // Chromium, on a busy machine, now and then paints a full-page capture wrong.
        for (let attempt = 1; attempt <= 2; attempt++) {
          const context = contexts[mode.name];
          const mine = await shoot(await tabFor(tabs, context, mode, opts), url, state, waitFor);
          const theirs = await shoot(await tabFor(tabs, context, mode, opts, whole), url, state, waitFor);
          writeFileSync(join(shotsDir, `${name}.png`), mine);
          const result = await compare(browser, mine, theirs);
          if (result.equal) {
            row.failure = undefined;
            break;
          }
          writeFileSync(join(shotsDir, `${name}-whole-stylesheet.png`), theirs);
          row.failure = describe(result);
          row.retried = attempt === 1 ? describe(result) : row.retried;
        }
      } catch (e) {
        row.failure = `could not compare: ${e.message.split('\n')[0]}`;
      }
      return row;
    });
    for (const kind of missing) rows.push({ kind, path: null, mode: '-', state: null, name: kind, failure: 'no page of this kind in the site' });

    // Negative control: the published stylesheet without the header's rules must show.
    const light = MODES.find((m) => m.name === 'light');
    let control;
    try {
      const broken = { name: 'control', css: withoutHeaderRules(published.toString('utf8')) };
      const tabs = {};
      const mine = await shoot(await tabFor(tabs, contexts.light, light, opts), siteUrl + '/', null);
      const theirs = await shoot(await tabFor(tabs, contexts.light, light, opts, broken), siteUrl + '/', null);
      const result = await compare(browser, mine, theirs);
      control = result.equal
        ? { failure: `the home page looked the same without the header's rules (${light.name}): the comparison is blind` }
        : { note: `without the header's rules: ${describe(result)}` };
    } catch (e) {
      control = { failure: `could not run: ${e.message.split('\n')[0]}` };
    }
    return { rows, control, shotsDir, sizes: { published: published.length, full: full.length } };
  } finally {
    // Closing a context closes the pages the workers kept.
    await Promise.all(Object.values(contexts).map((c) => c.close()));
  }
}
