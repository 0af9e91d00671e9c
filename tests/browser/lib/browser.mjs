// Chromium through playwright-core: the browser, one context per mode, and a page that
// records what a visitor would not see but should care about (console errors, broken
// requests, requests to other hosts).

import { chromium } from 'playwright-core';
import { CHROME_ARGS, CHROME_PATH } from './config.mjs';
import { LISTING } from './selectors.mjs';

export async function launch() {
  return chromium.launch({
    executablePath: CHROME_PATH,
    headless: true,
    // Nothing but loopback resolves, so no page can reach another host, even by mistake.
    args: [...CHROME_ARGS, '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
  });
}

/** A fresh context (own storage) for a mode: viewport, and the stored scheme before any script. */
export async function newContext(browser, mode, extra = {}) {
  const context = await browser.newContext({
    viewport: mode.viewport,
    isMobile: Boolean(mode.isMobile),
    hasTouch: Boolean(mode.hasTouch),
    deviceScaleFactor: 1,
    locale: 'fr-FR',
    reducedMotion: 'reduce',
    ...extra,
  });
  if (mode.scheme) {
    // What the display dialog stores: DSFR and the theme's head script both read it.
    await context.addInitScript((scheme) => {
      try {
        window.localStorage.setItem('scheme', scheme);
      } catch {
        // storage unavailable: the check on data-fr-theme will say so
      }
    }, mode.scheme);
  }
  return context;
}

/**
 * Opens a page that records problems in `problems`: console errors, uncaught exceptions,
 * failed or >= 400 subresources, and any request to a host other than the site's. Each
 * `goto` starts the record again, so one page can check several addresses in turn (opening
 * a page costs a renderer more than a navigation does).
 */
export async function watchedPage(context, siteOrigin) {
  const page = await context.newPage();
  // Broken resources by URL: the network events say most precisely what went wrong; the
  // console alone sees requests the page API does not show (the browser's own /favicon.ico).
  const broken = new Map();
  const console_ = [];
  const thirdParty = new Set();
  let documentUrl = null;
  const ours = (u) => {
    try {
      return new URL(u).origin === siteOrigin;
    } catch {
      return false;
    }
  };
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const loading = /^Failed to load resource: (.*)$/.exec(m.text());
    if (!loading) return console_.push(m.text());
    const at = m.location()?.url;
    // The document's own status (404 for the 404 page) is checked on its own; other hosts
    // are reported as such.
    if (!at || at === documentUrl || !ours(at)) return;
    if (!broken.has(at)) broken.set(at, loading[1]);
  });
  page.on('pageerror', (e) => console_.push(`uncaught: ${e.message}`));
  page.on('request', (r) => {
    const u = r.url();
    if (u.startsWith('data:') || u.startsWith('blob:') || u === 'about:blank') return;
    if (!ours(u)) thirdParty.add(u);
  });
  page.on('requestfailed', (r) => {
    if (ours(r.url())) broken.set(r.url(), `failed: ${r.failure()?.errorText}`);
  });
  page.on('response', (r) => {
    if (r.request().isNavigationRequest() && r.request().frame() === page.mainFrame()) return;
    if (r.status() >= 400) broken.set(r.url(), `answered ${r.status()}`);
  });
  const problems = {
    get console() {
      return console_;
    },
    get requests() {
      return [...broken].map(([u, what]) => `${u} ${what}`);
    },
    get thirdParty() {
      return [...thirdParty];
    },
  };
  const goto = async (url) => {
    broken.clear();
    console_.length = 0;
    thirdParty.clear();
    documentUrl = url;
    const response = await page.goto(url, { waitUntil: 'load' });
    await settle(page);
    return response;
  };
  return { page, problems, goto };
}

/** Waits for fonts and two frames, so DSFR JS has initialised and styles are final. */
export async function settle(page) {
  await page.evaluate(async () => {
    await document.fonts.ready;
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  });
}

/** The path of the listing's first startup card, or null when the listing has none. */
export async function firstCardPath(context, baseUrl) {
  const page = await context.newPage();
  try {
    await page.goto(baseUrl + LISTING.path);
    const href = await page.locator(LISTING.cardLink).first().getAttribute('href', { timeout: 2000 });
    return href ? new URL(href, baseUrl + LISTING.path).pathname : null;
  } catch {
    return null;
  } finally {
    await page.close();
  }
}
