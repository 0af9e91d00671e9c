// What a visitor does with the mouse, the keyboard and a phone: the display dialog, the
// mobile menu, the listing filters, the skip links, the site search (and lib/search.mjs), the
// layout (lib/layout.mjs). Each check returns { name, failures, notes }.

import { DESKTOP, MODES } from './config.mjs';
import { settle, watchedPage } from './browser.mjs';
import { DSFR, LISTING, SEARCH } from './selectors.mjs';
import { Failure, must, scenario, WAIT } from './scenario.mjs';
import { LAYOUT_CHECKS } from './layout.mjs';
import { SEARCH_CHECKS } from './search.mjs';

const LIGHT = MODES.find((m) => m.name === 'light');
const MOBILE = MODES.find((m) => m.name === 'mobile');

const themeOf = (page) => page.evaluate((a) => document.documentElement.getAttribute(a), DSFR.themeAttribute);

/** Records, from the first mutation that inserts <body>, the theme attribute of <html>. */
function recordThemeAtBody(attribute) {
  const observer = new MutationObserver(() => {
    if (document.body && !('atelierThemeAtBody' in window)) {
      window.atelierThemeAtBody = document.documentElement.getAttribute(attribute);
      observer.disconnect();
    }
  });
  observer.observe(document, { childList: true, subtree: true });
}

/** Display dialog → dark; the choice survives navigation, and is in force before DSFR JS runs. */
export function displayDialog(browser, baseUrl) {
  return scenario('display dialog switches to dark, kept across pages without a flash', browser, LIGHT, async ({ context, note, fail }) => {
    const { page, problems, goto } = await watchedPage(context, baseUrl);
    await goto(baseUrl + '/');
    const button = page.locator(DSFR.displayButton).first();
    must((await button.count()) > 0, `no display settings button (${DSFR.displayButton}) on the home page`);
    await button.click();
    const dialog = page.locator(DSFR.themeModal);
    await dialog.waitFor({ state: 'visible', ...WAIT }).catch(() => {
      throw new Failure(`clicking the display button did not open ${DSFR.themeModal}`);
    });
    const label = page.locator(DSFR.themeLabel('dark'));
    must((await label.count()) === 1, `no label for the dark radio (${DSFR.themeLabel('dark')}) in the dialog`);
    await label.click();
    await page
      .waitForFunction((a) => document.documentElement.getAttribute(a) === 'dark', DSFR.themeAttribute, WAIT)
      .catch(async () => {
        throw new Failure(`choosing "dark" left ${DSFR.themeAttribute}="${await themeOf(page)}"`);
      });
    const stored = await page.evaluate(() => window.localStorage.getItem('scheme'));
    must(stored === 'dark', `the choice was not stored (localStorage.scheme = ${JSON.stringify(stored)})`);
    note('dialog opened, "dark" chosen, data-fr-theme="dark", localStorage.scheme="dark"');

    // Next page, as usual: the theme and the dialog both remember the choice.
    await goto(baseUrl + LISTING.path);
    must((await themeOf(page)) === 'dark', `after navigating to ${LISTING.path}, ${DSFR.themeAttribute}="${await themeOf(page)}"`);
    const checked = await page.locator(DSFR.themeRadio('dark')).isChecked().catch(() => false);
    must(checked, `after navigating, the dialog's "dark" radio is not checked`);
    for (const p of problems.console) fail(`console error: ${p}`);
    await page.close();

    // Next page with the DSFR scripts blocked: only the head script can set the theme, and it
    // must have done so before <body> exists, i.e. before anything is painted.
    await context.addInitScript(recordThemeAtBody, DSFR.themeAttribute);
    await context.route(DSFR.dsfrScripts, (route) => route.abort());
    const bare = await context.newPage();
    await bare.goto(baseUrl + '/', { waitUntil: 'load' });
    const atBody = await bare.evaluate(() => window.atelierThemeAtBody ?? null);
    must(atBody === 'dark', `without DSFR JS, ${DSFR.themeAttribute} was "${atBody}" when <body> was created: the page flashes light first`);
    const background = await bare.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const rgb = (background.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number);
    const luminance = rgb.length === 3 ? (0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]) / 255 : 1;
    must(luminance < 0.3, `without DSFR JS, the page background is ${background}, not dark`);
    note(`without DSFR JS: ${DSFR.themeAttribute}="dark" when <body> was created, background ${background}`);
    await bare.close();
  });
}

/** At 375 px the navigation is behind the burger button, which opens it. */
export function mobileMenu(browser, baseUrl) {
  return scenario('mobile menu opens at 375 px', browser, MOBILE, async ({ context, note, fail }) => {
    const { page, problems, goto } = await watchedPage(context, baseUrl);
    await goto(baseUrl + '/');
    const button = page.locator(DSFR.menuButton).first();
    must((await button.count()) > 0, `no menu button (${DSFR.menuButton}) on the home page`);
    must(await button.isVisible(), 'the menu button is not visible at 375 px');
    const link = page.locator(DSFR.navLinks).first();
    must((await link.count()) > 0, `no navigation link (${DSFR.navLinks})`);
    must(!(await link.isVisible()), 'the navigation is already visible before the menu is opened');
    await button.click();
    await link.waitFor({ state: 'visible', ...WAIT }).catch(() => {
      throw new Failure('clicking the menu button did not show the navigation');
    });
    const box = await link.boundingBox();
    must(box && box.x >= 0 && box.x + box.width <= MOBILE.viewport.width + 1, `the first navigation link lies outside the screen (${JSON.stringify(box)})`);
    const count = await page.locator(DSFR.navLinks).count();
    note(`menu opened, ${count} navigation links shown`);
    for (const p of problems.console) fail(`console error: ${p}`);
  });
}

/** Every card of the listing: shown or not, and the values it carries for each facet. */
async function cards(page) {
  return page.locator(LISTING.card).evaluateAll(
    (items, facets) =>
      items.map((c) => ({
        shown: c.getClientRects().length > 0,
        values: Object.fromEntries(Object.entries(facets).map(([f, attr]) => [f, (c.getAttribute(attr) ?? '').split(/\s+/).filter(Boolean)])),
      })),
    LISTING.facets,
  );
}

/**
 * For each facet, a value that some cards have and some do not: clicking its control shows
 * exactly those cards (in place, with JS), clicking again shows all of them; without JS the
 * control is a link to a page listing as many cards.
 */
export function listingFilters(browser, baseUrl) {
  return scenario('listing filters narrow the cards', browser, LIGHT, async ({ context, note, fail }) => {
    const { page, problems, goto } = await watchedPage(context, baseUrl);
    const noJs = await context.browser().newContext({ viewport: DESKTOP, javaScriptEnabled: false });
    try {
      for (const facet of Object.keys(LISTING.facets)) {
        await goto(baseUrl + LISTING.path);
        const before = await cards(page);
        must(before.length > 1 && before.every((c) => c.shown), `${LISTING.path} shows ${before.filter((c) => c.shown).length} of ${before.length} cards (${LISTING.card}) before any filter`);
        const controls = page.locator(LISTING.filterControl(facet));
        const values = await controls.evaluateAll((cs, attr) => cs.map((c) => c.getAttribute(attr)), LISTING.filterValue);
        if (values.length === 0) {
          fail(`no ${facet} filter on ${LISTING.path} (${LISTING.filterControl(facet)})`);
          continue;
        }
        const value = values.find((v) => {
          const n = before.filter((c) => c.values[facet].includes(v)).length;
          return n > 0 && n < before.length;
        });
        if (value === undefined) {
          fail(`no ${facet} value on ${LISTING.path} that some cards have and others not (values: ${values.join(', ')})`);
          continue;
        }
        const expected = before.filter((c) => c.values[facet].includes(value)).length;
        const control = page.locator(LISTING.filterControl(facet, value)).first();
        const label = (await control.innerText()).trim();
        const urlBefore = page.url();
        await control.click();
        await settle(page);
        if (page.url() !== urlBefore) {
          fail(`${facet} "${label}": with JS the click left the listing for ${page.url()} instead of filtering in place`);
          continue;
        }
        const after = await cards(page);
        const shown = after.filter((c) => c.shown);
        const wrong = shown.filter((c) => !c.values[facet].includes(value)).length;
        if (shown.length !== expected || wrong > 0) {
          fail(`${facet} "${label}": ${shown.length} of ${after.length} cards shown (${wrong} without "${value}"), expected the ${expected} with it`);
          continue;
        }
        await control.click();
        await settle(page);
        const reset = (await cards(page)).filter((c) => c.shown).length;
        if (reset !== before.length) fail(`${facet} "${label}": clicking it again shows ${reset} cards, not all ${before.length}`);
        note(`${facet} "${label}": cards ${before.length} → ${expected} in place, back to ${reset} on a second click`);

        // Without JS the same control is a link to a page listing the same cards.
        const bare = await noJs.newPage();
        await bare.goto(baseUrl + LISTING.path);
        const href = await bare.locator(LISTING.filterControl(facet, value)).first().getAttribute('href');
        if (!href) {
          fail(`${facet} "${label}" is not a link without JS`);
        } else {
          await bare.goto(new URL(href, baseUrl + LISTING.path).href);
          const listed = (await cards(bare)).filter((c) => c.shown && c.values[facet].includes(value)).length;
          const all = (await cards(bare)).length;
          if (listed !== expected || all !== expected) {
            fail(`${facet} "${label}": without JS, ${href} lists ${all} cards (${listed} with "${value}"), expected ${expected}`);
          } else {
            note(`${facet} "${label}": without JS, ${href} lists the same cards (${listed})`);
          }
        }
        await bare.close();
      }
    } finally {
      await noJs.close();
    }
    for (const p of problems.console) fail(`console error: ${p}`);
  });
}

/** The first Tab reaches the skip links; each one moves keyboard focus into its target. */
export function skipLinks(browser, baseUrl) {
  return scenario('skip links move focus to their targets', browser, LIGHT, async ({ context, note }) => {
    const { page, goto } = await watchedPage(context, baseUrl);
    for (const path of ['/', LISTING.path]) {
      await goto(baseUrl + path);
      const links = await page.locator(DSFR.skipLinks).evaluateAll((as) => as.map((a) => ({ href: a.getAttribute('href'), text: a.textContent.trim() })));
      must(links.length > 0, `no skip links (${DSFR.skipLinks}) on ${path}`);
      await page.keyboard.press('Tab');
      const first = await page.evaluate(() => document.activeElement?.getAttribute('href'));
      must(first === links[0].href, `on ${path}, the first Tab focuses ${JSON.stringify(first)}, not the skip link "${links[0].text}"`);
      for (const { href, text } of links) {
        await goto(baseUrl + path);
        const id = decodeURIComponent(href.slice(1));
        must(await page.evaluate((i) => !!document.getElementById(i), id), `on ${path}, skip link "${text}" points at #${id}, which does not exist`);
        await page.locator(`${DSFR.skipLinks}[href="${href}"]`).focus();
        await page.keyboard.press('Enter');
        const inside = () => page.evaluate((i) => {
          const t = document.getElementById(i);
          return !!t && !!document.activeElement && t.contains(document.activeElement);
        }, id);
        // Either the target takes focus, or (not focusable) the next Tab lands inside it.
        let ok = await inside();
        if (!ok) {
          await page.keyboard.press('Tab');
          ok = await inside();
        }
        const where = await page.evaluate(() => {
          const a = document.activeElement;
          return a ? `${a.tagName.toLowerCase()}${a.id ? '#' + a.id : ''}` : 'nothing';
        });
        must(ok, `on ${path}, skip link "${text}" left focus on ${where}, outside #${id}`);
      }
      note(`${path}: ${links.map((l) => `"${l.text}" → ${l.href}`).join(', ')}`);
    }
  });
}

/**
 * The header search, as a visitor uses it: the name of the listing's first startup, typed in
 * the field and sent with Enter, lists that startup's page among the results of the search
 * index (Pagefind, queried in the browser).
 */
export function siteSearch(browser, baseUrl) {
  return scenario('header search finds a startup by its name', browser, LIGHT, async ({ context, note, fail }) => {
    const { page, problems, goto } = await watchedPage(context, baseUrl);
    await goto(baseUrl + LISTING.path);
    const card = page.locator(LISTING.cardLink).first();
    must((await card.count()) > 0, `no startup card (${LISTING.cardLink}) on ${LISTING.path}`);
    const name = (await card.textContent()).trim();
    const target = new URL(await card.getAttribute('href'), baseUrl + LISTING.path).pathname;
    const field = page.locator(SEARCH.input);
    must((await field.count()) === 1, `no search field (${SEARCH.input}) in the header`);
    await field.fill(name);
    await Promise.all([page.waitForURL(/[?&]q=/, WAIT), field.press('Enter')]);
    await page.locator(SEARCH.result).first().waitFor(WAIT).catch(() => {
      throw new Failure(`searching "${name}" from the header listed no result on ${new URL(page.url()).pathname}`);
    });
    const found = await page.locator(SEARCH.resultLink).evaluateAll((links) => links.map((a) => new URL(a.href).pathname));
    must(found.includes(target), `searching "${name}" listed ${found.join(', ')}, not ${target}`);
    note(`"${name}": ${found.length} results shown, ${target} at rank ${found.indexOf(target) + 1}`);
    for (const p of problems.console) fail(`console error: ${p}`);
    for (const r of problems.requests) fail(`broken resource: ${r}`);
  });
}

/**
 * The news list split into pages (`paginate_by`): "Page suivante" leads to page 2, where the
 * current page is 2, and "Page précédente" comes back to the list. Skipped (with a note) on a
 * site whose news list fits on one page.
 */
export function newsPagination(browser, baseUrl) {
  return scenario('news list pages lead to each other', browser, MOBILE, async ({ context, note, fail }) => {
    const { page, problems, goto } = await watchedPage(context, baseUrl);
    await goto(baseUrl + '/actualites/');
    const nav = page.locator('nav.fr-pagination');
    if ((await nav.count()) === 0) {
      note('the news list is on one page');
      return;
    }
    const current = () => nav.locator('a[aria-current="page"]').textContent();
    must((await current()).trim() === '1', 'page 1 is not marked current on /actualites/');
    await Promise.all([page.waitForURL(/\/actualites\/page\/2\/$/, WAIT), nav.getByText('Page suivante').click()]);
    must((await current()).trim() === '2', 'page 2 is not marked current on /actualites/page/2/');
    must((await page.locator('main .fr-card').count()) > 0, 'page 2 lists no news');
    await Promise.all([page.waitForURL(/\/actualites\/$/, WAIT), nav.getByText('Page précédente').click()]);
    note('/actualites/ → page 2 → back, current page marked on each');
    for (const p of problems.console) fail(`console error: ${p}`);
  });
}

/**
 * The copy button of the share component (theme/partage.js): shown once the script runs, it
 * copies the page's canonical address and says so in its status line.
 */
export function shareCopy(browser, baseUrl) {
  return scenario('share component copies the page address', browser, LIGHT, async ({ context, note, fail }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(baseUrl).origin });
    const { page, problems, goto } = await watchedPage(context, baseUrl);
    await goto(baseUrl + '/actualites/');
    const first = page.locator('main .fr-card__title a').first();
    must((await first.count()) > 0, 'no news on /actualites/');
    await goto(new URL(await first.getAttribute('href'), baseUrl + '/actualites/').href);
    const share = page.locator('.fr-share');
    if ((await share.count()) === 0) {
      note('no share component (share is off)');
      return;
    }
    const button = share.locator('button.fr-btn--copy');
    await button.waitFor({ state: 'visible', ...WAIT }).catch(() => {
      throw new Failure('the copy button stays hidden: theme/partage.js did not run');
    });
    await button.click();
    const status = share.locator('[data-share-status]');
    await page.waitForFunction((el) => el.textContent.trim() !== '', await status.elementHandle(), WAIT);
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    const canonical = await page.locator('link[rel=canonical]').getAttribute('href');
    must(copied === canonical, `the button copied ${JSON.stringify(copied)}, not the canonical ${canonical}`);
    note(`copied ${copied}; status: "${(await status.textContent()).trim()}"`);
    for (const p of problems.console) fail(`console error: ${p}`);
  });
}

export const INTERACTIONS = [displayDialog, mobileMenu, listingFilters, skipLinks, siteSearch, newsPagination, shareCopy, ...SEARCH_CHECKS, ...LAYOUT_CHECKS];
