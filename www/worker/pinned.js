// (In the engine's worker.) Compare: run A, pinned, trains in step with the
// learner's run B. A is a second engine holding A's config; after each of
// B's requests and chunks it is brought to B's iteration (forward by
// training, back through its kept epochs or its seed), so that at every
// frame the two stand at the same iteration and differ only by their
// settings: the engine is deterministic, so a difference is the setting,
// never noise.

import { Model } from '../common/lab.js';

export class Pinned {
  /**
   * A copy of `model` where it stands, or at its start (iteration 0, the seed's weights).
   * @param {Model} model @param {'start' | 'here'} from
   * @param {object} [saved] A's own saved run instead (a link that holds both runs)
   */
  constructor(model, from, saved) {
    this.model = Model.copy(saved ?? JSON.parse(model.save()));
    if (from === 'start') this.model.reset();
    /** A's training stopped (it diverged): it stays where it broke. */
    this.failed = '';
  }

  /** Brings A to `iteration`. @param {number} iteration */
  follow(iteration) {
    const a = this.model;
    if (a.iteration > iteration) {
      this.failed = '';
      try {
        a.restore(Math.floor(iteration / a.iterationsPerEpoch));
      } catch {
        a.reset();
      }
      if (a.iteration > iteration) a.reset();
    }
    if (a.iteration < iteration && !this.failed) {
      try {
        a.run(iteration - a.iteration);
      } catch (e) {
        this.failed = /** @type {Error} */ (e).message;
      }
    }
  }

  /**
   * What the page shows of A: its counters, weights, loss history, and its
   * config when asked (it never changes while A is pinned, and holds the data).
   * @param {boolean} withConfig
   * @returns {import('../common/protocol.js').PinnedPart}
   */
  part(withConfig) {
    const a = this.model;
    const h = a.history();
    const t = a.testHistory();
    return {
      ...(withConfig ? { config: a.config } : {}),
      iteration: a.iteration,
      loss: a.loss,
      params: a.paramsCopy(),
      history: { epochs: h.epochs.slice(), losses: h.losses.slice() },
      testHistory: a.testLoss() === undefined ? null : { epochs: t.epochs.slice(), losses: t.losses.slice() },
      failed: this.failed,
    };
  }

  free() {
    this.model.free();
  }
}
