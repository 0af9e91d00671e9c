// The summary a person reads: one line per page (with its failures under it), the
// interactions, the negative control, the screenshots. Each part prints itself and returns
// { passed, failed } and what goes into report.json.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MODES, SCREENSHOT_PAGES } from './config.mjs';
import { missedDetections } from './negative-control.mjs';

const OK = '  ok  ';
const FAIL = '  FAIL';
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const count = (ok) => (ok ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 });
const add = (a, b) => ({ passed: a.passed + b.passed, failed: a.failed + b.failed });

/** Groups identical failure lines of a page across modes: "light, dark: message". */
function groupFailures(byMode) {
  const groups = new Map();
  for (const [mode, lines] of byMode) for (const l of lines) groups.set(l, [...(groups.get(l) ?? []), mode]);
  return [...groups].map(([line, modes]) => `${modes.join(', ')}: ${line}`);
}

/**
 * `checks`: [{ target, byMode: Map mode → failures, ms }]; `vnu`: the validator's result.
 * Prints the pages; returns totals, the page entries and the negative control's findings.
 */
export function reportPages(checks, vnu, shots) {
  console.log('\nPages (axe in light / dark / mobile, Nu HTML checker, console, network)');
  let totals = { passed: 0, failed: 0 };
  const pages = [];
  let negative = null;
  for (const { target, byMode, ms } of checks) {
    const vnuErrors = vnu.error ? [] : (vnu.byFile.get(target.file) ?? []);
    if (target.negative) {
      negative = { byMode: Object.fromEntries(byMode), vnu: vnuErrors };
      continue;
    }
    const lines = [...groupFailures(byMode), ...vnuErrors.map((e) => `vnu ${e.line}:${e.column}: ${e.message}`)];
    pages.push({ path: target.path, file: target.file, failures: lines, ms });
    totals = add(totals, count(lines.length === 0));
    const shot = shots.has(target.path) ? `  [screenshots: ${shots.get(target.path)}]` : '';
    console.log(`${lines.length ? FAIL : OK}  ${target.path}${shot}  (${seconds(ms)})`);
    for (const l of lines) console.log(`          - ${l}`);
  }
  return { totals, pages, negative };
}

export function reportInteractions(clicks) {
  console.log('\nInteractions');
  let totals = { passed: 0, failed: 0 };
  for (const c of clicks) {
    totals = add(totals, count(c.failures.length === 0));
    console.log(`${c.failures.length ? FAIL : OK}  ${c.name}`);
    for (const n of c.notes) console.log(`          · ${n}`);
    for (const f of c.failures) console.log(`          - ${f}`);
  }
  return { totals };
}

/** Every check must have reported the broken page; returns what was missed. */
export function reportNegativeControl(negative, vnu) {
  console.log('\nNegative control (negative-control/index.html must fail every check)');
  const missed = vnu.error
    ? [`the Nu HTML checker did not run: ${vnu.error.message}`]
    : missedDetections(negative.byMode, negative.vnu.map((e) => e.message));
  if (missed.length === 0) {
    const found = Object.values(negative.byMode).flat().length + negative.vnu.length;
    console.log(`${OK}  every check reported it (${found} problems found)`);
  }
  for (const m of missed) console.log(`${FAIL}  ${m}`);
  return { totals: count(missed.length === 0), missed };
}

/** The four pages in the three modes must all have their screenshot. */
export function reportScreenshots(shots, shotsDir, shownDir) {
  const names = [...new Set(shots.values())];
  const files = names.flatMap((n) => MODES.map((m) => `${n}-${m.name}.png`));
  const missing = files.filter((f) => !existsSync(join(shotsDir, f)));
  const absent = SCREENSHOT_PAGES.filter((n) => !names.includes(n)).map((n) => `${n} (page not found)`);
  console.log(`\nScreenshots: ${files.length - missing.length} in ${shownDir}/`);
  const ok = missing.length === 0 && absent.length === 0;
  if (!ok) console.log(`${FAIL}  missing: ${[...missing, ...absent].join(', ')}`);
  return { totals: count(ok) };
}

/** The published stylesheet against the whole one: one line per page kind, mode and state. */
export function reportVisual(visual, shownDir) {
  console.log('\nStylesheet (published dsfr.min.css against the package\'s whole one, pixel by pixel)');
  if (visual.error) {
    console.log(`${FAIL}  could not compare: ${visual.error}`);
    return { totals: count(false) };
  }
  let totals = { passed: 0, failed: 0 };
  for (const r of visual.rows) {
    totals = add(totals, count(!r.failure));
    console.log(`${r.failure ? FAIL : OK}  ${r.kind} ${r.path ?? ''} ${r.mode}${r.state ? ` (${r.state})` : ''}`);
    if (r.failure) console.log(`          - ${r.failure}`);
    else if (r.retried) console.log(`          · equal when shot again (first: ${r.retried})`);
  }
  const c = visual.control;
  totals = add(totals, count(!c.failure));
  console.log(`${c.failure ? FAIL : OK}  negative control: ${c.failure ?? c.note}`);
  const kb = (n) => `${Math.round(n / 1000)} KB`;
  console.log(`  published ${kb(visual.sizes.published)}, whole ${kb(visual.sizes.full)}; screenshots in ${shownDir}/`);
  return { totals };
}

export { seconds };
