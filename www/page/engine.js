// The page's side of the engine's thread (engine-worker.js): requests go
// out as promises, and every answer and frame brings a report, which this
// mirror takes in. The views read the mirror; it holds plain copies (never
// wasm memory), replaced as reports arrive.

import { presetConfig } from './presets.js';
import { SLOW_REQUESTS, fromWorker } from '../common/protocol.js';
import { t } from './i18n.js';

/**
 * How long the worker may stay silent while the page waits for it (ms).
 * Every engine call is bounded to about 100 ms (the page's budgets in the engine's limits.rs) and Play
 * answers between ~6 ms chunks, so this much silence means it stopped.
 */
export const STALL_MS = 8000;
/** …and while a slow request (protocol.js's SLOW_REQUESTS) waits: a minute of a busy machine. */
export const SLOW_STALL_MS = 60_000;

/**
 * @typedef {import('../common/lab.js').Config} Config
 * @typedef {import('../common/lab.js').Layout} Layout
 * @typedef {import('../common/lab.js').Frame} Frame
 * @typedef {import('../common/lab.js').Trace} Trace
 * @typedef {import('../common/lab.js').GradientCheck} GradientCheck
 * @typedef {import('../common/protocol.js').View} View
 * @typedef {import('../common/protocol.js').Report} Report
 * @typedef {import('../common/protocol.js').HistoryPart} HistoryPart
 * @typedef {import('../common/protocol.js').Boundary} Boundary
 * @typedef {import('../common/protocol.js').PinnedRun} PinnedRun
 * @typedef {import('../common/protocol.js').Landscape} Landscape
 * @typedef {import('../common/protocol.js').Confusion} Confusion
 * @typedef {import('../common/protocol.js').Asked} Asked
 */

/** The history so far, grown by each report's new points. @param {{ epochs: Float64Array, losses: Float64Array }} had @param {HistoryPart | undefined} part */
function grow(had, part) {
  if (!part) return had;
  if (part.from === 0) return { epochs: part.epochs, losses: part.losses };
  const join = (/** @type {Float64Array} */ a, /** @type {Float64Array} */ b) => {
    const out = new Float64Array(part.from + b.length);
    out.set(a.subarray(0, part.from));
    out.set(b, part.from);
    return out;
  };
  return { epochs: join(had.epochs, part.epochs), losses: join(had.losses, part.losses) };
}

/** @returns {{ epochs: Float64Array, losses: Float64Array }} */
const empty = () => ({ epochs: new Float64Array(0), losses: new Float64Array(0) });

/** The engine's thread, started afresh. */
const startWorker = () => new Worker(new URL('../worker/engine-worker.js', import.meta.url), { type: 'module', name: 'engine' });

export class Engine {
  /** @param {Worker} worker */
  constructor(worker) {
    /** @type {Worker} */
    this.worker = worker;
    /** @type {Map<number, { kind: string, resolve: (value: any) => void, reject: (error: Error) => void }>} */
    this.pending = new Map();
    this.nextId = 1;
    /**
     * Called after each report is taken in; `event` names an unasked one (a failure comes with its error:
     * the English, and the code and values the page words it by).
     * @type {(s: Report, event?: string, error?: Error) => void}
     */
    this.onReport = () => {};
    /** Called once when the worker is found dead or unresponsive (every waiting request has failed). @type {(why: string) => void} */
    this.onStopped = () => {};
    /** Called with a message that is not of the protocol (it is ignored). @type {(why: string) => void} */
    this.onStray = () => {};
    /** When the worker was last heard from, and when the page last asked for a frame (ms). */
    this.heardAt = performance.now();
    this.frameAskedAt = -Infinity;
    /** The worker has stopped: nothing more is sent until `restart`. */
    this.stopped = false;
    // The mirror, filled by the first report.
    /** @type {Config} */
    this.config = /** @type {any} */ (null);
    /** @type {Layout} */
    this.layout = /** @type {any} */ (null);
    this.version = -1;
    /** Snapshots taken in so far: the page has drawn the engine's word when it drew the latest. */
    this.reports = 0;
    this.iteration = 0;
    this.epoch = 0;
    this.loss = NaN;
    /** @type {number | undefined} */
    this.diverged = undefined;
    this.handEdited = false;
    /** @type {number | undefined} */
    this.accuracyValue = undefined;
    /** @type {number | undefined} */
    this.testLossValue = undefined;
    /** @type {number | undefined} */
    this.testAccuracyValue = undefined;
    /** R² of the training and test rows, when their targets are numbers to fit. @type {[number | undefined, number | undefined]} */
    this.rSquaredValues = [undefined, undefined];
    /** The engine's memory in bytes (in the worker). */
    this.memoryBytes = 0;
    /** The longest time (ms) the worker was busy without answering, since the previous report. */
    this.longestTurnMs = 0;
    /** @type {Float64Array} */
    this.params = new Float64Array(0);
    /** @type {Float64Array} */
    this.grads = new Float64Array(0);
    /** @type {[number, number]} */
    this.nextRows = [0, 0];
    this.row = 0;
    /** @type {Float64Array} */
    this.rowValues = new Float64Array(0);
    /** What the network sees of the row (its features), when it is not the row as given. @type {number[] | null} */
    this.rowInput = null;
    /** @type {{ from: number, to: number, values: Float64Array }} */
    this.predicted = { from: 0, to: 0, values: new Float64Array(0) };
    this.lossHistory = empty();
    this.testLossHistory = empty();
    /** The newest boundary, and how many have come (a view draws each once). @type {Boundary | null} */
    this.boundary = null;
    this.boundaries = 0;
    /** @type {{ version: number, trace: Trace | null } & import('../common/protocol.js').Reason} */
    this.traced = { version: -1, trace: null, why: '' };
    /** @type {{ version: number, check: GradientCheck | null } & import('../common/protocol.js').Reason} */
    this.checked = { version: -1, check: null, why: '' };
    /** The last question's answer. @type {Asked | null} */
    this.asked = null;
    /** The chosen neuron's z for the rows of the next update. @type {import('../common/protocol.js').Curve | null} */
    this.curve = null;
    /** The last confusion matrices. @type {Confusion | null} */
    this.confusion = null;
    /** Gradient health at the epochs sampled so far. @type {import('../common/lab.js').HealthSample[]} */
    this.health = [];
    /** The last loss landscape computed. @type {Landscape | null} */
    this.landscape = null;
    /** Compare's run A, or null when not comparing. @type {PinnedRun | null} */
    this.pinned = null;
    this.#listen(worker);
    // The watchdog: silence while the page waits (a request, or a frame while playing) means the worker stopped.
    setInterval(() => {
      const waiting = this.pending.size > 0 || performance.now() - this.frameAskedAt < STALL_MS / 2;
      const slow = [...this.pending.values()].some((p) => SLOW_REQUESTS.has(p.kind));
      const allowed = slow ? SLOW_STALL_MS : STALL_MS;
      if (!this.stopped && waiting && performance.now() - this.heardAt > allowed) {
        this.#stop(t('engine.no-answer', { seconds: allowed / 1000 }));
      }
    }, 1000);
  }

  /** @param {Worker} worker */
  #listen(worker) {
    worker.onmessage = (e) => {
      if (worker !== this.worker) return; // a worker already replaced
      this.heardAt = performance.now();
      this.#receive(e.data);
    };
    worker.onmessageerror = () => this.onStray(t('engine.unreadable-message'));
    // An error that escaped the worker leaves its engine in doubt: it is treated as stopped.
    worker.onerror = (e) => {
      e.preventDefault();
      if (worker === this.worker) this.#stop(e.message ? t('engine.failed-with', { error: e.message }) : t('engine.failed'));
    };
  }

  /** Starts the engine's thread with a preset's network. */
  static async start(preset = 'xor') {
    const engine = new Engine(startWorker());
    await engine.request('start', { config: presetConfig(preset) });
    return engine;
  }

  /**
   * A new worker in place of a stopped one, holding `config` (the caller
   * then opens the last state in it). The mirror is filled again by its
   * first report, which carries everything.
   * @param {Config} config
   */
  async restart(config) {
    this.worker.onmessage = null;
    this.worker.terminate();
    this.worker = startWorker();
    this.#listen(this.worker);
    this.stopped = false;
    this.heardAt = performance.now();
    this.lossHistory = empty();
    this.testLossHistory = empty();
    this.pinned = null;
    await this.request('start', { config });
  }

  /** The worker stopped: every waiting request fails, and the page is told once. @param {string} why */
  #stop(why) {
    if (this.stopped) return;
    this.stopped = true;
    const error = new Error(t('engine.stopped', { why }));
    for (const { reject } of this.pending.values()) reject(error);
    this.pending.clear();
    this.onStopped(why);
  }

  /** @param {unknown} data */
  #receive(data) {
    const m = fromWorker(data);
    if (m.kind === 'unknown') {
      this.onStray(m.why);
      return;
    }
    if (m.report) this.#take(m.report);
    if (m.kind === 'event') {
      this.onReport(m.report, m.event, m.message === undefined ? undefined : Object.assign(new Error(m.message), m.words));
      return;
    }
    const waiting = this.pending.get(m.id);
    this.pending.delete(m.id);
    if (m.report) this.onReport(m.report);
    if (!waiting) return;
    if (m.ok) waiting.resolve(m.value);
    else waiting.reject(Object.assign(new Error(m.error), m.words));
  }

  /** Takes a report into the mirror. @param {Report} s */
  #take(s) {
    this.reports++;
    this.version = s.version;
    this.iteration = s.iteration;
    this.epoch = s.epoch;
    this.loss = s.loss;
    this.diverged = s.diverged;
    this.handEdited = s.handEdited;
    if ('accuracy' in s) {
      [this.accuracyValue, this.testLossValue, this.testAccuracyValue] = [s.accuracy, s.testLoss, s.testAccuracy];
      this.rSquaredValues = [s.rSquared, s.testRSquared];
    }
    this.memoryBytes = s.memoryBytes;
    this.longestTurnMs = s.longestTurnMs;
    if (s.config) this.config = s.config;
    if (s.layout) this.layout = s.layout;
    if (s.params) this.params = s.params;
    if (s.grads) this.grads = s.grads;
    if (s.nextRows) this.nextRows = s.nextRows;
    if (s.rowValues) [this.row, this.rowValues, this.rowInput] = [s.row ?? 0, s.rowValues, s.rowInput ?? null];
    if (s.predictions) this.predicted = s.predictions;
    this.lossHistory = grow(this.lossHistory, s.history);
    this.testLossHistory = grow(this.testLossHistory, s.testHistory);
    if (s.boundary) {
      // The features' maps come only when they change: the mirror keeps the last ones.
      this.boundary = { ...s.boundary, features: s.boundary.features ?? this.boundary?.features ?? null };
      this.boundaries++;
    }
    if (s.trace) this.traced = s.trace;
    if (s.check) this.checked = s.check;
    if (s.asked) this.asked = s.asked;
    if (s.curve) this.curve = s.curve;
    if (s.confusion) this.confusion = s.confusion;
    if (s.health) this.health = s.health;
    if (s.landscape) this.landscape = s.landscape;
    if (s.pinned !== undefined) {
      const config = s.pinned?.config ?? this.pinned?.config;
      this.pinned = s.pinned && config ? { ...s.pinned, config } : null;
    }
  }

  /**
   * Sends a request; resolves with its answer once the report after it is
   * in the mirror, or rejects with the engine's message (nothing changed).
   * @param {import('../common/protocol.js').RequestKind} kind @param {object} [args] @returns {Promise<any>}
   */
  request(kind, args) {
    if (this.stopped) return Promise.reject(new Error(t('engine.restarting')));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      // The watchdog counts silence from the first request that waits, not from the last word.
      if (this.pending.size === 0) this.heardAt = Math.max(this.heardAt, performance.now());
      this.pending.set(id, { kind, resolve, reject });
      this.worker.postMessage({ id, kind, args });
    });
  }

  /** Asks for the next frame while playing (answered as an event when it is ready). @param {View} view */
  askFrame(view) {
    if (this.stopped) return;
    if (performance.now() - this.frameAskedAt > STALL_MS / 2) this.heardAt = Math.max(this.heardAt, performance.now());
    this.frameAskedAt = performance.now();
    this.worker.postMessage({ kind: 'frame', args: view });
  }

  /** Everything the views draw for one frame, from the mirror. @returns {Frame} */
  frame() {
    const row = Math.min(this.row, this.config.data.inputs.length - 1);
    return {
      iteration: this.iteration,
      epoch: this.epoch,
      loss: this.loss,
      diverged: this.diverged,
      sizes: this.layout.sizes,
      layout: this.layout,
      params: this.params,
      grads: this.grads,
      row,
      input: this.rowInput ?? this.config.data.inputs[row],
      rowValues: this.rowValues,
      nextRows: this.nextRows,
    };
  }

  /** The outputs of rows from..to, if the last report holds them (else null: the next one will). @param {number} from @param {number} to */
  predictions(from, to) {
    const p = this.predicted;
    if (from < p.from || to > p.to) return null;
    const k = this.layout.sizes[this.layout.sizes.length - 1];
    return p.values.subarray((from - p.from) * k, (to - p.from) * k);
  }

  /** The loss history (what the chart draws). */
  history() {
    return this.lossHistory;
  }

  testHistory() {
    return this.testLossHistory;
  }

  accuracy() {
    return this.accuracyValue;
  }

  testLoss() {
    return this.testLossValue;
  }

  testAccuracy() {
    return this.testAccuracyValue;
  }

  /** How well the numbers are fitted (R²): the training rows', the test rows'; undefined for classes. */
  rSquared() {
    return this.rSquaredValues;
  }
}
