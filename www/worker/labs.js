// (In the engine's worker.) Small readings of the engine's `Lab` that the
// worker, Compare's run A and the replay share: a lab made from a config or
// a saved run, its counters by name, its loss history as two halves, its
// confusion matrices, and training for a slice of time. The `Lab` is
// called directly everywhere else.

import { Lab } from '../pkg/backprop_lab.js';

/** A lab at the seed of a config (an object, or its JSON). @param {object | string} config */
export const labOf = (config) => new Lab(typeof config === 'string' ? config : JSON.stringify(config));

/** A lab standing where a saved run stood (throws, with why, if the engine refuses it). @param {object} saved */
export function labAt(saved) {
  const lab = labOf({ ...saved, iteration: undefined, weights: undefined, optimizer_state: undefined });
  try {
    lab.loadSaved(JSON.stringify(saved));
  } catch (e) {
    lab.free();
    throw e;
  }
  return lab;
}

/**
 * Where a lab stands (the engine's `counters`): iterations, complete passes over the rows, the rows,
 * the next update's rows, the iteration that diverged (undefined if none), a weight set by hand.
 * @param {Lab} lab
 */
export function countersOf(lab) {
  const [iteration, epoch, rows, nextFrom, nextTo, diverged, hand] = lab.counters();
  return {
    iteration,
    epoch,
    rows,
    nextRows: /** @type {[number, number]} */ ([nextFrom, nextTo]),
    diverged: Number.isNaN(diverged) ? undefined : diverged,
    handEdited: hand === 1,
  };
}

/** The training rows' loss history, or the test rows' (`test`): its epochs and their losses. @param {Lab} lab @param {boolean} test */
export function historyOf(lab, test) {
  const both = lab.history(test);
  const n = both.length / 2;
  return { epochs: both.subarray(0, n), losses: both.subarray(n) };
}

/** The run as docs/numerics.md's config plus "iteration", "weights" and "optimizer_state" (JSON text). @param {Lab} lab */
export const savedOf = (lab) => new TextDecoder().decode(lab.exportAs('json'));

/**
 * The confusion matrices of the training and test rows (the engine's), and the first `gallery`
 * misclassified test rows with their inputs (`testInputs`), so that the page can draw them.
 * @param {Lab} lab @param {number[][]} testInputs @param {number} gallery
 * @returns {import('../common/protocol.js').Confusion}
 */
export function confusionOf(lab, testInputs, gallery) {
  /** @type {{ classes: number, train: number[], test: number[] | null, wrong: { row: number, actual: number, predicted: number }[] }} */
  const { classes, train, test, wrong } = JSON.parse(lab.confusion(gallery));
  return { classes, train, test, wrong: wrong.map((w) => ({ ...w, input: testInputs[w.row] ?? [] })) };
}

/** The engine's NaN for "none" as undefined. @param {number | undefined} x */
export const defined = (x) => (x === undefined || Number.isNaN(x) ? undefined : x);

/**
 * Up to n iterations, in chunks, stopping once about `ms` milliseconds have passed; returns how many
 * ran (fewer also at stop_loss).
 * @param {Lab} lab @param {number} n @param {number} ms
 */
export function runFor(lab, n, ms) {
  const started = performance.now();
  let [ran, chunk] = [0, 1];
  while (ran < n) {
    const at = performance.now();
    const want = Math.min(chunk, n - ran);
    const did = lab.run(want);
    ran += did;
    const now = performance.now();
    if (did < want || now - started >= ms) break;
    // Fill what is left of the time at this chunk's speed; grow at most 4×.
    const perIteration = Math.max((now - at) / did, 1e-4);
    chunk = Math.max(1, Math.min(4 * chunk, Math.floor((ms - (now - started)) / perIteration)));
  }
  return ran;
}
