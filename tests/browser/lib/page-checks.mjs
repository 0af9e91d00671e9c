// One page in one mode: status, axe-core, dark scheme in force, French typography, console
// and network problems, and a screenshot for the pages that get one.

import { AxeBuilder } from '@axe-core/playwright';
import { join } from 'node:path';
import { AXE_TAGS } from './config.mjs';
import { watchedPage } from './browser.mjs';
import { DSFR } from './selectors.mjs';
import { typographyFailures } from './typography.mjs';

function describeViolation(v) {
  const nodes = v.nodes.map((n) => n.target.join(' '));
  const shown = nodes.slice(0, 3).join(', ') + (nodes.length > 3 ? `, … (${nodes.length} in all)` : '');
  return `axe ${v.id} [${v.impact}] ${v.help}: ${shown}`;
}

// Icon and manifest URLs already fetched, shared by all pages: URL → promise of a status.
const iconStatus = new Map();

/**
 * The icons a browser fetches on its own, which the page events never show: the declared
 * icons and manifest, or `/favicon.ico` when none is declared. Returns failure lines.
 */
async function brokenIcons(page, baseUrl) {
  let hrefs = await page.locator('link[rel~="icon"], link[rel="apple-touch-icon"], link[rel="manifest"]').evaluateAll((ls) => ls.map((l) => l.href));
  const declared = hrefs.length > 0;
  if (!declared) hrefs = [baseUrl + '/favicon.ico'];
  const failures = [];
  for (const href of hrefs) {
    if (!iconStatus.has(href)) iconStatus.set(href, page.request.get(href).then((r) => r.status(), (e) => e.message));
    const status = await iconStatus.get(href);
    if (status !== 200) failures.push(`broken resource: ${href} answered ${status}${declared ? '' : ' (no icon declared, so browsers ask for it)'}`);
  }
  return failures;
}

/**
 * Opens a tab for `checkPage` in `context` (a mode's): a watched page kept open from one
 * address to the next. `checkPage` closes it when a check went wrong, and opens another.
 */
export async function openTab(context, baseUrl) {
  return { context, baseUrl, watched: await watchedPage(context, baseUrl) };
}

/**
 * Checks `target` ({ path, expectedStatus }) in `mode`, in `tab` (from `openTab` with the
 * mode's context). Returns { path, mode, failures: [string], axe: [violation], ms }.
 */
export async function checkPage({ tab, mode, target, baseUrl, screenshot }) {
  const started = Date.now();
  const failures = [];
  if (tab.watched.page.isClosed()) tab.watched = await watchedPage(tab.context, tab.baseUrl);
  const { page, problems, goto } = tab.watched;
  let axe = [];
  try {
    const response = await goto(baseUrl + target.path);
    const status = response?.status() ?? null;
    if (status !== target.expectedStatus) failures.push(`status ${status}, expected ${target.expectedStatus}`);

    if (mode.scheme) {
      const theme = await page.evaluate((a) => document.documentElement.getAttribute(a), DSFR.themeAttribute);
      if (theme !== mode.scheme) {
        failures.push(`${DSFR.themeAttribute}="${theme}" with localStorage.scheme="${mode.scheme}": the ${mode.scheme} scheme is not applied`);
      }
    }

    if (mode.name === 'light') {
      failures.push(...(await brokenIcons(page, baseUrl)));
      failures.push(...(await typographyFailures(page)));
    }

    // Legacy mode runs axe once, in the page. The default mode opens a blank page for every
    // check to merge per-frame results; our pages have no frame, and it took 40 % longer.
    const result = await new AxeBuilder({ page }).withTags(AXE_TAGS).setLegacyMode(true).analyze();
    axe = result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
    failures.push(...result.violations.map(describeViolation));

    if (screenshot) await page.screenshot({ path: join(screenshot.dir, `${screenshot.name}-${mode.name}.png`), fullPage: true });
  } catch (e) {
    failures.push(`could not check the page: ${e.message.split('\n')[0]}`);
    // Whatever state it is in, the next address gets a new page.
    await page.close().catch(() => {});
  }
  failures.push(...problems.console.map((t) => `console error: ${t}`));
  failures.push(...problems.requests.map((t) => `broken resource: ${t}`));
  failures.push(...problems.thirdParty.map((u) => `request to another host: ${u}`));
  return { path: target.path, mode: mode.name, failures, axe, ms: Date.now() - started };
}
