// The store's actions on a whole run: the page's state for links, files
// and the autosave; opening a state; Compare's start and end; starting
// over; and a new engine when its worker stopped, from the last state
// fetched. Each takes its turn in the store's queue (store.js).

import { activationsOf, drawPoints } from '../common/lab.js';
import { FORMAT } from './share.js';
import { presetConfig } from './presets.js';
import { heldOutPreset } from './tables.js';
import { t } from './i18n.js';

/**
 * @typedef {import('./store.js').Base} Base
 * @typedef {import('./training-actions.js').Voice} Voice
 * @typedef {import('./controls/points.js').PointSet} PointSet
 * @typedef {import('./share.js').State} State
 * @typedef {{ pause: () => Promise<unknown>, reset: () => Promise<void> }} Stops
 */

/** @param {Base} app @param {import('./engine.js').Engine} engine @param {Stops} training @param {Voice} voice */
export function runActions(app, engine, training, { serial, say }) {
  const messages = app.messages;
  /** The last state fetched of the engine (a stopped engine is restarted from it), and when it was restarted lately. */
  let lastState = /** @type {State | null} */ (null);
  /** @type {number[]} */
  let restarts = [];
  /** While comparing: where run A's data came from (its point set, its dataset), for Keep A. */
  let compared = /** @type {{ points: PointSet | null, heldOut: string | null } | null} */ (null);

  /**
   * Puts the page in a state; rejects (changing nothing) if the engine refuses it.
   * @param {State} state
   */
  function open(state) {
    training.pause();
    return serial(async () => {
      const { pointSet, test, heldOut, refused } = await testRowsOf(state);
      await engine.request('open', { saved: state.saved, test });
      // Compare's A goes with its B; a link without one ends any comparison.
      if (state.compare) await engine.request('compare', { from: 'here', saved: state.compare.saved });
      else if (engine.pinned) await engine.request('endCompare', { keep: 'B' });
      compared = state.compare ? { points: pointSet, heldOut } : null;
      app.points = pointSet;
      app.heldOut = heldOut;
      app.selectedRow = 0;
      app.hiddenActivation = activationsOf(engine.config).hidden;
      messages.settled();
      // The training rows stand alone: say so rather than drop the test rows unseen.
      if (refused) say(refused, 'alert');
      app.configChanged();
      app.render();
    });
  }

  return {
    open,

    /** The page's state, for links, files and the autosave (share.js). @returns {Promise<State>} */
    async state() {
      const p = app.points;
      const saved = JSON.parse(await engine.request('save'));
      const pinned = engine.pinned ? await engine.request('pinnedSaved') : null;
      /** @type {State} */
      const state = {
        app: 'backprop-lab',
        format: FORMAT,
        saved,
        points: p ? { generator: p.generator, points: p.points, noise: p.noise, testShare: p.testShare } : null,
        ...(app.heldOut ? { heldOut: app.heldOut } : {}),
        ...(pinned ? { compare: { saved: pinned } } : {}),
      };
      lastState = state;
      return state;
    },

    /**
     * The engine's worker stopped (it closed, failed, or stopped answering):
     * a new one is started and the last state the page fetched of it (the
     * autosave fetches it after each change, and every 2 s while playing) is
     * opened there; the learner is told where the run stands again.
     * @param {string} why
     */
    async recover(why) {
      if (app.playing) {
        app.playing = false;
        app.target = null;
        app.playingChanged();
      }
      const now = performance.now();
      restarts = restarts.filter((t) => now - t < 60_000);
      if (restarts.length >= 3) {
        say(t('engine.stopped-again', { why }), 'alert');
        return;
      }
      restarts.push(now);
      const state = lastState;
      try {
        await engine.restart(engine.config);
        if (state) await open(state);
        else await training.reset();
      } catch (e) {
        say(t('engine.not-restarted', { why, error: /** @type {Error} */ (e).message }), 'alert');
        return;
      }
      say(t(state ? 'engine.restarted-saved' : 'engine.restarted-fresh', { why, iteration: engine.iteration }), 'alert');
      app.configChanged();
      app.render();
    },

    /**
     * Compare: pins the run as A and goes on with B, from A's first weights or from where it stands.
     * @param {'start' | 'here'} from
     */
    compare(from) {
      return serial(async () => {
        await engine.request('compare', { from });
        compared = { points: app.points, heldOut: app.heldOut };
        messages.settled();
        app.configChanged();
        app.render();
      });
    },

    /** Ends Compare with run A or B as the one run. @param {'A' | 'B'} keep */
    endCompare(keep) {
      training.pause();
      return serial(async () => {
        await engine.request('endCompare', { keep });
        // A keeps the data it was pinned with: where its test rows come from, which the Dataset list shows.
        if (keep === 'A' && compared) [app.points, app.heldOut] = [compared.points, compared.heldOut];
        compared = null;
        app.diagram.gradients = false;
        app.hiddenActivation = activationsOf(engine.config).hidden;
        app.configChanged();
        app.render();
      });
    },

    /** Back to the first network, untrained (the autosave forgets the saved work: autosave.js). */
    startOver() {
      return open({ app: 'backprop-lab', format: FORMAT, saved: presetConfig('xor'), points: null });
    },
  };
}

/**
 * A state's test rows: a point set's drawn again from its settings and the seed, a dataset's held-out
 * rows fetched from where the dataset comes from (tables.js); with why they could not be had, in a
 * sentence ('' when they could).
 * @param {State} state
 */
async function testRowsOf(state) {
  /** @type {PointSet | null} */
  let pointSet = null;
  let refused = '';
  if (state.points) {
    const s = state.points;
    try {
      const seed = /** @type {any} */ (state.saved).seed ?? 1;
      pointSet = { ...s, test: drawPoints(s.generator, s.points, s.noise, s.testShare, seed).test };
    } catch (e) {
      refused = t('points.settings-unusable', { error: /** @type {Error} */ (e).message });
    }
  }
  let test = pointSet && pointSet.test.inputs.length > 0 ? pointSet.test : null;
  let heldOut = state.heldOut ?? null;
  if (heldOut) {
    try {
      test = (await heldOutPreset(heldOut)).test;
    } catch (e) {
      const error = /** @type {Error & { what?: string }} */ (e);
      refused = t('dataset.without-test-rows', { what: error.what ?? error.message });
      heldOut = null;
    }
  }
  return { pointSet, test, heldOut, refused };
}
