// Settings of the browser checks, in one place. Environment overrides are listed in README.md.

import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const HERE = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const REPO = resolve(HERE, '..', '..');

export const CHROME_PATH = process.env.CHROME_PATH || '/usr/bin/chromium';

// No sandbox: CI runs as root. No GPU, no network but loopback, nothing remembered.
export const CHROME_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

// WCAG 2.1 level A and AA, as the issue asks; RGAA 4.1 is built on them.
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export const DESKTOP = { width: 1280, height: 900 };
export const MOBILE = { width: 375, height: 812 };

/** The three states every page is checked in. `scheme` goes into localStorage before load. */
export const MODES = [
  { name: 'light', viewport: DESKTOP, scheme: null },
  { name: 'dark', viewport: DESKTOP, scheme: 'dark' },
  { name: 'mobile', viewport: MOBILE, scheme: null, isMobile: true, hasTouch: true },
];

// How many pages are checked at once. The machine has 2 cores; Chromium, axe and the Java
// validator share them.
export const JOBS = Math.max(1, Number(process.env.BROWSER_JOBS) || Math.min(2, availableParallelism()));

export const VNU_JAR = join(HERE, 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');

// The one Nu HTML checker error that DSFR's documented header markup produces
// (reference/dsfr.md §2.3, §6.3): `div.fr-header__menu.fr-modal[aria-labelledby]`, which the
// DSFR JS turns into a dialog. It is ignored only when the message is exactly this one AND
// the element it points at is that header menu; anything else with this message is an error.
export const VNU_DSFR_HEADER_MENU = {
  message:
    'The “aria-labelledby” attribute must not be specified on any “div” element unless the element ' +
    'has a “role” value other than “caption”, “code”, “deletion”, “emphasis”, “generic”, ' +
    '“insertion”, “paragraph”, “presentation”, “strong”, “subscript”, or “superscript”.',
  elementClass: 'fr-header__menu',
};

/** Pages that get screenshots: the four, found by role rather than by address. */
export const SCREENSHOT_PAGES = ['home', 'listing', 'startup', '404'];

export const DEFAULT_SITE = join(REPO, 'public');
export const DEFAULT_OUT = join(HERE, 'out');
export const NEGATIVE_CONTROL = join(HERE, 'negative-control');
