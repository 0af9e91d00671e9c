// The site search as a visitor meets it on the results page: DSFR markup, the "more" button
// only when more results exist, an index of each page's own text, and the filters by kind of
// page and by phase. Each check returns { name, failures, notes }.

import { AxeBuilder } from '@axe-core/playwright';
import { AXE_TAGS, MODES } from './config.mjs';
import { watchedPage } from './browser.mjs';
import { LISTING, SEARCH } from './selectors.mjs';
import { Failure, must, scenario, WAIT } from './scenario.mjs';

const LIGHT = MODES.find((m) => m.name === 'light');
const DARK = MODES.find((m) => m.name === 'dark');

/** Opens the results page for `query` (and filters) and waits for the status to settle. */
async function searchFor(page, goto, baseUrl, query, filters = {}) {
  const params = new URLSearchParams({ q: query, ...filters });
  await goto(`${baseUrl}${SEARCH.path}?${params}`);
  await page
    .waitForFunction((s) => {
      const t = document.querySelector(s)?.textContent ?? '';
      return t !== '' && !t.includes('en cours');
    }, SEARCH.status, WAIT)
    .catch(() => {
      throw new Failure(`searching "${query}": the status line (${SEARCH.status}) never said how many results`);
    });
  const status = (await page.locator(SEARCH.status).textContent()).trim();
  const total = /^(\d+) résultats?/.exec(status)?.[1];
  return { status, total: total === undefined ? 0 : Number(total) };
}

const shownCount = (page) => page.locator(SEARCH.result).count();
const paths = (page) => page.locator(SEARCH.resultLink).evaluateAll((as) => as.map((a) => new URL(a.href).pathname));
const moreVisible = (page) => page.locator(SEARCH.more).isVisible();

/** The first of SEARCH.manyWords with more results than the first screen lists. */
async function manyQuery(page, goto, baseUrl) {
  for (const word of SEARCH.manyWords) {
    const r = await searchFor(page, goto, baseUrl, word);
    if (r.total > (await shownCount(page))) return { word, ...r };
  }
  throw new Failure(`none of ${SEARCH.manyWords.join(', ')} has more results than the first screen lists`);
}

/** A startup's name whose search lists all its results on the first screen. */
async function fewQuery(page, goto, baseUrl) {
  await goto(baseUrl + LISTING.path);
  const names = (await page.locator(LISTING.cardLink).allTextContents()).map((n) => n.trim());
  for (const name of names) {
    const r = await searchFor(page, goto, baseUrl, name);
    if (r.total > 0 && r.total === (await shownCount(page))) return { name, ...r };
  }
  throw new Failure(`no startup name of ${LISTING.path} has a few results, all on the first screen`);
}

/** The listing's startups: site path → phase value of its card. */
async function startupPhases(page, goto, baseUrl) {
  await goto(baseUrl + LISTING.path);
  return new Map(
    await page.locator(LISTING.card).evaluateAll(
      (items, [link, attr]) => items.map((c) => [new URL(c.querySelector(link).href).pathname, c.getAttribute(attr) ?? '']),
      ['.fr-card__title a[href]', LISTING.facets.phase],
    ),
  );
}

/**
 * No query, no result, few results: no "more" button; many results: the button lists the
 * next ones, moves focus to the first of them, and goes once all are listed. Each result is
 * a list item with a linked title, its place in the site in words and an excerpt whose words
 * found are highlighted in DSFR's colours, not the browser's yellow; axe finds nothing on the
 * page with results, in light and in dark.
 */
export function searchResults(browser, baseUrl) {
  return scenario('search results: DSFR markup, the more button only when more exist', browser, LIGHT, async ({ context, note, fail }) => {
    const { page, problems, goto } = await watchedPage(context, baseUrl);
    await goto(baseUrl + SEARCH.path);
    must(!(await moreVisible(page)), `${SEARCH.path} without a query shows "${SEARCH.more}"`);

    const none = await searchFor(page, goto, baseUrl, SEARCH.noWord);
    must(none.total === 0 && (await shownCount(page)) === 0, `"${SEARCH.noWord}": ${none.status}`);
    must(!(await moreVisible(page)), `"${SEARCH.noWord}" has no result, yet "${SEARCH.more}" is shown`);

    const few = await fewQuery(page, goto, baseUrl);
    const name = few.name;
    const fewShown = await shownCount(page);
    must(few.total > 0 && fewShown === few.total, `"${name}": ${few.status}, ${fewShown} listed`);
    must(!(await moreVisible(page)), `"${name}": all ${few.total} results are listed, yet "${SEARCH.more}" is shown`);

    // The markup of each result.
    must((await page.locator(`${SEARCH.list} > li`).count()) === fewShown, `the results are not the items of ${SEARCH.list}`);
    const parts = await page.locator(SEARCH.result).evaluateAll(
      (items, [place, excerpt]) =>
        items.map((li) => ({
          title: li.querySelector('h2 a[href]')?.textContent.trim() ?? '',
          place: li.querySelector(place)?.textContent.trim() ?? null,
          excerpt: li.querySelector(excerpt)?.textContent.trim() ?? '',
          href: li.querySelector('h2 a[href]')?.getAttribute('href') ?? '',
        })),
      [SEARCH.resultPlace, SEARCH.resultExcerpt],
    );
    for (const r of parts) {
      if (!r.title || !r.excerpt) fail(`"${name}": a result without a title or an excerpt: ${JSON.stringify(r)}`);
      const path = new URL(r.href, baseUrl).pathname;
      // Every page but the home page has a place in the site, said in words.
      if (path !== '/' && (!r.place || /[/_]/.test(r.place))) fail(`"${name}": the result ${path} says its place as ${JSON.stringify(r.place)}, not in words`);
    }
    const marks = page.locator(SEARCH.highlight);
    must((await marks.count()) > 0, `"${name}": no word highlighted (${SEARCH.highlight})`);
    const colours = await marks.first().evaluate((m) => {
      const s = getComputedStyle(m);
      return { background: s.backgroundColor, color: s.color };
    });
    must(
      !['rgb(255, 255, 0)', 'rgba(0, 0, 0, 0)', 'transparent'].includes(colours.background),
      `"${name}": the highlight has the browser's default background (${colours.background})`,
    );
    note(`"${name}": ${few.total} results, each with title, place and excerpt; highlight ${colours.background} on ${colours.color}`);
    const axe = await new AxeBuilder({ page }).withTags(AXE_TAGS).setLegacyMode(true).analyze();
    for (const v of axe.violations) fail(`axe (light, results listed) ${v.id}: ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);

    // Many results: the button lists them all, ten at a time.
    const many = await manyQuery(page, goto, baseUrl);
    must(await moreVisible(page), `"${many.word}": ${many.total} results, ${await shownCount(page)} listed, and no "${SEARCH.more}" button`);
    let clicks = 0;
    while (await moreVisible(page)) {
      const before = await shownCount(page);
      await page.locator(SEARCH.more).click();
      await page.waitForFunction(([s, n]) => document.querySelectorAll(s).length > n, [SEARCH.result, before], WAIT).catch(() => {
        throw new Failure(`"${many.word}": clicking "${SEARCH.more}" listed nothing more than ${before}`);
      });
      const focused = await page.evaluate(([s, n]) => document.activeElement === document.querySelectorAll(s)[n], [SEARCH.resultLink, before]);
      if (!focused) fail(`"${many.word}": after "${SEARCH.more}", focus is not on the first new result`);
      if (++clicks > 50) throw new Failure(`"${many.word}": "${SEARCH.more}" never goes away`);
    }
    const listed = await shownCount(page);
    must(listed === many.total, `"${many.word}": ${listed} results listed when the button went, of ${many.total}`);
    note(`"${many.word}": ${many.total} results, all listed after ${clicks} clicks on "${SEARCH.more}", then the button went`);
    for (const p of problems.console) fail(`console error: ${p}`);
    for (const r of problems.requests) fail(`broken resource: ${r}`);
  });
}

/** The results page in dark, with results listed: axe finds nothing (the highlight's contrast). */
export function searchResultsDark(browser, baseUrl) {
  return scenario('search results pass axe in dark', browser, DARK, async ({ context, note, fail }) => {
    const { page, problems, goto } = await watchedPage(context, baseUrl);
    await goto(baseUrl + LISTING.path);
    const name = (await page.locator(LISTING.cardLink).first().textContent()).trim();
    const r = await searchFor(page, goto, baseUrl, name);
    must(r.total > 0, `"${name}": ${r.status}`);
    must((await page.locator(SEARCH.highlight).count()) > 0, `"${name}": no word highlighted`);
    const axe = await new AxeBuilder({ page }).withTags(AXE_TAGS).setLegacyMode(true).analyze();
    for (const v of axe.violations) fail(`axe (dark, results listed) ${v.id}: ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
    note(`"${name}": ${r.total} results, axe: ${axe.violations.length} violations`);
    for (const p of problems.console) fail(`console error: ${p}`);
  });
}

/**
 * The index holds each page's own text: a startup's name finds its page, the listings
 * that only show it on a card (the home page, the listing, the news) are not found by it, and
 * the excerpt is the fiche's text, not its side column.
 */
export function searchOwnContent(browser, baseUrl) {
  return scenario("search indexes each page's own text", browser, LIGHT, async ({ context, note, fail }) => {
    const { page, goto } = await watchedPage(context, baseUrl);
    const phases = await startupPhases(page, goto, baseUrl);
    must(phases.size > 1, `no startup card on ${LISTING.path}`);
    let checked = 0;
    for (const [target] of [...phases].slice(0, 3)) {
      await goto(baseUrl + target);
      const name = (await page.locator('h1').first().textContent()).trim();
      const side = await page.locator('main aside h2, main aside h3').allTextContents();
      await searchFor(page, goto, baseUrl, name);
      const found = await paths(page);
      // Found; not necessarily first: a news item may bear the same name, and Pagefind
      // also matches longer words beginning like a short name (`Ada`, `adaptée`).
      if (!found.includes(target)) fail(`"${name}": ${target} is not found (${found.slice(0, 5).join(', ')})`);
      for (const listing of ['/', LISTING.path, '/actualites/']) {
        if (found.includes(listing)) fail(`"${name}": the listing ${listing} is found (rank ${found.indexOf(listing) + 1}) by a name it only shows on a card`);
      }
      const excerpt = await page.locator(`${SEARCH.result}:has(a[href$="${target}"]) ${SEARCH.resultExcerpt}`).first().textContent().catch(() => '');
      const sideWords = side.map((s) => s.trim()).filter((s) => s && excerpt.includes(`${s}.`));
      if (sideWords.length > 0) fail(`"${name}": the excerpt of ${target} reads the side column (${sideWords.join(', ')}): ${excerpt}`);
      note(`"${name}": ${target} at rank ${found.indexOf(target) + 1} of ${found.length}; excerpt "${excerpt.slice(0, 60)}…"`);
      checked++;
    }
    must(checked > 0, 'no startup searched');
  });
}

/**
 * The filters: by kind of page (startup, news, other page) and by phase, each narrowing the
 * same search to pages of that kind or phase, in place, the address keeping the choice.
 */
export function searchFilters(browser, baseUrl) {
  return scenario('search filters by kind of page and by phase', browser, LIGHT, async ({ context, note, fail }) => {
    const { page, problems, goto } = await watchedPage(context, baseUrl);
    const phases = await startupPhases(page, goto, baseUrl);
    const many = await manyQuery(page, goto, baseUrl);
    const isStartup = (p) => phases.has(p);
    const isNews = (p) => /^\/actualites\/[^/]+\/$/.test(p);
    const kinds = {
      startup: isStartup,
      actualite: isNews,
      page: (p) => !isStartup(p) && !isNews(p),
    };
    const listAll = async () => {
      while (await moreVisible(page)) {
        const before = await shownCount(page);
        await page.locator(SEARCH.more).click();
        await page.waitForFunction(([s, n]) => document.querySelectorAll(s).length > n, [SEARCH.result, before], WAIT);
      }
      return paths(page);
    };
    const select = page.locator(SEARCH.filter('type'));
    must((await select.count()) === 1, `no kind filter (${SEARCH.filter('type')}) on ${SEARCH.path}`);
    let sum = 0;
    for (const [value, belongs] of Object.entries(kinds)) {
      await searchFor(page, goto, baseUrl, many.word);
      const before = page.url();
      await page.locator(SEARCH.filter('type')).selectOption(value);
      await page.waitForFunction((v) => new URL(location.href).searchParams.get('type') === v, value, WAIT).catch(() => {
        throw new Failure(`kind "${value}": the address does not keep the filter (${page.url()})`);
      });
      await page.waitForFunction((s) => !(document.querySelector(s)?.textContent ?? '').includes('en cours'), SEARCH.status, WAIT);
      const status = (await page.locator(SEARCH.status).textContent()).trim();
      const total = Number(/^(\d+) résultats?/.exec(status)?.[1] ?? 0);
      const found = await listAll();
      if (new URL(page.url()).pathname !== new URL(before).pathname) fail(`kind "${value}": the filter left the results page`);
      const wrong = found.filter((p) => !belongs(p));
      if (wrong.length > 0) fail(`kind "${value}" on "${many.word}": ${wrong.length} results of another kind (${wrong.slice(0, 3).join(', ')})`);
      if (total !== found.length) fail(`kind "${value}": status says ${total}, ${found.length} listed`);
      if (value !== 'page' && total === 0) fail(`kind "${value}" on "${many.word}": no result`);
      note(`kind "${value}" on "${many.word}": ${total} of ${many.total}`);
      sum += total;
    }
    if (sum !== many.total) fail(`"${many.word}": the kinds add up to ${sum} results, not ${many.total}: some page has no kind`);

    // By phase: each result is a startup of that phase.
    const options = await page.locator(SEARCH.filter('phase')).evaluate((s) => [...s.options].map((o) => o.value).filter(Boolean));
    must(options.length > 0, `no phase in ${SEARCH.filter('phase')}`);
    const counts = new Map();
    for (const v of phases.values()) counts.set(v, (counts.get(v) ?? 0) + 1);
    const value = options.sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0))[0];
    const r = await searchFor(page, goto, baseUrl, many.word, { phase: value });
    const found = await listAll();
    must((await page.locator(SEARCH.filter('phase')).inputValue()) === value, `phase "${value}" from the address is not selected`);
    must(r.total > 0 && r.total < many.total, `phase "${value}" on "${many.word}": ${r.status}`);
    const wrong = found.filter((p) => phases.get(p) !== value);
    if (wrong.length > 0) fail(`phase "${value}": results of another phase or not startups: ${wrong.slice(0, 3).join(', ')}`);
    note(`phase "${value}" on "${many.word}": ${r.total} startups of that phase`);
    for (const p of problems.console) fail(`console error: ${p}`);
  });
}

export const SEARCH_CHECKS = [searchResults, searchResultsDark, searchOwnContent, searchFilters];
