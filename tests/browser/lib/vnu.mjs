// The Nu HTML checker (vnu.jar from the vnu-jar package, run by the system Java) over HTML
// files, errors only, with exactly one documented exception (see VNU_DSFR_HEADER_MENU).

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { VNU_DSFR_HEADER_MENU, VNU_JAR } from './config.mjs';

/** The source text vnu highlights for a message (the element's start tag, for attributes). */
function highlighted(m) {
  if (typeof m.extract !== 'string' || !Number.isInteger(m.hiliteStart)) return '';
  return m.extract.slice(m.hiliteStart, m.hiliteStart + (m.hiliteLength ?? 0));
}

/** True for the DSFR header-menu message on the header menu itself, and nothing else. */
export function isDocumentedDsfrException(m) {
  if (m.message !== VNU_DSFR_HEADER_MENU.message) return false;
  const tag = highlighted(m);
  const classes = /\bclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(tag);
  const list = classes ? (classes[1] ?? classes[2] ?? classes[3]).split(/\s+/) : [];
  return /^<div\b/i.test(tag) && list.includes(VNU_DSFR_HEADER_MENU.elementClass);
}

/**
 * Runs vnu on `files` in one JVM. Resolves to a Map file → [{ line, column, message, extract }]
 * of the errors that count, and the number of messages the documented exception removed.
 */
export function runVnu(files) {
  return new Promise((resolveRun, reject) => {
    const args = ['-jar', VNU_JAR, '--errors-only', '--format', 'json', '--exit-zero-always', '--stdout', ...files];
    const child = spawn('java', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      let report;
      try {
        report = JSON.parse(out);
      } catch {
        return reject(new Error(`vnu exited with ${code} without a JSON report:\n${(err || out).slice(0, 2000)}`));
      }
      const byFile = new Map(files.map((f) => [f, []]));
      let filtered = 0;
      for (const m of report.messages ?? []) {
        if (m.type !== 'error' && m.type !== 'non-document-error') continue;
        if (isDocumentedDsfrException(m)) {
          filtered += 1;
          continue;
        }
        const file = m.url?.startsWith('file:') ? fileURLToPath(m.url) : m.url;
        const entry = { line: m.lastLine, column: m.firstColumn ?? m.lastColumn, message: m.message, extract: highlighted(m) };
        if (!byFile.has(file)) byFile.set(file, []);
        byFile.get(file).push(entry);
      }
      resolveRun({ byFile, filtered });
    });
  });
}
