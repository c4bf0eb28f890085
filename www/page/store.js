// The app store: the page's state and the one place that changes it. Controls
// call its actions; the engine (in its worker, engine.js) takes or refuses
// each change; a refusal shows where it was typed and changes nothing. The
// store never draws: it asks the frame loop (frame.js) to, with `render`.
//
// Actions that change the run go through one queue, so that each edit starts
// from the state the one before it left, however fast they come.

import { activationsOf, drawPoints } from '../common/lab.js';
import { FORMAT } from './share.js';
import { presetConfig } from './presets.js';
import { Messages } from './ui/messages.js';
import { showError, clearError, explain } from './ui/fields.js';
import { sig4 } from './ui/format.js';
import { byId } from './ui/dom.js';
import { heldOutPreset } from './tables.js';
import { t } from './i18n.js';

/**
 * @typedef {import('../common/lab.js').Config} Config
 * @typedef {import('./engine.js').Engine} Engine
 * @typedef {import('./controls/points.js').PointSet} PointSet
 * @typedef {{ inputs: number[][], targets: number[][] }} Rows
 * @typedef {ReturnType<typeof createStore>} App
 */

/** @param {Engine} engine */
export function createStore(engine) {
  const messages = new Messages({ training: byId('training-alerts'), share: byId('share-messages'), check: byId('check-messages') });
  /** The queue of changes: each runs when the one before it has been answered. */
  let queue = Promise.resolve();
  /** @template T @param {() => Promise<T>} action @returns {Promise<T>} */
  const serial = (action) => {
    const done = queue.then(action);
    queue = done.then(
      () => undefined,
      () => undefined,
    );
    return done;
  };

  /** The last state fetched of the engine (a stopped engine is restarted from it), and when it was restarted lately. */
  let lastState = /** @type {import('./share.js').State | null} */ (null);
  /** @type {number[]} */
  let restarts = [];
  engine.onStopped = (why) => void app.recover(why);
  engine.onStray = (why) => say(t('engine.stray', { why }), 'alert');

  /** While comparing: where run A's data came from (its point set, its dataset), for Keep A. */
  let compared = /** @type {{ points: PointSet | null, heldOut: string | null } | null} */ (null);

  /**
   * One change of the config, in its turn of the queue (see `app.change`).
   * @param {(config: Config) => void} edit @param {HTMLElement} field @param {HTMLElement | undefined} where
   * @param {{ test?: Rows | null, points?: PointSet | null, heldOut?: string }} also
   */
  async function applyChange(edit, field, where, also) {
    const next = structuredClone(engine.config);
    edit(next);
    try {
      await engine.request('change', { config: next, test: also.test });
    } catch (e) {
      app.refuse(field, explain(e), where);
      return false;
    }
    app.accept(field);
    messages.settled();
    // New data that is not the point set's or the dataset's drops its test rows (the engine did).
    if (also.points !== undefined) app.points = also.points;
    else if (app.points && engine.testLoss() === undefined) app.points = null;
    if (also.heldOut !== undefined || also.points !== undefined) app.heldOut = also.heldOut ?? null;
    else if (app.heldOut && engine.testLoss() === undefined) app.heldOut = null;
    if (app.selectedRow >= engine.config.data.inputs.length) app.selectedRow = 0;
    app.configChanged();
    app.render();
    return true;
  }

  const app = {
    /** The engine's mirror: config, layout, counters and what the views draw. */
    model: engine,
    selectedRow: 0,
    hiddenActivation: 'sigmoid',
    batchSize: 2,
    perFrame: 10,
    auto: false,
    playing: false,
    /** The 2-D point set the data came from, with its test rows; null otherwise. @type {PointSet | null} */
    points: null,
    /** The dataset whose held-out rows are the test rows ("digits", "wine", …: tables.js); null otherwise. @type {string | null} */
    heldOut: null,
    /** "Ask the network": an input that is not a data row, or null. @type {number[] | null} */
    question: null,
    /** "Train to": the iteration being trained to, and where it started; null otherwise. @type {{ to: number, from: number } | null} */
    target: null,
    /** The diagram: gradients instead of weights, the lit column (the inspector's walk), a weights animation. */
    diagram: {
      gradients: false,
      lit: /** @type {number | null} */ (null),
      /** @type {{ from: Float64Array, start: number, ms: number } | null} */
      animation: null,
      /** What a click on a weight or bias does. @type {(index: number) => void} */
      pick: (_index) => {},
      /** The question's values flow through the diagram instead of the selected row's. */
      question: false,
    },
    messages,
    /** The open lesson's title and what it locks (lesson.js's LOCKABLE names, with the keys of the words people see); none when no lesson is open. */
    lesson: { title: '', locks: /** @type {Map<string, import('./i18n.js').Key>} */ (new Map()) },

    /**
     * Whether the open lesson locks any of `names` (all of its locks when null:
     * opening another run would replace every setting); if so the attempt is
     * refused at `field`, saying which lesson sets what, and nothing changes.
     * @param {string[] | null} names @param {HTMLElement} field @param {HTMLElement} [where]
     */
    lockedOut(names, field, where) {
      const why = app.lockNote(names);
      if (why) app.refuse(field, why, where);
      return why !== null;
    },

    /** What the open lesson's locks on `names` (all: null) say, or null when it locks none of them. @param {string[] | null} names */
    lockNote(names) {
      const locked = [...app.lesson.locks].filter(([n]) => names === null || names.includes(n));
      if (locked.length === 0) return null;
      const what = locked.map(([, key]) => t(key)).join(t('list.separator'));
      return t('lesson.locked', { title: app.lesson.title, what });
    },

    /** Draws on the next animation frame (the frame loop fills this in). */
    render() {},

    /**
     * Applies an edit of the config (and, when given, the rows held out for
     * testing). On refusal the message shows at `field` and the run is as it
     * was. Resolves to whether it was accepted. `edit` runs when the change's
     * turn in the queue comes, on the config as the changes before left it:
     * it must not read fields (read them before, as the learner left them).
     * @param {(config: Config) => void} edit @param {HTMLElement} field
     * @param {HTMLElement} [where] where the message goes, if not beside the field
     * @param {{ test?: Rows | null, points?: PointSet | null, heldOut?: string }} [also] test rows to hold out with it, and the point set or dataset they come from
     */
    change(edit, field, where, also = {}) {
      return serial(() => applyChange(edit, field, where, also));
    },

    /**
     * A change whose edit comes with a file being fetched (a dataset): it takes its place in the
     * queue now, so that what the learner does next waits for it and applies to its run. A file
     * that cannot be had is refused at `field`, and the run is as it was; null (a later choice
     * came meanwhile) changes nothing.
     * @param {Promise<{ edit: (config: Config) => void, also?: Parameters<App['change']>[3] } | null>} loading
     * @param {HTMLElement} field @param {HTMLElement} [where]
     */
    changeWhenLoaded(loading, field, where) {
      return serial(async () => {
        let loaded;
        try {
          loaded = await loading;
        } catch (e) {
          app.refuse(field, /** @type {Error} */ (e).message, where);
          return false;
        }
        return loaded ? applyChange(loaded.edit, field, where, loaded.also ?? {}) : true;
      });
    },

    /** Resolves once every change asked for so far (and any asked meanwhile) has been answered. */
    async idle() {
      let waited;
      do {
        waited = queue;
        await waited;
      } while (waited !== queue);
    },

    /** The last report the page has drawn (engine.reports when it drew): the frame loop sets it. */
    drawnReport: -1,
    /** When the page drew its first frame (ms since the epoch; the bench counts what was fetched before it). @type {number | undefined} */
    firstFrameAt: undefined,

    /**
     * Resolves once every change asked for so far has been answered by the
     * engine and the page has drawn its answer: what the readouts show then
     * is the engine's word on the last change (paused; playing, they move on).
     */
    async settled() {
      const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
      for (;;) {
        await app.idle();
        if (app.playing) return;
        if (engine.pending.size === 0 && app.drawnReport === engine.reports) return;
        await frame();
      }
    },

    /** Called after the config changed (the frame loop redraws the controls that show it). */
    configChanged() {},

    /** @param {HTMLElement} field @param {string} message @param {HTMLElement} [where] */
    refuse(field, message, where) {
      showError(field, message, where);
    },

    /** @param {HTMLElement} field */
    accept(field) {
      clearError(field);
    },

    /** @param {number} row */
    selectRow(row) {
      app.selectedRow = row;
      app.render();
    },

    /** The hidden activation to use when hidden layers come back. @param {string} name */
    setHiddenActivation(name) {
      app.hiddenActivation = name;
    },

    /** How training runs: the mini-batch size to use, iterations per frame, Auto. @param {{ batchSize?: number, perFrame?: number, auto?: boolean }} speed */
    setSpeed(speed) {
      if (speed.batchSize !== undefined) app.batchSize = speed.batchSize;
      if (speed.perFrame !== undefined) app.perFrame = speed.perFrame;
      if (speed.auto !== undefined) app.auto = speed.auto;
      if (app.playing) void engine.request('speed', { auto: app.auto, perFrame: app.perFrame });
    },

    /** The question asked of the network (one number per input), or null. @param {number[] | null} values */
    setQuestion(values) {
      app.question = values;
      app.render();
    },

    /** Whether the diagram shows the question's values instead of the selected row's. @param {boolean} shown */
    showQuestion(shown) {
      app.diagram.question = shown;
      app.render();
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
          app.stopped(`${explain(e)}.`, 'alert');
        }
      });
    },

    /** Whether the diagram colours its lines by the gradients. @param {boolean} shown */
    showGradients(shown) {
      app.diagram.gradients = shown;
      app.render();
    },

    /** Lights a column of the diagram (the inspector's walk), or none. @param {number | null} column */
    lightLayer(column) {
      app.diagram.lit = column;
    },

    /** What a click on a weight or bias of the diagram does. @param {(index: number) => void} handler */
    onDiagramPick(handler) {
      app.diagram.pick = handler;
    },

    /** Shows the diagram's weights moving from `before` to now (unless motion is reduced). @param {Float64Array} before */
    animateFrom(before) {
      if (matchMedia('(prefers-reduced-motion: reduce)').matches) return;
      app.diagram.animation = { from: before, start: performance.now(), ms: 450 };
      app.render();
    },

    step() {
      return app.train('step');
    },

    stepEpoch() {
      return app.train('stepEpoch');
    },

    /** A training request; divergence (or the end of the count) stops with an alert. @param {'step' | 'stepEpoch'} kind */
    train(kind) {
      app.pause();
      return serial(async () => {
        try {
          await engine.request(kind);
          messages.settled();
        } catch (e) {
          say(`${explain(e)}.`, 'alert');
        }
        app.render();
      });
    },

    reset() {
      app.pause();
      return serial(async () => {
        await engine.request('reset');
        messages.settled();
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

    togglePlay() {
      if (!app.playing) return app.play();
      return app.pause().then(() => {
        announce(t('training.paused-at', { iteration: engine.iteration, epoch: engine.epoch, loss: sig4(engine.loss) }));
      });
    },

    play() {
      if (app.playing) return Promise.resolve();
      messages.settled();
      app.playing = true;
      app.playingChanged();
      return serial(() => engine.request('play', { auto: app.auto, perFrame: app.perFrame }));
    },

    /** Stops playing (and training to an iteration); resolves once the engine stands still. */
    pause() {
      const was = app.playing;
      app.playing = false;
      app.target = null;
      if (was) app.playingChanged();
      app.render();
      return was ? serial(() => engine.request('pause')) : Promise.resolve();
    },

    /** Called when playing starts or stops (the frame loop fills this in). */
    playingChanged() {},

    /** The engine stopped playing by itself: at the stop loss, or on an error. @param {string} message @param {'alert' | 'status'} role */
    stopped(message, role) {
      app.playing = false;
      app.target = null;
      app.playingChanged();
      say(message, role);
      app.render();
    },

    /** The page's state, for links, files and the autosave (share.js). @returns {Promise<import('./share.js').State>} */
    async state() {
      const p = app.points;
      const saved = JSON.parse(await engine.request('save'));
      const pinned = engine.pinned ? await engine.request('pinnedSaved') : null;
      /** @type {import('./share.js').State} */
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
        if (state) await app.open(state);
        else await app.reset();
      } catch (e) {
        say(t('engine.not-restarted', { why, error: /** @type {Error} */ (e).message }), 'alert');
        return;
      }
      say(t(state ? 'engine.restarted-saved' : 'engine.restarted-fresh', { why, iteration: engine.iteration }), 'alert');
      app.configChanged();
      app.render();
    },

    /**
     * Puts the page in a state; rejects (changing nothing) if the engine refuses it.
     * @param {import('./share.js').State} state
     */
    open(state) {
      app.pause();
      return serial(async () => {
        // A point set's test rows are drawn again from its settings and the seed.
        /** @type {PointSet | null} */
        let pointSet = null;
        /** Why the test rows could not be made, in a sentence. */
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
        // A dataset's held-out rows come from where the dataset does (tables.js).
        let test = pointSet && pointSet.test.inputs.length > 0 ? pointSet.test : null;
        let heldOut = state.heldOut ?? null;
        if (heldOut) {
          try {
            test = (await heldOutPreset(heldOut)).test;
          } catch (e) {
            refused = `${/** @type {Error} */ (e).message.replace('; nothing changed.', '')}: the training rows are here, without the held-out test rows.`;
            heldOut = null;
          }
        }
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
      app.pause();
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
      return app.open({ app: 'backprop-lab', format: FORMAT, saved: presetConfig('xor'), points: null });
    },

    /** Says something in the Training panel (an alert is a problem). @param {string} message @param {'alert' | 'status'} role */
    say(message, role) {
      say(message, role);
    },

    /** The current parameters (the mirror's copy). */
    frameParams() {
      return engine.params;
    },

    /** Goes back to the latest kept epoch at or before `epoch` (time travel). @param {number} epoch */
    travel(epoch) {
      app.pause();
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

    /** Makes a generated 2-D point set the data (the points control fills this in). @param {string} _generator @param {HTMLElement} _field @returns {Promise<boolean>} */
    choosePoints: async (_generator, _field) => false,
  };
  app.hiddenActivation = activationsOf(engine.config).hidden;

  /** The Training panel's message: an alert (a problem) or a status. @param {string} message @param {'alert' | 'status'} role */
  function say(message, role) {
    messages.say('training', message, { role });
  }

  /** Tells screen readers what just happened, without showing it. @param {string} message */
  function announce(message) {
    byId('announcer').textContent = message;
  }

  return app;
}
