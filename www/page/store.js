// The app store: the page's state and the one place that changes it. Controls
// call its actions; the engine (in its worker, engine.js) takes or refuses
// each change; a refusal shows where it was typed and changes nothing. The
// store never draws: it asks the frame loop (frame.js) to, with `render`.
//
// Actions that change the run go through one queue, so that each edit starts
// from the state the one before it left, however fast they come. The
// actions that train are in training-actions.js, those on whole runs
// (open, Compare, recover) in run-actions.js.

import { activationsOf } from '../common/lab.js';
import { Messages } from './ui/messages.js';
import { showError, clearError, explain } from './ui/fields.js';
import { byId } from './ui/dom.js';
import { t } from './i18n.js';
import { trainingActions } from './training-actions.js';
import { runActions } from './run-actions.js';

/**
 * @typedef {import('../common/lab.js').Config} Config
 * @typedef {import('./engine.js').Engine} Engine
 * @typedef {import('./controls/points.js').PointSet} PointSet
 * @typedef {{ inputs: number[][], targets: number[][] }} Rows
 * @typedef {{ test?: Rows | null, points?: PointSet | null, heldOut?: string }} Also test rows held out with a change, and the point set or dataset they come from
 * @typedef {ReturnType<typeof baseStore>} Base
 * @typedef {ReturnType<typeof createStore>} App
 */

/** @param {Engine} engine */
export function createStore(engine) {
  const messages = new Messages({ training: byId('training-alerts'), share: byId('share-messages'), check: byId('check-messages') });
  const queue = changeQueue();
  const base = baseStore(engine, messages, queue);
  /** @type {import('./training-actions.js').Voice} */
  const voice = { serial: queue.serial, say: base.say, announce };
  const training = trainingActions(base, engine, voice);
  const app = Object.assign(base, training, runActions(base, engine, training, voice));
  engine.onStopped = (why) => void app.recover(why);
  engine.onStray = (why) => app.say(t('engine.stray', { why }), 'alert');
  return app;
}

/** The queue of changes: each runs when the one before it has been answered. */
function changeQueue() {
  let queue = Promise.resolve();
  return {
    /** Runs `action` when every action queued before it is done. @template T @param {() => Promise<T>} action @returns {Promise<T>} */
    serial(action) {
      const done = queue.then(action);
      queue = done.then(
        () => undefined,
        () => undefined,
      );
      return done;
    },
    /** Resolves once every action queued so far (and any queued meanwhile) is done. */
    async idle() {
      let waited;
      do {
        waited = queue;
        await waited;
      } while (waited !== queue);
    },
  };
}

/**
 * The store's state, its changes of the config, and the small actions that
 * only set what the views show; the actions that train (training-actions.js)
 * and those on whole runs (run-actions.js) are added to it.
 * @param {Engine} engine @param {Messages} messages @param {ReturnType<typeof changeQueue>} queue
 */
function baseStore(engine, messages, { serial, idle }) {
  /**
   * One change of the config, in its turn of the queue (see `app.change`).
   * @param {(config: Config) => void} edit @param {HTMLElement} field @param {HTMLElement | undefined} where
   * @param {Also} also
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
     * @param {Also} [also] test rows to hold out with it, and the point set or dataset they come from
     */
    change(edit, field, where, also = {}) {
      return serial(() => applyChange(edit, field, where, also));
    },

    /**
     * A change whose edit comes with a file being fetched (a dataset): it takes its place in the
     * queue now, so that what the learner does next waits for it and applies to its run. A file
     * that cannot be had is refused at `field`, and the run is as it was; null (a later choice
     * came meanwhile) changes nothing.
     * @param {Promise<{ edit: (config: Config) => void, also?: Also } | null>} loading
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
    idle,

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

    /** Called when playing starts or stops (the frame loop fills this in). */
    playingChanged() {},

    /** Says something in the Training panel (an alert is a problem). @param {string} message @param {'alert' | 'status'} role */
    say(message, role) {
      messages.say('training', message, { role });
    },

    /** The current parameters (the mirror's copy). */
    frameParams() {
      return engine.params;
    },

    /** Makes a generated 2-D point set the data (the points control fills this in). @param {string} _generator @param {HTMLElement} _field @returns {Promise<boolean>} */
    choosePoints: async (_generator, _field) => false,
  };
  app.hiddenActivation = activationsOf(engine.config).hidden;
  return app;
}

/** Tells screen readers what just happened, without showing it. @param {string} message */
function announce(message) {
  byId('announcer').textContent = message;
}
