// The engine's thread. The page's only training `Lab` lives here: it trains
// while playing, answers the page's requests between chunks of training, and
// posts reports (engine.js's `Report`) of exactly what the views draw, at
// most one per animation frame the page asks for, in transferred buffers.
// Nothing that did not change since the last report is copied again.
//
// The protocol (protocol.js, with engine.js on the other side): requests are
// `handlers`' keys and 'start'; answers and events carry a report. The
// handlers call the engine's `Lab` directly: the engine's API reaches a
// button through this protocol and nothing else.

import { limits, loadEngine, reasonOf } from '../common/lab.js';
import { confusionOf, countersOf, defined, historyOf, labOf, savedOf } from './labs.js';
import { BoundaryJob } from './boundary-job.js';
import { HealthSeries } from './health-series.js';
import { historyPart } from './history-part.js';
import { LandscapeJob } from './landscape-job.js';
import { Pinned } from './pinned.js';
import { loadReplaying } from './replay.js';
import { READING_REQUESTS, REQUESTS, TRAINING_REQUESTS, fromPage } from '../common/protocol.js';

/** Milliseconds of training between looks at the page's requests. */
const CHUNK_MS = 6;
/** Cells per side of the decision boundary's grid. */
const GRID_CELLS = 100;
/** Milliseconds of grid per frame while playing (the rest trains), and per turn while paused. */
const GRID_PLAYING_MS = 1.5;
const GRID_PAUSED_MS = 12;
/** Milliseconds of loss landscape per turn, playing and paused. */
const LANDSCAPE_PLAYING_MS = 2;
const LANDSCAPE_PAUSED_MS = 12;
/** Gradient health samples kept at most (the chart's). */
const HEALTH_SAMPLES = 300;
/** The most iterations one "Iterations per frame" frame trains, and the most time (ms): a frame then shows what was done. */
const MAX_PER_FRAME = 1_000_000;
const FRAME_LIMIT_MS = 50;

/**
 * @typedef {import('../common/protocol.js').View} View
 * @typedef {import('../common/protocol.js').Report} Report
 * @typedef {import('../common/lab.js').Config} Config
 * @typedef {import('../common/lab.js').Layout} Layout
 * @typedef {import('../pkg/backprop_lab.js').Lab} Lab
 * @typedef {{ inputs: number[][], targets: number[][] } | null} Rows
 */

/** The learner's run. @type {Lab} */
let lab;
/** Its config and layout, read when a request may have changed them. @type {Config} */
let config;
/** @type {Layout} */
let layout;
/** Counts the run's changes: what was read of it is stale when this moved. */
let version = 0;
/** The decision boundary, made in the loop's turns while the page shows a plane. */
const boundaries = new BoundaryJob(GRID_CELLS);
/** The loss landscape asked for, made in the loop's turns. */
const landscape = new LandscapeJob();
/** Gradient health, sampled while the page shows it. */
const health = new HealthSeries(HEALTH_SAMPLES);

/** Reads the run's config and layout again (a new config, a loaded run, another lab). */
function reread() {
  const text = lab.config();
  if (text !== configText) {
    configText = text;
    config = JSON.parse(text);
  }
  layout = JSON.parse(lab.layout());
}
let configText = '';
/** What the page shows: it decides what a report holds. @type {View} */
let view = {
  row: 0,
  rows: [0, 0],
  plane: null,
  trace: false,
  check: false,
  history: true,
  question: null,
  confusion: false,
  health: false,
  curve: null,
};
/**
 * Playing: Auto (train all the time) or `perFrame` iterations a frame, `owed`
 * of them still to train, in the frame that began `since` (ms).
 * `until`: "Train to" an iteration (then Play stops there).
 * @typedef {{ auto: boolean, perFrame: number, owed: number, since: number, until?: number }} Play
 */
let play = /** @type {Play | null} */ (null);
/** The page asked for a frame and has not had it. */
let frameWanted = false;
/** The longest turn (ms) since the last report: how long the page may have waited for an answer. */
let longestTurn = 0;
/** Iterations a millisecond, from the last chunk of Play (sizes the next one). */
let pace = 1;

/** What the page already holds, so that a report carries only what changed. */
const sent = {
  config: /** @type {object | null} */ (null),
  params: -1,
  grads: -1,
  rowValues: '',
  predictions: '',
  history: /** @type {{ length: number, first: number, last: number } | null} */ (null),
  testHistory: /** @type {{ length: number, first: number, last: number } | null} */ (null),
  trace: -1,
  check: -1,
  asked: '',
  curve: '',
  confusion: -1,
  health: -1,
  /** A's version when it was last sent; -2: "no A" was sent. */
  pinned: -2,
};
/** A copy of a view of engine memory, as a buffer the page can take over. @param {Float64Array} v */
const copy = (v) => v.slice();

/** The rows held out for testing, as the page gave them (the engine drops them with new data). @type {Rows} */
let testRows = null;
/** Misclassified test images sent at most (the gallery's). */
const GALLERY = 40;

/** Compare's run A, trained in step with the learner's run, or null; and A's test rows. @type {Pinned | null} */
let pinned = null;
/** @type {Rows} */
let pinnedTestRows = null;

/** After a change that is not training (edits, reset, time travel, a loaded run): the page gets the whole history again. */
function changed() {
  health.clear();
  sent.health = -1;
  if (lab.testLoss() === undefined) testRows = null;
  sent.history = null;
  sent.testHistory = null;
  pace = 1; // perhaps another network: its pace is found again
}

/**
 * Everything the views draw that the page does not hold yet.
 * @returns {[Report, Transferable[]]}
 */
function report() {
  const v = version;
  /** @type {Partial<Report>} */
  const parts = {};
  // Paused, the inspector's trace comes first: it makes the gradients those of the next iteration.
  if (!play && view.trace && sent.trace !== v) {
    sent.trace = v;
    sent.grads = -1;
    try {
      parts.trace = { version: v, trace: JSON.parse(lab.trace()), why: '' };
    } catch (e) {
      parts.trace = { version: v, trace: null, ...reasonOf(e) };
    }
  }
  if (!play && view.check && sent.check !== v) {
    sent.check = v;
    try {
      parts.check = { version: v, check: JSON.parse(lab.gradientCheck()), why: '' };
    } catch (e) {
      parts.check = { version: v, check: null, ...reasonOf(e) };
    }
  }
  const counts = countersOf(lab);
  const row = Math.min(Math.max(view.row, 0), counts.rows - 1);
  /** @type {Report} */
  const s = {
    ...parts,
    version: v,
    iteration: counts.iteration,
    epoch: counts.epoch,
    loss: lab.loss(),
    diverged: counts.diverged,
    handEdited: counts.handEdited,
    memoryBytes: lab.params().buffer.byteLength,
    playing: play !== null,
    longestTurnMs: longestTurn,
  };
  longestTurn = 0;
  /** @type {Transferable[]} */
  const transfer = [];
  if (config !== sent.config) {
    sent.config = config;
    s.config = config;
    s.layout = layout;
  }
  // Views of engine memory are copied before the next call into the engine.
  if (sent.params !== v) {
    sent.params = v;
    s.params = copy(lab.params());
    s.nextRows = counts.nextRows;
    transfer.push(s.params.buffer);
  }
  if (sent.grads !== v) {
    sent.grads = v;
    s.grads = copy(lab.grads());
    transfer.push(s.grads.buffer);
  }
  if (sent.rowValues !== `${v}:${row}`) {
    sent.rowValues = `${v}:${row}`;
    s.row = row;
    s.rowValues = copy(lab.forwardRow(row));
    s.rowInput = Array.from(lab.rowInputs(row));
    transfer.push(s.rowValues.buffer);
  }
  // "Ask the network": the question's values through every layer.
  const question = view.question;
  if (question && sent.asked !== `${v}:${question.join(',')}`) {
    sent.asked = `${v}:${question.join(',')}`;
    try {
      const raw = Float64Array.from(question, Number);
      const input = config.features ? Array.from(lab.networkInput(raw)) : question;
      const values = copy(lab.forwardInput(raw));
      s.asked = { question, input, values, why: '' };
      transfer.push(values.buffer);
    } catch (e) {
      s.asked = { question, input: question, values: null, why: /** @type {Error} */ (e).message };
    }
  }
  // A neuron's activation curve: its z for each row the next update uses.
  const curve = view.curve;
  if (curve && sent.curve !== `${v}:${curve.layer}:${curve.neuron}`) {
    sent.curve = `${v}:${curve.layer}:${curve.neuron}`;
    try {
      s.curve = { ...curve, rows: counts.nextRows, z: Float64Array.from(lab.neuronZ(curve.layer, curve.neuron)), why: '' };
    } catch (e) {
      s.curve = { ...curve, rows: counts.nextRows, z: new Float64Array(0), why: /** @type {Error} */ (e).message };
    }
  }
  const [from, to] = [Math.min(view.rows[0], counts.rows), Math.min(view.rows[1], counts.rows)];
  if (sent.predictions !== `${v}:${from}:${to}`) {
    sent.predictions = `${v}:${from}:${to}`;
    s.predictions = { from, to, values: copy(lab.predict(from, Math.max(from, to))) };
    transfer.push(s.predictions.values.buffer);
  }
  // The confusion matrices (a pass over every row), when the page shows them and at the chart's pace.
  if (view.confusion && view.history && sent.confusion !== v) {
    sent.confusion = v;
    s.confusion = confusionOf(lab, testRows?.inputs ?? [], GALLERY);
  }
  // Compare's A, at the chart's pace.
  if (pinned && view.history && sent.pinned !== pinned.version) {
    const first = sent.pinned === -1;
    sent.pinned = pinned.version;
    s.pinned = pinned.part(first);
    transfer.push(s.pinned.params.buffer);
  } else if (!pinned && sent.pinned !== -2) {
    sent.pinned = -2;
    s.pinned = null;
  }
  const landscapeDone = landscape.take();
  if (landscapeDone) {
    s.landscape = landscapeDone;
    transfer.push(landscapeDone.losses.buffer, landscapeDone.path.buffer);
  }
  // Gradient health (a pass over the data), when the page shows it and at the chart's pace.
  if (view.health && view.history && (health.sample(lab) || sent.health !== health.samples.length)) {
    sent.health = health.samples.length;
    s.health = health.samples.slice();
  }
  // The chart's numbers (each a pass over the data), when the page shows them.
  if (view.history) {
    const [accuracy, rSquared] = lab.fit(false);
    const [testAccuracy, testRSquared] = lab.fit(true);
    s.accuracy = defined(accuracy);
    s.testLoss = lab.testLoss();
    s.testAccuracy = defined(testAccuracy);
    if (s.accuracy === undefined) [s.rSquared, s.testRSquared] = [defined(rSquared), defined(testRSquared)];
    const h = historyOf(lab, false);
    [s.history, sent.history] = historyPart(h.epochs, h.losses, sent.history);
    const t = historyOf(lab, true);
    [s.testHistory, sent.testHistory] = historyPart(t.epochs, t.losses, sent.testHistory);
    for (const part of [s.history, s.testHistory]) if (part) transfer.push(part.epochs.buffer, part.losses.buffer);
  }
  const boundary = boundaries.take();
  if (boundary) {
    s.boundary = boundary;
    transfer.push(boundary.image.buffer, boundary.maps.buffer, boundary.outputs.buffer);
    if (boundary.features) transfer.push(boundary.features.buffer);
  }
  return [s, transfer];
}

/** @param {object} message @param {Transferable[]} [transfer] */
const post = (message, transfer = []) => postMessage(message, { transfer });

/**
 * Posts an event with a report (and for a failure, its English, code and values).
 * @param {'frame' | 'stopped' | 'reached' | 'failed' | 'changed'} event @param {string} [message]
 * @param {{ code?: string, values?: Record<string, string> }} [words]
 */
function tell(event, message, words = {}) {
  const [snap, transfer] = report();
  post({ event, message, ...words, report: snap }, transfer);
}

/** Sets the rows held out for testing (null for none). @param {Lab} into @param {Rows} rows */
const setTestRows = (into, rows) => into.setTestData(JSON.stringify(rows));

/** Goes back to iteration `n` or before: the latest kept epoch at or before it, else the seed. @param {number} n */
function backTo(n) {
  try {
    lab.restore(Math.floor(n / layout.iterations_per_epoch));
  } catch {
    lab.reset();
  }
  if (countersOf(lab).iteration > n) lab.reset();
}

/** Another lab takes the run's place (Compare's A kept, a replay adopted); the old one is freed. @param {Lab} next */
function replaceLab(next) {
  lab.free();
  lab = next;
  version++;
  reread();
}

/**
 * The page's requests. Each returns its answer (or throws with a message a
 * person can act on); the reply carries a report of the state after it.
 * @type {Record<string, (args: any) => unknown>}
 */
const handlers = {
  change({ config: next, test }) {
    const kept = lab.setConfig(JSON.stringify(next));
    reread();
    if (test !== undefined) {
      setTestRows(lab, test);
      testRows = test;
    }
    return kept;
  },
  testData({ rows }) {
    setTestRows(lab, rows);
    testRows = rows;
  },
  step: () => lab.step(),
  stepEpoch: () => lab.stepEpoch(),
  /** n iterations at once (scripts and tests; the page plays instead). */
  run: ({ n }) => lab.run(n),
  reset: () => lab.reset(),
  setParam: ({ index, value }) => lab.setParam(index, value),
  restore: ({ epoch }) => lab.restore(epoch),
  open({ saved, test }) {
    try {
      loadReplaying(
        lab,
        saved,
        test,
        () => version,
        (replayed) => {
          replaceLab(replayed);
          changed();
          tell('changed');
        },
      );
    } finally {
      reread();
    }
    testRows = test;
  },
  save: () => savedOf(lab),
  findLearningRate: () => JSON.parse(lab.findLearningRate()),
  /**
   * Pins the run as A and goes on with it as B: both from A's first weights ("start") or from where it
   * stands ("here"); `saved` is A's own run (a link that holds both).
   */
  compare({ from, saved }) {
    pinned?.free();
    pinned = new Pinned(lab, from, saved);
    if (from === 'start' && !saved) lab.reset();
    if (testRows) setTestRows(pinned.lab, testRows);
    pinnedTestRows = testRows;
    sent.pinned = -1;
  },
  /** Ends Compare, keeping run A or B as the one run. */
  endCompare({ keep }) {
    if (!pinned) return;
    if (keep === 'A') {
      replaceLab(pinned.lab);
      testRows = pinnedTestRows; // A's data came with its own test rows
    } else {
      pinned.free();
    }
    pinned = null;
  },
  /** A's saved run, for a link that holds both runs (null when not comparing). */
  pinnedSaved: () => (pinned ? JSON.parse(savedOf(pinned.lab)) : null),
  /** Starts a loss landscape through the current weights; the loop computes it, and a report brings it. */
  landscape() {
    landscape.start(lab, version, limits.landscape_cells);
  },
  export: ({ format, template }) => lab.exportAs(String(format), template === undefined ? undefined : String(template)),
  /** The outputs of rows from..to, as a plain array (scripts and tests; frames carry the table's rows). */
  predict({ from, to }) {
    const rows = countersOf(lab).rows;
    const [a, b] = [Math.min(from, rows), Math.min(to, rows)];
    return Array.from(lab.predict(a, Math.max(a, b)));
  },
  trace: () => JSON.parse(lab.trace()),
  gradientCheck: () => JSON.parse(lab.gradientCheck()),
  play({ auto, perFrame }) {
    play = { auto, perFrame: Math.min(perFrame, MAX_PER_FRAME), owed: 0, since: performance.now() };
  },
  speed({ auto, perFrame }) {
    if (play) play = { ...play, auto, perFrame: Math.min(perFrame, MAX_PER_FRAME), owed: Math.min(play.owed, perFrame) };
  },
  pause() {
    play = null;
  },
  /**
   * Trains to iteration `n` exactly, as Play does (Pause stops it). Behind
   * the current iteration it goes back to the latest kept epoch before `n`
   * (or to the seed) and trains forward from there.
   */
  trainTo({ n }) {
    if (!Number.isSafeInteger(n) || n < 0) throw new Error(`Train to iteration: expected a whole number of 0 or more, got ${n}`);
    if (n < countersOf(lab).iteration) {
      backTo(n);
      changed(); // behind: the history was cut, so the page gets it whole
    }
    const at = countersOf(lab).iteration;
    play = n > at ? { auto: true, perFrame: MAX_PER_FRAME, owed: 0, since: performance.now(), until: n } : null;
    return at;
  },
  view(next) {
    view = next;
  },
};

// Every request of the protocol has its handler ('start' is answered below), and no handler is outside it.
for (const kind of REQUESTS) if (kind !== 'start' && !(kind in handlers)) throw new Error(`no handler for "${kind}"`);
for (const kind of Object.keys(handlers))
  if (!(/** @type {readonly string[]} */ (REQUESTS).includes(kind))) throw new Error(`"${kind}" is not in the protocol`);

/** The engine's loading ('start'), which requests that come meanwhile wait for. @type {Promise<void>} */
let starting = Promise.resolve();

/** Loads the engine with a config and answers 'start'. @param {number} id @param {Config} first */
async function start(id, first) {
  try {
    await loadEngine();
    lab = labOf(first);
    reread();
    const [snap, transfer] = report();
    post({ id, ok: true, report: snap }, transfer);
  } catch (error) {
    post({ id, ok: false, error: /** @type {Error} */ (error).message });
  }
}

/** @param {MessageEvent} e */
async function receive(e) {
  const request = fromPage(e.data);
  const { id, kind, args } = /** @type {{ id: number, kind: string, args: any }} */ (request);
  if (request.kind === 'unknown') {
    // Not of the protocol: answered as a refusal when it has an id to answer, else dropped.
    if (id !== undefined) post({ id, ok: false, error: request.why });
    return;
  }
  if (kind === 'start') {
    starting = start(id, args.config);
    return;
  }
  // What comes while the engine loads (a page that restarted its worker asks at once) waits for it.
  if (!lab) await starting;
  if (!lab) {
    if (id !== undefined) post({ id, ok: false, error: 'the engine has not started' });
    return;
  }
  if (kind === 'frame') {
    view = args;
    frameWanted = true;
    wake();
    return;
  }
  const started = performance.now();
  /** @type {{ ok: boolean, value?: unknown, error?: string, code?: string, values?: Record<string, string> }} */
  let answer;
  try {
    const handler = handlers[kind];
    if (!handler) throw new Error(`the engine has no request "${kind}"`);
    if (!READING_REQUESTS.has(kind)) version++;
    answer = { ok: true, value: handler(args ?? {}) };
  } catch (error) {
    const { why, ...words } = reasonOf(error);
    answer = { ok: false, error: why, ...words };
  }
  if (!TRAINING_REQUESTS.has(kind)) changed();
  pinned?.follow(countersOf(lab).iteration);
  longestTurn = Math.max(longestTurn, performance.now() - started);
  const [snap, transfer] = report();
  post({ id, ...answer, report: snap }, transfer);
  wake();
}
self.onmessage = (e) => void receive(e);

// The work loop: one turn at a time, each short, with the page's requests
// answered between turns (a message to ourselves queues behind them).
const loop = new MessageChannel();
let awake = false;
function wake() {
  if (awake) return;
  awake = true;
  loop.port2.postMessage(null);
}
loop.port1.onmessage = () => {
  awake = false;
  const started = performance.now();
  if (play) train(play);
  const ready = play === null || play.auto || play.owed === 0 || started - play.since >= FRAME_LIMIT_MS;
  const standing = run();
  if (view.plane) boundaries.advance(view.plane, standing, play ? (frameWanted && ready ? GRID_PLAYING_MS : 0) : GRID_PAUSED_MS);
  if (landscape.running) landscape.advance(lab, version, play ? LANDSCAPE_PLAYING_MS : LANDSCAPE_PAUSED_MS);
  longestTurn = Math.max(longestTurn, performance.now() - started);
  if (frameWanted && ready) {
    frameWanted = false;
    if (play && !play.auto) [play.owed, play.since] = [play.perFrame, performance.now()];
    tell('frame');
  } else if (!play && (boundaries.waiting || landscape.done)) {
    tell('frame'); // paused: a finished boundary or landscape is shown at once
  }
  // Playing "Iterations per frame", a frame's work done, the page's next request wakes the loop.
  if (play ? play.auto || play.owed > 0 : boundaries.pending(view.plane, standing) || landscape.running) wake();
};

/** One chunk of Play. @param {Play} p */
function train(p) {
  const left = p.until === undefined ? Infinity : p.until - countersOf(lab).iteration;
  const wanted = Math.min(p.auto ? MAX_PER_FRAME : p.owed, Math.max(1, Math.round(pace * CHUNK_MS)), left);
  if (wanted === 0) return;
  let ran;
  try {
    const started = performance.now();
    ran = lab.run(wanted);
    if (ran > 0) version++;
    pinned?.follow(countersOf(lab).iteration);
    // The next chunk at this one's pace, growing at most 4× (a first chunk may be slow).
    const ms = performance.now() - started;
    if (ran === wanted) pace = Math.min(4 * pace, ran / Math.max(ms, 0.01));
  } catch (e) {
    play = null;
    const { why, ...words } = reasonOf(e);
    tell('failed', why, words);
    return;
  }
  if (!p.auto) p.owed -= ran;
  if (ran < wanted) {
    play = null;
    frameWanted = false;
    tell('stopped');
  } else if (p.until !== undefined && countersOf(lab).iteration >= p.until) {
    play = null;
    frameWanted = false;
    tell('reached');
  }
}

/** The run as the boundary's job reads it. @returns {import('./boundary-job.js').Run} */
const run = () => ({ lab, version, config, layout, playing: play !== null });
