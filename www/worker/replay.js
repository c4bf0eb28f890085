// Opening a saved run (a link, an import, the autosave) with its history: the
// run is loaded at once, then, when it is within REPLAY_LIMIT iterations,
// replayed from its seed in a second engine a slice at a time (in the
// engine's worker, which answers requests between slices), so that its loss
// curve (and time travel) come back while the learner goes on. The replay
// is taken only if it lands on the saved weights (not after a weight set by
// hand or a learning rate changed mid-run) and nothing changed meanwhile.

import { countersOf, labOf, runFor, savedOf } from './labs.js';

/** Saved runs up to this many iterations are replayed on loading (for their loss curve). */
const REPLAY_LIMIT = 300_000;
/** Milliseconds a replay works before it lets the page's requests in again. */
const REPLAY_SLICE_MS = 25;

/**
 * @typedef {import('../pkg/backprop_lab.js').Lab} Lab
 * @typedef {{ inputs: number[][], targets: number[][] }} Rows
 */

/**
 * Loads a saved run into `lab`, then replays it in the background; `adopt`
 * is given the replayed lab once it landed, unless `version()` (the run's
 * count of changes) moved meanwhile. Throws, changing nothing, if the engine
 * refuses the file.
 * @param {Lab} lab @param {object} saved @param {Rows | null} test rows held out, if any
 * @param {() => number} version @param {(replayed: Lab) => void} adopt
 */
export function loadReplaying(lab, saved, test, version, adopt) {
  const { iteration = 0, weights, optimizer_state: _state, ...config } = /** @type {any} */ (saved);
  lab.loadSaved(JSON.stringify(saved)); // checks the whole file first
  if (test) lab.setTestData(JSON.stringify(test));
  if (!weights || !Number.isInteger(iteration) || iteration <= 0 || iteration > REPLAY_LIMIT) return;
  replay(JSON.stringify(config), iteration, JSON.stringify(weights), test, version, adopt);
}

/**
 * @param {string} config @param {number} iteration @param {string} weights @param {Rows | null} test
 * @param {() => number} version @param {(replayed: Lab) => void} adopt
 */
function replay(config, iteration, weights, test, version, adopt) {
  const from = version();
  const copy = labOf(config);
  if (test) copy.setTestData(JSON.stringify(test));
  const slice = () => {
    try {
      if (version() !== from) throw new Error('the run changed meanwhile');
      const at = countersOf(copy).iteration;
      if (runFor(copy, iteration - at, REPLAY_SLICE_MS) === 0) throw new Error('stopped at stop_loss');
      if (countersOf(copy).iteration < iteration) {
        setTimeout(slice);
        return;
      }
      if (JSON.stringify(JSON.parse(savedOf(copy)).weights) !== weights) throw new Error('the replay did not land');
    } catch {
      // Diverged, stopped early, did not land, or overtaken: the saved weights stand.
      copy.free();
      return;
    }
    adopt(copy);
  };
  setTimeout(slice);
}
