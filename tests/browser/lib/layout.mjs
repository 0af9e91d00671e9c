// Layout defects a visitor sees, measured in the browser: the space in "Publié le <date>" on
// news cards, e-mail addresses that break in the middle of a word, an alert touching what
// follows it, a list touching the heading after it. Each check returns { name, failures, notes }.

import { MODES } from './config.mjs';
import { watchedPage } from './browser.mjs';
import { LAYOUT, LISTING } from './selectors.mjs';
import { must, scenario } from './scenario.mjs';

const LIGHT = MODES.find((m) => m.name === 'light');

/**
 * In each news card's detail line, the word before the date and the date are apart on the
 * screen: the gap between the last letter of "le" and the first character of the date is at
 * least a quarter of the font size (a collapsed space leaves none).
 */
export function newsCardDates(browser, baseUrl) {
  return scenario('news cards: "Publié le" and the date stay apart', browser, LIGHT, async ({ context, note, fail }) => {
    const { page, goto } = await watchedPage(context, baseUrl);
    let seen = 0;
    for (const { path, detail } of LAYOUT.newsCards) {
      await goto(baseUrl + path);
      const gaps = await page.locator(`main ${detail}`).evaluateAll((details) =>
        details.map((el) => {
          // Every character of the line with its box, in document order.
          const chars = [];
          const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            for (let i = 0; i < n.data.length; i++) {
              const r = document.createRange();
              r.setStart(n, i);
              r.setEnd(n, i + 1);
              const box = r.getBoundingClientRect();
              chars.push({ c: n.data[i], left: box.left, right: box.right, top: box.top, width: box.width });
            }
          }
          const visible = chars.filter((x) => x.width > 0 && x.c.trim() !== '');
          const text = visible.map((x) => x.c).join('');
          const at = text.search(/e\d/);
          if (at < 0) return { text: el.textContent.trim(), gap: null };
          const [a, b] = [visible[at], visible[at + 1]];
          return {
            text: el.textContent.trim(),
            gap: Math.abs(a.top - b.top) > 2 ? Infinity : b.left - a.right,
            size: parseFloat(getComputedStyle(el).fontSize),
          };
        }),
      );
      for (const g of gaps) {
        seen++;
        if (g.gap === null) fail(`${path}: the card detail "${g.text}" has no date after a word`);
        else if (g.gap < g.size / 6) fail(`${path}: "${g.text}" is shown without a space before the date (${g.gap.toFixed(1)} px)`);
      }
      note(`${path}: ${gaps.length} card dates, gaps ${[...new Set(gaps.map((g) => (g.gap ?? 0).toFixed(1)))].join(', ')} px`);
    }
    must(seen > 0, `no news card detail (${LAYOUT.newsCards.map((n) => n.detail).join(', ')}) on ${LAYOUT.newsCards.map((n) => n.path).join(', ')}`);
  });
}

/**
 * E-mail addresses (every startup's side column, and the pages of LAYOUT.mailPages), at each
 * width of LAYOUT.widths: a line may break inside an address only next to `@` or `.`, never
 * between two letters or digits.
 */
export function mailWrapping(browser, baseUrl) {
  return scenario('e-mail addresses never break in the middle of a word', browser, LIGHT, async ({ context, note, fail }) => {
    const { page, goto } = await watchedPage(context, baseUrl);
    await goto(baseUrl + LISTING.path);
    const startups = await page.locator(LISTING.cardLink).evaluateAll((as) => as.map((a) => new URL(a.href).pathname));
    let addresses = 0;
    let wrapped = 0;
    for (const path of [...startups, ...LAYOUT.mailPages]) {
      await page.setViewportSize({ width: LAYOUT.widths[0], height: 800 });
      await goto(baseUrl + path);
      for (const width of LAYOUT.widths) {
        await page.setViewportSize({ width, height: 800 });
        const links = await page.locator(LAYOUT.mailLink).evaluateAll((as) =>
          as.map((a) => {
            const chars = [];
            const walker = document.createTreeWalker(a, NodeFilter.SHOW_TEXT);
            for (let n = walker.nextNode(); n; n = walker.nextNode()) {
              for (let i = 0; i < n.data.length; i++) {
                const r = document.createRange();
                r.setStart(n, i);
                r.setEnd(n, i + 1);
                const box = r.getBoundingClientRect();
                if (box.width > 0) chars.push({ c: n.data[i], top: box.top });
              }
            }
            const breaks = [];
            for (let i = 1; i < chars.length; i++) {
              if (chars[i].top > chars[i - 1].top + 2) breaks.push([chars[i - 1].c, chars[i].c]);
            }
            return { text: a.textContent, breaks };
          }),
        );
        for (const l of links) {
          addresses++;
          if (l.breaks.length > 0) wrapped++;
          for (const [before, after] of l.breaks) {
            if (/[\p{L}\p{N}]/u.test(before) && /[\p{L}\p{N}]/u.test(after)) {
              fail(`${path} at ${width} px: "${l.text}" breaks between "${before}" and "${after}"`);
            }
          }
        }
      }
    }
    must(addresses > 0, `no e-mail address (${LAYOUT.mailLink}) on the startup pages nor on ${LAYOUT.mailPages.join(', ')}`);
    note(`${addresses} addresses measured on ${startups.length + LAYOUT.mailPages.length} pages at ${LAYOUT.widths.join(', ')} px; ${wrapped} wrapped, each next to @ or .`);
  });
}

/**
 * A block of a page's text (an alert, a list) keeps at least 1rem from the element after it
 * (DSFR gives headings no top margin, lists no bottom margin).
 */
function spacing(what, pages, selector) {
  return (browser, baseUrl) =>
    scenario(`${what} keep their distance from what follows`, browser, LIGHT, async ({ context, note, fail }) => {
      const { page, goto } = await watchedPage(context, baseUrl);
      let seen = 0;
      for (const path of pages) {
        for (const width of [LAYOUT.widths[0], LAYOUT.widths[LAYOUT.widths.length - 1]]) {
          await page.setViewportSize({ width, height: 800 });
          await goto(baseUrl + path);
          const gaps = await page.locator(selector).evaluateAll((blocks) =>
            blocks
              .filter((b) => b.nextElementSibling)
              .map((b) => ({
                next: b.nextElementSibling.tagName.toLowerCase() + ' ' + b.nextElementSibling.textContent.trim().slice(0, 40),
                gap: b.nextElementSibling.getBoundingClientRect().top - b.getBoundingClientRect().bottom,
                rem: parseFloat(getComputedStyle(document.documentElement).fontSize),
              })),
          );
          for (const g of gaps) {
            seen++;
            if (g.gap < g.rem) fail(`${path} at ${width} px: ${g.gap.toFixed(1)} px between ${selector} and the ${g.next}`);
          }
          note(`${path} at ${width} px: ${gaps.map((g) => `${g.gap.toFixed(0)} px before ${g.next.split(' ')[0]}`).join(', ') || 'nothing followed'}`);
        }
      }
      must(seen > 0, `no ${selector} followed by anything on ${pages.join(', ')}`);
    });
}

export const alertSpacing = spacing('alerts', LAYOUT.alertPages, LAYOUT.alert);
export const listSpacing = spacing('lists in a text', LAYOUT.listPages, LAYOUT.textList);

export const LAYOUT_CHECKS = [newsCardDates, mailWrapping, alertSpacing, listSpacing];
