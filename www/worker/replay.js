// Opening a saved run (a link, an import, the autosave) with its history: the
// run is loaded at once, then, when it is within REPLAY_LIMIT iterations,
// replayed from its seed in a second engine a slice at a time (in the
// engine's worker, which answers requests between slices), so that its loss
// curve (and time travel) come back while the learner goes on. The replay is taken only if it lands on the saved weights (not after
// a weight set by hand or a learning rate changed mid-run) and nothing
// changed meanwhile.

/** Saved runs up to this many iterations are replayed on loading (for their loss curve). */
const REPLAY_LIMIT = 300_000;
/** Milliseconds a replay works before it lets the page's requests in again. */
const REPLAY_SLICE_MS = 25;

/**
 * @typedef {import('../common/lab.js').Model} Model
 * @typedef {{ inputs: number[][], targets: number[][] }} Rows
 */

/**
 * Loads a saved run into `model`, then replays it in the background;
 * `adopted` is called once the replay has been taken. Throws, changing
 * nothing, if the engine refuses the file.
 * @param {Model} model @param {object} saved @param {Rows | null} test rows held out, if any @param {() => void} adopted
 */
export function loadReplaying(model, saved, test, adopted) {
  const { iteration = 0, weights, optimizer_state: _state, ...config } = /** @type {any} */ (saved);
  model.loadSaved(saved); // checks the whole file first
  if (test) model.setTestData(test);
  if (!weights || !Number.isInteger(iteration) || iteration <= 0 || iteration > REPLAY_LIMIT) return;
  replay(model, JSON.stringify(config), iteration, JSON.stringify(weights), test, adopted);
}

/**
 * @param {Model} model @param {string} config @param {number} iteration @param {string} weights
 * @param {Rows | null} test @param {() => void} adopted
 */
function replay(model, config, iteration, weights, test, adopted) {
  const version = model.version;
  const copy = model.sibling(config);
  if (test) copy.setTestData(test);
  const slice = () => {
    try {
      if (model.version !== version) throw new Error('the run changed meanwhile');
      if (copy.runFor(iteration - copy.iteration, REPLAY_SLICE_MS) === 0) throw new Error('stopped at stop_loss');
      if (copy.iteration < iteration) {
        setTimeout(slice);
        return;
      }
      if (JSON.stringify(JSON.parse(copy.save()).weights) !== weights) throw new Error('the replay did not land');
    } catch {
      // Diverged, stopped early, did not land, or overtaken: the saved weights stand.
      copy.free();
      return;
    }
    model.adopt(copy);
    adopted();
  };
  setTimeout(slice);
}
