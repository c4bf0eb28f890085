// The store's actions that train or move the run in time: Step, Step epoch,
// Play and Pause, Reset, "Train to" an iteration, going back to an epoch,
// a weight set by hand. Each takes its turn in the store's queue (store.js),
// and a refusal is said in the Training panel with the run as it was.

import { explain } from './ui/fields.js';
import { sig4 } from './ui/format.js';
import { t } from './i18n.js';

/**
 * What the actions use of the store: its state and hooks, its queue, and how it speaks.
 * @typedef {import('./store.js').Base} Base
 * @typedef {{
 *   serial: <T>(action: () => Promise<T>) => Promise<T>,
 *   say: (message: string, role: 'alert' | 'status') => void,
 *   announce: (message: string) => void,
 * }} Voice
 */

/** @param {Base} app @param {import('./engine.js').Engine} engine @param {Voice} voice */
export function trainingActions(app, engine, { serial, say, announce }) {
  const messages = app.messages;

  /** A training request; divergence (or the end of the count) stops with an alert. @param {'step' | 'stepEpoch'} kind */
  function train(kind) {
    pause();
    return serial(async () => {
      try {
        await engine.request(kind);
        messages.settled();
      } catch (e) {
        say(`${explain(e)}.`, 'alert');
      }
      app.render();
    });
  }

  function play() {
    if (app.playing) return Promise.resolve();
    messages.settled();
    app.playing = true;
    app.playingChanged();
    return serial(() => engine.request('play', { auto: app.auto, perFrame: app.perFrame }));
  }

  /** Stops playing (and training to an iteration); resolves once the engine stands still. */
  function pause() {
    const was = app.playing;
    app.playing = false;
    app.target = null;
    if (was) app.playingChanged();
    app.render();
    return was ? serial(() => engine.request('pause')) : Promise.resolve();
  }

  /** The engine stopped playing by itself: at the stop loss, or on an error. @param {string} message @param {'alert' | 'status'} role */
  function stopped(message, role) {
    app.playing = false;
    app.target = null;
    app.playingChanged();
    say(message, role);
    app.render();
  }

  return {
    train,
    play,
    pause,
    stopped,

    step() {
      return train('step');
    },

    stepEpoch() {
      return train('stepEpoch');
    },

    reset() {
      pause();
      return serial(async () => {
        await engine.request('reset');
        messages.settled();
        app.render();
      });
    },

    togglePlay() {
      if (!app.playing) return play();
      return pause().then(() => {
        announce(t('training.paused-at', { iteration: engine.iteration, epoch: engine.epoch, loss: sig4(engine.loss) }));
      });
    },

    /**
     * Trains the run to iteration `n` exactly, a chunk at a time while the
     * page draws (Pause stops it); behind the current iteration it goes back
     * through the kept epochs, or to the seed, and trains forward.
     * @param {number} n
     */
    trainTo(n) {
      const from = engine.iteration;
      if (n === from) {
        say(t('training.at-iteration', { n }), 'status');
        return Promise.resolve();
      }
      messages.settled();
      app.target = { to: n, from: Math.min(from, n) };
      if (!app.playing) {
        app.playing = true;
        app.playingChanged();
      }
      return serial(async () => {
        try {
          await engine.request('trainTo', { n });
        } catch (e) {
          app.target = null;
          stopped(`${explain(e)}.`, 'alert');
        }
      });
    },

    /** Goes back to the latest kept epoch at or before `epoch` (time travel). @param {number} epoch */
    travel(epoch) {
      pause();
      return serial(async () => {
        try {
          const restored = await engine.request('restore', { epoch });
          messages.settled();
          say(t(restored === epoch ? 'inspector.went-back' : 'inspector.went-back-nearest', { restored, epoch }), 'status');
        } catch (e) {
          say(t('inspector.cannot-go-back', { epoch, error: /** @type {Error} */ (e).message }), 'alert');
        }
        app.render();
      });
    },

    /** Sets parameter `index` (flat layout) by hand; rejects, changing nothing, if refused. @param {number} index @param {number} value */
    setParam(index, value) {
      return serial(async () => {
        await engine.request('setParam', { index, value });
        app.render();
      });
    },
  };
}
