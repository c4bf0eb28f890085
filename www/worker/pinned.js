// (In the engine's worker.) Compare: run A, pinned, trains in step with the
// learner's run B. A is a second engine holding A's config; after each of
// B's requests and chunks it is brought to B's iteration (forward by
// training, back through its kept epochs or its seed), so that at every
// frame the two stand at the same iteration and differ only by their
// settings: the engine is deterministic, so a difference is the setting,
// never noise.

import { countersOf, historyOf, labAt, savedOf } from './labs.js';

/** @typedef {import('../pkg/backprop_lab.js').Lab} Lab */

export class Pinned {
  /**
   * A copy of `lab` where it stands, or at its start (iteration 0, the seed's weights).
   * @param {Lab} lab @param {'start' | 'here'} from
   * @param {object} [saved] A's own saved run instead (a link that holds both runs)
   */
  constructor(lab, from, saved) {
    this.lab = labAt(saved ?? JSON.parse(savedOf(lab)));
    if (from === 'start') this.lab.reset();
    /** A's config (it never changes while A is pinned). @type {import('../common/lab.js').Config} */
    this.config = JSON.parse(this.lab.config());
    /** Counts A's changes: the page has A's numbers of the version it was last sent. */
    this.version = 0;
    /** A's training stopped (it diverged): it stays where it broke. */
    this.failed = '';
  }

  /** Brings A to `iteration`. @param {number} iteration */
  follow(iteration) {
    const a = this.lab;
    const at = () => countersOf(a).iteration;
    const before = at();
    if (before > iteration) {
      this.failed = '';
      try {
        a.restore(Math.floor(iteration / JSON.parse(a.layout()).iterations_per_epoch));
      } catch {
        a.reset();
      }
      if (at() > iteration) a.reset();
    }
    if (at() < iteration && !this.failed) {
      try {
        a.run(iteration - at());
      } catch (e) {
        this.failed = /** @type {Error} */ (e).message;
      }
    }
    if (at() !== before) this.version++;
  }

  /**
   * What the page shows of A: its counters, weights, loss history, and its
   * config when asked (it never changes while A is pinned, and holds the data).
   * @param {boolean} withConfig
   * @returns {import('../common/protocol.js').PinnedPart}
   */
  part(withConfig) {
    const a = this.lab;
    const h = historyOf(a, false);
    const t = historyOf(a, true);
    return {
      ...(withConfig ? { config: this.config } : {}),
      iteration: countersOf(a).iteration,
      loss: a.loss(),
      params: a.params().slice(),
      history: { epochs: h.epochs.slice(), losses: h.losses.slice() },
      testHistory: a.testLoss() === undefined ? null : { epochs: t.epochs.slice(), losses: t.losses.slice() },
      failed: this.failed,
    };
  }

  free() {
    this.lab.free();
  }
}
