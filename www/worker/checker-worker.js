// "Check my code"'s thread: the engine's check room in its own wasm module
// (checker/, www/pkg-checker), off the page's thread, so that a long record
// (60,000 iterations, every mistake replayed) never holds the page. Started
// by controls/check.js when a record is first checked. One message in,
// `{ id, record }`; one out, `{ id, ok: true, verdict }` (the verdict's
// JSON) or `{ id, ok: false, error, code?, values? }` (a record it cannot
// read: its English, and the code and values the page words it by).

import init, { checkRecord } from '../pkg-checker/backprop_lab_checker.js';

const ready = init();

self.onmessage = async (/** @type {MessageEvent} */ e) => {
  const { id, record } = e.data ?? {};
  await ready;
  try {
    self.postMessage({ id, ok: true, verdict: checkRecord(String(record)) });
  } catch (thrown) {
    const error = /** @type {Error & { code?: string, values?: Record<string, string> }} */ (
      thrown instanceof Error ? thrown : new Error(String(thrown))
    );
    self.postMessage({ id, ok: false, error: error.message, code: error.code, values: error.values });
  }
};
