// The editors' CMS (Decap CMS, published at /admin/ by default): a JavaScript application,
// not a DSFR page, so it is not checked as a page (axe, vnu, the three states), but on its
// own: it loads with no request outside the site and no console error, and its French login
// screen appears. Returns { name, failures, notes } like the interactions.

import { watchedPage } from './browser.mjs';
import { MODES } from './config.mjs';
import { must, scenario } from './scenario.mjs';

const LIGHT = MODES.find((m) => m.name === 'light');

/** The login button of Decap's French interface (`locale: fr`), GitLab backend. */
export const CMS_LOGIN = 'Se connecter avec GitLab';

/** The CMS page at `path` loads from the site alone and shows its French login screen. */
export function cmsLogin(browser, baseUrl, path, shotsDir) {
  return scenario(`CMS ${path}: loads from the site alone, French login screen`, browser, LIGHT, async ({ context, note, fail }) => {
    const { page, problems, goto } = await watchedPage(context, baseUrl);
    const response = await goto(baseUrl + path);
    must(response?.status() === 200, `${path} answered ${response?.status()}`);
    const lang = await page.evaluate(() => document.documentElement.lang);
    must(lang === 'fr', `<html lang="${lang}">, not fr`);
    const button = page.getByRole('button', { name: CMS_LOGIN });
    await button.waitFor({ state: 'visible', timeout: 20000 }).catch(async () => {
      const text = (await page.locator('body').innerText().catch(() => '')).slice(0, 200);
      throw new Error(`no "${CMS_LOGIN}" button after 20 s; the page says: ${JSON.stringify(text)}`);
    });
    note(`"${CMS_LOGIN}" shown; title "${await page.title()}"`);
    const styles = await page.evaluate(() =>
      [...document.querySelectorAll('link[rel="alternate stylesheet"][title="apercu"]')].map((l) => l.getAttribute('href')),
    );
    must(styles.length > 0, 'no stylesheet of the site registered for the preview');
    note(`preview stylesheets: ${styles.join(', ')}`);
    if (shotsDir) await page.screenshot({ path: `${shotsDir}/cms-login.png` });
    for (const p of problems.console) fail(`console error: ${p}`);
    for (const r of problems.requests) fail(`broken request: ${r}`);
    for (const u of problems.thirdParty) fail(`request to another host: ${u}`);
    await page.close();
  });
}
