// What each check must report on negative-control/index.html. If one stays silent there, the
// check is blind and a green run proves nothing, so the run fails.

export const NEGATIVE_CONTROL_EXPECTS = [
  { check: 'axe', mode: 'light', pattern: /^axe html-has-lang\b/ },
  { check: 'axe', mode: 'light', pattern: /^axe image-alt\b/ },
  { check: 'axe', mode: 'light', pattern: /^axe link-name\b/ },
  { check: 'axe', mode: 'light', pattern: /^axe button-name\b/ },
  { check: 'axe', mode: 'light', pattern: /^axe label\b/ },
  { check: 'axe', mode: 'light', pattern: /^axe color-contrast\b/ },
  { check: 'axe', mode: 'mobile', pattern: /^axe image-alt\b/ },
  { check: 'dark scheme', mode: 'dark', pattern: /the dark scheme is not applied$/ },
  { check: 'console', mode: 'light', pattern: /^uncaught: negative control: deliberate script error$|^console error: .*deliberate script error/ },
  { check: 'broken resource', mode: 'light', pattern: /^broken resource: .*\/pixel\.png answered 404$/ },
  { check: 'icons', mode: 'light', pattern: /^broken resource: .*\/favicon\.ico answered 404 \(no icon declared/ },
  { check: 'third-party request', mode: 'light', pattern: /^request to another host: https:\/\/example\.invalid\// },
  { check: 'vnu', pattern: /^Duplicate ID “dup”\.$/ },
  { check: 'vnu', pattern: /^An “img” element must have an “alt” attribute/ },
  // The documented DSFR exception must not hide the same message on any other element.
  { check: 'vnu', pattern: /^The “aria-labelledby” attribute must not be specified on any “div” element/ },
];

/**
 * `byMode`: mode → failures of the page in that mode; `vnuMessages`: the page's vnu errors.
 * Returns the expectations nobody met, as readable lines.
 */
export function missedDetections(byMode, vnuMessages) {
  const missed = [];
  for (const e of NEGATIVE_CONTROL_EXPECTS) {
    const lines = e.check === 'vnu' ? vnuMessages : byMode[e.mode] ?? [];
    if (!lines.some((l) => e.pattern.test(l))) {
      missed.push(`${e.check}${e.mode ? ` (${e.mode})` : ''} did not report ${e.pattern}`);
    }
  }
  return missed;
}
