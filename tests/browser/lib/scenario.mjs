// The frame of a check that drives the browser: a fresh context, failures collected, thrown
// errors reported rather than stopping the run.

import { newContext } from './browser.mjs';

export const WAIT = { timeout: 5000 };

export class Failure extends Error {}

export const must = (ok, message) => {
  if (!ok) throw new Failure(message);
};

/** Runs `body(ctx)` with a fresh context; turns thrown errors into failures. */
export async function scenario(name, browser, mode, body, contextOptions) {
  const out = { name, failures: [], notes: [] };
  const context = await newContext(browser, mode, contextOptions);
  try {
    await body({ context, note: (n) => out.notes.push(n), fail: (f) => out.failures.push(f) });
  } catch (e) {
    out.failures.push(e instanceof Failure ? e.message : `${e.message.split('\n')[0]}`);
  } finally {
    await context.close();
  }
  return out;
}
