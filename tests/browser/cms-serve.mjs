// The CMS as an editor uses it on their machine: `atelier serve` on a copy of this
// repository's site, Decap CMS at /admin/ talking to serve's local backend (/api/v1).
// Creates a startup and edits a page through the CMS's own interface, then checks the files
// written in the working tree, the preview rebuilt, and a bad value answered in French.
//
// Usage: node tests/browser/cms-serve.mjs [--bin path/to/atelier] [--out DIR]
// Exit code: 0 all green, 1 a check failed, 2 could not run.

import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { launch, newContext, watchedPage } from './lib/browser.mjs';
import { DESKTOP, REPO } from './lib/config.mjs';

const { values } = parseArgs({
  options: {
    bin: { type: 'string', default: join(process.env.CARGO_TARGET_DIR || join(REPO, 'target'), 'release', 'atelier') },
    out: { type: 'string', default: join(REPO, 'tests', 'browser', 'out', 'cms') },
  },
});
const BIN = resolve(values.bin);
const OUT = resolve(values.out);

/** The site's sources (not its output or caches) copied to a fresh folder. */
function copySite() {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-cms-'));
  for (const name of ['site.yaml', 'content', 'themes', 'static']) {
    if (existsSync(join(REPO, name))) cpSync(join(REPO, name), join(dir, name), { recursive: true });
  }
  return dir;
}

/** Starts `atelier serve` on a free port; resolves with its URL and a stop function. */
function startServe(root) {
  return new Promise((resolveStart, reject) => {
    const child = spawn(BIN, ['serve', '--root', root, '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      // An editor's machine in French: the messages follow the locale.
      env: { ...process.env, NO_COLOR: '1', LC_ALL: '', LC_MESSAGES: '', LANG: 'fr_FR.UTF-8' },
    });
    let log = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start in 120 s:\n${log}`)), 120_000);
    const read = (chunk) => {
      log += chunk;
      const m = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(log);
      if (m) {
        clearTimeout(timer);
        resolveStart({ url: m[1].replace(/\/$/, ''), stop: () => child.kill('SIGINT'), log: () => log });
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) => reject(new Error(`serve exited (${code}):\n${log}`)));
  });
}

/** Polls `f` until it returns a truthy value or `ms` pass. */
async function until(f, ms, what) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function main() {
  if (!existsSync(BIN)) {
    console.error(`error: no atelier binary at ${BIN} (cargo build --release, or --bin)`);
    return 2;
  }
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const root = copySite();
  const server = await startServe(root);
  const browser = await launch();
  const failures = [];
  const check = (ok, message) => ok || failures.push(message);
  let page = null;
  try {
    const context = await newContext(browser, { viewport: DESKTOP, scheme: null });
    const watched = await watchedPage(context, new URL(server.url).origin);
    const { problems, goto } = watched;
    page = watched.page;
    // Opens a CMS screen afresh: a change of the address's hash alone keeps the entry
    // already open in Decap's editor.
    const open = async (hash) => {
      await page.goto(`${server.url}/admin/${hash}`);
      await page.reload();
    };
    const publish = async () => {
      await page.getByRole('button', { name: 'Publier', exact: true }).click();
      await page.getByText('Publier maintenant').click();
    };
    await goto(`${server.url}/admin/`);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('link', { name: 'Startups' }).first().waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(OUT, 'collections.png') });

    // 1. A new startup, through the form: the fiche written, its page in the preview.
    await open('#/collections/startups/new');
    await page.getByLabel('Nom du service').fill('Essai du CMS');
    await page.getByLabel('Mission').fill('Vérifier que le CMS écrit la fiche.');
    await page.getByLabel('Contact', { exact: true }).fill('essai@culture.gouv.fr');
    await page.getByRole('button', { name: /Ajouter phase/ }).click();
    await page.getByLabel('Phase', { exact: true }).fill('Investigation');
    await page.keyboard.press('Enter');
    await page.getByLabel('Début', { exact: true }).fill('2026-11-02');
    await page.screenshot({ path: join(OUT, 'new-startup.png') });
    await publish();
    const fiche = join(root, 'content', 'startups', 'essai-du-cms.md');
    const written = await until(() => existsSync(fiche) && readFileSync(fiche, 'utf8'), 15_000, `${fiche} written`);
    check(
      written ===
        '---\ntitle: Essai du CMS\nmission: Vérifier que le CMS écrit la fiche.\nincubator: culture\n' +
          'contact: essai@culture.gouv.fr\nphases:\n  - name: investigation\n    start: 2026-11-02\n---\n',
      `the new fiche is not what the form says:\n${written}`,
    );
    const preview = await until(
      async () => {
        const r = await fetch(`${server.url}/startups/essai-du-cms/`);
        return r.ok && (await r.text());
      },
      20_000,
      'the new startup\'s page in the preview',
    );
    check(/<h1[^>]*>Essai du CMS/.test(preview), 'the preview page of the new startup has not its title as heading');

    // 2. A page edited: only what the editor changed changes, body and other keys kept, and
    //    the preview open in another tab reloads with the new title.
    const aboutFile = join(root, 'content', 'a-propos.md');
    const before = readFileSync(aboutFile, 'utf8');
    const tab = await context.newPage();
    await tab.goto(`${server.url}/a-propos/`);
    await open('#/collections/pages');
    await page.getByRole('link', { name: /propos de l/ }).first().click();
    const title = page.getByLabel('Titre', { exact: true });
    await until(async () => (await title.inputValue().catch(() => '')) !== '', 15_000, 'the page loaded in the CMS');
    await title.fill('À propos de l’Atelier, modifié');
    await publish();
    const after = await until(() => {
      const t = readFileSync(aboutFile, 'utf8');
      return t !== before && t;
    }, 15_000, `${aboutFile} saved`);
    const bodyOf = (t) => t.slice(t.indexOf('\n---\n', 4));
    check(bodyOf(after) === bodyOf(before), 'saving the page changed its body');
    check(after.includes('title: À propos de l’Atelier, modifié\n'), `the saved page has not the new title:\n${after.slice(0, 300)}`);
    for (const key of ['description:', 'summary: true', 'weight: 10']) {
      check(after.includes(key), `saving the page lost \`${key}\``);
    }
    await until(async () => (await tab.locator('h1').first().innerText()).includes('modifié'), 20_000, 'the preview tab reloaded with the new title');
    await tab.screenshot({ path: join(OUT, 'preview-reloaded.png') });

    // 3. A bad value the form lets through (a phase ending before it starts): the
    //    problem `check` finds is shown over the CMS, in French, naming the file.
    await open('#/collections/startups/entries/essai-du-cms');
    const end = page.getByLabel('Fin', { exact: false }).first();
    await end.waitFor({ state: 'attached' });
    // The phase is folded in its list: its bar's first button unfolds it (Decap gives it
    // no name).
    if (!(await end.isVisible())) await page.locator('[class*="ListItemTopBar"] button').first().click();
    await end.fill('2026-01-01');
    await publish();
    const alert = page.getByRole('alert').filter({ hasText: 'essai-du-cms.md' });
    await alert.waitFor({ timeout: 20_000 });
    const said = await alert.innerText();
    check(/avant/.test(said) && /content\/startups\/essai-du-cms\.md:\d+:\d+/.test(said), `the problem shown over the CMS is not the French one with its place:\n${said}`);
    await page.screenshot({ path: join(OUT, 'problem-in-french.png') });
    // The same problem over the preview tab, as the pages' overlay, which covers the page.
    const overlay = tab.getByRole('alert').filter({ hasText: 'essai-du-cms.md' });
    await overlay.waitFor({ timeout: 20_000 });
    check(/avant/.test(await overlay.innerText()), 'the preview tab does not show the problem in French');
    await tab.screenshot({ path: join(OUT, 'preview-problem.png') });
    // The CMS's panel can be put away (the editor keeps working); the overlay over the
    // pages cannot (the pages shown are the last good ones).
    check((await overlay.getByRole('button').count()) === 0, 'the pages\' overlay has a button');
    await alert.getByRole('button', { name: /Masquer/ }).click();
    await alert.waitFor({ state: 'detached', timeout: 5_000 });

    check(problems.thirdParty.length === 0, `requests outside the site: ${problems.thirdParty.join(', ')}`);
    check(problems.console.length === 0, `console errors: ${problems.console.join(' | ')}`);
    // Requests the test's own page loads cut short (the event stream, a save's answer)
    // are not the site's fault; a status of 400 or more is.
    const broken = problems.requests.filter((r) => !r.endsWith('net::ERR_ABORTED'));
    check(broken.length === 0, `broken requests: ${broken.join(' | ')}`);
  } catch (e) {
    // What the CMS showed when it went wrong.
    await page?.screenshot({ path: join(OUT, 'failure.png') }).catch(() => {});
    throw e;
  } finally {
    await browser.close();
    server.stop();
    rmSync(root, { recursive: true, force: true });
  }
  for (const f of failures) console.error(`FAIL ${f}`);
  console.log(failures.length ? `cms: ${failures.length} failure(s)` : 'cms: all checks passed');
  return failures.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`error: ${e.stack || e}`);
    process.exit(2);
  },
);
