// The engine's thread. The page's only training `Lab` lives here: it trains
// while playing, answers the page's requests between chunks of training, and
// posts reports (engine.js's `Report`) of exactly what the views draw, at
// most one per animation frame the page asks for, in transferred buffers.
// Nothing that did not change since the last report is copied again.
//
// The protocol (protocol.js, with engine.js on the other side): requests are
// `handlers`' keys and 'start'; answers and events carry a report.

import { Model, planar, reasonOf } from '../common/lab.js';
import { GridSlicer } from './grid-slicer.js';
import { historyPart } from './history-part.js';
import { Pinned } from './pinned.js';
import { loadReplaying } from './replay.js';
import { PLANE_PALETTE } from '../common/colors.js';
import { REQUESTS, TRAINING_REQUESTS, fromPage } from '../common/protocol.js';

/** Milliseconds of training between looks at the page's requests. */
const CHUNK_MS = 6;
/** Cells per side of the decision boundary's grid. */
const GRID_CELLS = 100;
/** Milliseconds of grid per frame while playing (the rest trains), and per turn while paused. */
const GRID_PLAYING_MS = 1.5;
const GRID_PAUSED_MS = 12;
/** While playing, a new boundary at most this often (ms): the eye needs no more, the page's thread and the training gain. */
const BOUNDARY_PLAYING_MS = 100;
/** The most iterations one "Iterations per frame" frame trains, and the most time (ms): a frame then shows what was done. */
const MAX_PER_FRAME = 1_000_000;
const FRAME_LIMIT_MS = 50;

/**
 * @typedef {import('../common/protocol.js').View} View
 * @typedef {import('../common/protocol.js').Report} Report
 * @typedef {{ inputs: number[][], targets: number[][] } | null} Rows
 */

/** @type {Model} */
let model;
/** @type {GridSlicer} */
let grid;
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
/** When the last boundary was sent (ms). */
let boundarySentAt = -Infinity;

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
/** The grid pass's plane (extent and scale): a new one starts the pass again. */
let gridKey = '';
/** The version and plane of the boundary the page holds, and one waiting to be sent. */
let shownBoundary = { version: -1, key: '' };
let boundary = /** @type {Report['boundary'] | null} */ (null);
/** The plane and features of the input features' maps the page holds: they change with neither the weights nor Play. */
let featuresKey = '';

/** A copy of a view of engine memory, as a buffer the page can take over. @param {Float64Array} v */
const copy = (v) => v.slice();

/** The rows held out for testing, as the page gave them (the engine drops them with new data). @type {Rows} */
let testRows = null;
/** Misclassified test images sent at most (the gallery's). */
const GALLERY = 40;

/**
 * The confusion matrices of the training and test rows (the engine's), and
 * the first misclassified test rows with their inputs, so that the page can draw them.
 * @returns {import('../common/protocol.js').Confusion}
 */
function confusion() {
  const { classes, train, test, wrong } = model.confusion(GALLERY);
  const inputs = testRows?.inputs ?? [];
  return { classes, train, test, wrong: wrong.map((w) => ({ ...w, input: inputs[w.row] ?? [] })) };
}

/** Compare's run A, trained in step with the learner's run (model), or null; and A's test rows. @type {Pinned | null} */
let pinned = null;
/** @type {Rows} */
let pinnedTestRows = null;

/**
 * The loss landscape being computed a band of rows at a time (in the engine it was started in), and a
 * finished one waiting to be sent.
 */
let landscapeJob = /** @type {{ row: number, cells: number, version: number, lab: object } | null} */ (null);
let landscapeDone = /** @type {import('../common/protocol.js').Landscape | null} */ (null);
/** Landscape rows per call into the engine, and milliseconds of landscape per turn (playing, paused). */
const LANDSCAPE_BAND = 1;
const LANDSCAPE_PLAYING_MS = 2;
const LANDSCAPE_PAUSED_MS = 12;

/** Computes bands of the landscape for about `ms`; a whole one waits to be sent. @param {number} ms */
function advanceLandscape(ms) {
  const job = landscapeJob;
  if (!job) return;
  // Another engine or another network took the model's place (a link opened, a lesson, a dataset of
  // other columns): the landscape asked for starts again on the weights there now.
  if (job.lab !== model.lab || !model.landscapeFits()) {
    model.landscapeStart();
    Object.assign(job, { row: 0, version: model.version, lab: model.lab });
  }
  const started = performance.now();
  let grid;
  do {
    const to = Math.min(job.cells, job.row + LANDSCAPE_BAND);
    grid = model.landscapeRows(job.row, to);
    job.row = to;
  } while (job.row < job.cells && performance.now() - started < ms);
  if (job.row < job.cells) return;
  landscapeJob = null;
  landscapeDone = {
    cells: job.cells,
    losses: grid.slice(),
    path: model.landscapePath().slice(),
    iteration: model.iteration,
    loss: model.loss,
    version: job.version,
  };
}

/** Gradient health at the epochs sampled while the page shows it (at the chart's pace), at most this many. */
const HEALTH_SAMPLES = 300;
/** @type {import('../common/lab.js').HealthSample[]} */
let healthSeries = [];

/** A health sample of the current epoch, unless it has one; every other sample goes when there are too many. */
function sampleHealth() {
  if (healthSeries.at(-1)?.epoch === model.epoch) return false;
  healthSeries.push({ epoch: model.epoch, layers: model.health() });
  if (healthSeries.length > HEALTH_SAMPLES) healthSeries = healthSeries.filter((_, i) => i % 2 === 0 || i === healthSeries.length - 1);
  return true;
}

/** After a change that is not training (edits, reset, time travel, a loaded run): the page gets the whole history again. */
function changed() {
  healthSeries = [];
  sent.health = -1;
  if (model.testLoss() === undefined) testRows = null;
  sent.history = null;
  sent.testHistory = null;
  pace = 1; // perhaps another network: its pace is found again
}

/**
 * Everything the views draw that the page does not hold yet.
 * @returns {[Report, Transferable[]]}
 */
function report() {
  const v = model.version;
  /** @type {Partial<Report>} */
  const parts = {};
  // Paused, the inspector's trace comes first: it makes the gradients those of the next iteration.
  if (!play && view.trace && sent.trace !== v) {
    sent.trace = v;
    sent.grads = -1;
    try {
      parts.trace = { version: v, trace: model.trace(), why: '' };
    } catch (e) {
      parts.trace = { version: v, trace: null, ...reasonOf(e) };
    }
  }
  if (!play && view.check && sent.check !== v) {
    sent.check = v;
    try {
      parts.check = { version: v, check: model.gradientCheck(), why: '' };
    } catch (e) {
      parts.check = { version: v, check: null, ...reasonOf(e) };
    }
  }
  // The frame's views of engine memory are copied before the next call that may move it (predictions).
  const f = model.frame(view.row);
  /** @type {Report} */
  const s = {
    ...parts,
    version: v,
    iteration: f.iteration,
    epoch: f.epoch,
    loss: f.loss,
    diverged: f.diverged,
    handEdited: model.handEdited,
    memoryBytes: model.memoryBytes,
    playing: play !== null,
    longestTurnMs: longestTurn,
  };
  longestTurn = 0;
  /** @type {Transferable[]} */
  const transfer = [];
  if (model.config !== sent.config) {
    sent.config = model.config;
    s.config = model.config;
    s.layout = model.layout;
  }
  if (sent.params !== v) {
    sent.params = v;
    s.params = copy(f.params);
    s.nextRows = f.nextRows;
    transfer.push(s.params.buffer);
  }
  if (sent.grads !== v) {
    sent.grads = v;
    s.grads = copy(f.grads);
    transfer.push(s.grads.buffer);
  }
  if (sent.rowValues !== `${v}:${f.row}`) {
    sent.rowValues = `${v}:${f.row}`;
    s.row = f.row;
    s.rowValues = copy(f.rowValues);
    s.rowInput = f.input;
    transfer.push(s.rowValues.buffer);
  }
  // "Ask the network": the question's values through every layer.
  const question = view.question;
  if (question && sent.asked !== `${v}:${question.join(',')}`) {
    sent.asked = `${v}:${question.join(',')}`;
    try {
      const input = model.networkInput(question);
      const values = copy(model.forwardInput(question));
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
      s.curve = { ...curve, rows: f.nextRows, z: Float64Array.from(model.neuronZ(curve.layer, curve.neuron)), why: '' };
    } catch (e) {
      s.curve = { ...curve, rows: f.nextRows, z: new Float64Array(0), why: /** @type {Error} */ (e).message };
    }
  }
  const rows = model.rows;
  const [from, to] = [Math.min(view.rows[0], rows), Math.min(view.rows[1], rows)];
  if (sent.predictions !== `${v}:${from}:${to}`) {
    sent.predictions = `${v}:${from}:${to}`;
    s.predictions = { from, to, values: copy(model.predictions(from, to)) };
    transfer.push(s.predictions.values.buffer);
  }
  // The confusion matrices (a pass over every row), when the page shows them and at the chart's pace.
  if (view.confusion && view.history && sent.confusion !== v) {
    sent.confusion = v;
    s.confusion = confusion();
  }
  // Compare's A, at the chart's pace.
  if (pinned && view.history && sent.pinned !== pinned.model.version) {
    const first = sent.pinned === -1;
    sent.pinned = pinned.model.version;
    s.pinned = pinned.part(first);
    transfer.push(s.pinned.params.buffer);
  } else if (!pinned && sent.pinned !== -2) {
    sent.pinned = -2;
    s.pinned = null;
  }
  if (landscapeDone) {
    s.landscape = landscapeDone;
    transfer.push(landscapeDone.losses.buffer, landscapeDone.path.buffer);
    landscapeDone = null;
  }
  // Gradient health (a pass over the data), when the page shows it and at the chart's pace.
  if (view.health && view.history && (sampleHealth() || sent.health !== healthSeries.length)) {
    sent.health = healthSeries.length;
    s.health = healthSeries.slice();
  }
  // The chart's numbers (each a pass over the data), when the page shows them.
  if (view.history) {
    s.accuracy = model.accuracy();
    s.testLoss = model.testLoss();
    s.testAccuracy = model.testAccuracy();
    if (s.accuracy === undefined) [s.rSquared, s.testRSquared] = [model.rSquared(), model.testRSquared()];
    const h = model.history();
    [s.history, sent.history] = historyPart(h.epochs, h.losses, sent.history);
    const t = model.testHistory();
    [s.testHistory, sent.testHistory] = historyPart(t.epochs, t.losses, sent.testHistory);
    for (const part of [s.history, s.testHistory]) if (part) transfer.push(part.epochs.buffer, part.losses.buffer);
  }
  if (boundary) {
    boundarySentAt = performance.now();
    s.boundary = boundary;
    transfer.push(boundary.image.buffer, boundary.maps.buffer, boundary.outputs.buffer);
    if (boundary.features) transfer.push(boundary.features.buffer);
    boundary = null;
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

/**
 * The page's requests. Each returns its answer (or throws with a message a
 * person can act on); the reply carries a report of the state after it.
 * @type {Record<string, (args: any) => unknown>}
 */
const handlers = {
  change({ config, test }) {
    const kept = model.setConfig(config);
    if (test !== undefined) {
      model.setTestData(test);
      testRows = test;
    }
    return kept;
  },
  testData({ rows }) {
    model.setTestData(rows);
    testRows = rows;
  },
  step: () => model.step(),
  stepEpoch: () => model.stepEpoch(),
  /** n iterations at once (scripts and tests; the page plays instead). */
  run: ({ n }) => model.run(n),
  reset: () => model.reset(),
  setParam: ({ index, value }) => model.setParam(index, value),
  restore: ({ epoch }) => model.restore(epoch),
  open({ saved, test }) {
    testRows = test;
    loadReplaying(model, saved, test, () => {
      changed();
      tell('changed');
    });
  },
  save: () => model.save(),
  findLearningRate: () => model.findLearningRate(),
  /**
   * Pins the run as A and goes on with it as B: both from A's first weights ("start") or from where it
   * stands ("here"); `saved` is A's own run (a link that holds both).
   */
  compare({ from, saved }) {
    pinned?.free();
    pinned = new Pinned(model, from, saved);
    if (from === 'start' && !saved) model.reset();
    if (testRows) pinned.model.setTestData(testRows);
    pinnedTestRows = testRows;
    sent.pinned = -1;
  },
  /** Ends Compare, keeping run A or B as the one run. */
  endCompare({ keep }) {
    if (!pinned) return;
    if (keep === 'A') {
      model.free();
      model = pinned.model;
      testRows = pinnedTestRows; // A's data came with its own test rows
      grid = new GridSlicer(model, GRID_CELLS);
    } else {
      pinned.free();
    }
    pinned = null;
  },
  /** A's saved run, for a link that holds both runs (null when not comparing). */
  pinnedSaved: () => (pinned ? JSON.parse(pinned.model.save()) : null),
  /** Starts a loss landscape through the current weights; the loop computes it, and a report brings it. */
  landscape() {
    model.landscapeStart();
    landscapeJob = { row: 0, cells: Model.limits.landscape_cells, version: model.version, lab: model.lab };
    landscapeDone = null;
  },
  export: ({ format, template }) => model.exportAs(format, template),
  /** The outputs of rows from..to, as a plain array (scripts and tests; frames carry the table's rows). */
  predict: ({ from, to }) => Array.from(model.predictions(Math.min(from, model.rows), Math.min(to, model.rows))),
  trace: () => model.trace(),
  gradientCheck: () => model.gradientCheck(),
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
    if (n < model.iteration) {
      try {
        model.restore(Math.floor(n / model.iterationsPerEpoch));
      } catch {
        model.reset();
      }
      if (model.iteration > n) model.reset();
      changed(); // behind: the history was cut, so the page gets it whole
    }
    play = n > model.iteration ? { auto: true, perFrame: MAX_PER_FRAME, owed: 0, since: performance.now(), until: n } : null;
    return model.iteration;
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

/** Loads the engine with a config and answers 'start'. @param {number} id @param {import('../common/lab.js').Config} config */
async function start(id, config) {
  try {
    model = await Model.load(config);
    grid = new GridSlicer(model, GRID_CELLS);
    const [snap, transfer] = report();
    post({ id, ok: true, value: { limits: Model.limits, defaults: Model.defaults }, report: snap }, transfer);
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
  if (!model) await starting;
  if (!model) {
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
    answer = { ok: true, value: handler(args ?? {}) };
  } catch (error) {
    const { why, ...words } = reasonOf(error);
    answer = { ok: false, error: why, ...words };
  }
  if (!TRAINING_REQUESTS.has(kind)) changed();
  pinned?.follow(model.iteration);
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
  if (view.plane) advanceGrid(play ? (frameWanted && ready ? GRID_PLAYING_MS : 0) : GRID_PAUSED_MS);
  if (landscapeJob) advanceLandscape(play ? LANDSCAPE_PLAYING_MS : LANDSCAPE_PAUSED_MS);
  longestTurn = Math.max(longestTurn, performance.now() - started);
  if (frameWanted && ready) {
    frameWanted = false;
    if (play && !play.auto) [play.owed, play.since] = [play.perFrame, performance.now()];
    tell('frame');
  } else if (!play && (boundary || landscapeDone)) {
    tell('frame'); // paused: a finished boundary or landscape is shown at once
  }
  // Playing "Iterations per frame", a frame's work done, the page's next request wakes the loop.
  if (play ? play.auto || play.owed > 0 : gridPending() || landscapeJob) wake();
};

/** One chunk of Play. @param {Play} p */
function train(p) {
  const left = p.until === undefined ? Infinity : p.until - model.iteration;
  const wanted = Math.min(p.auto ? MAX_PER_FRAME : p.owed, Math.max(1, Math.round(pace * CHUNK_MS)), left);
  if (wanted === 0) return;
  let ran;
  try {
    const started = performance.now();
    ran = model.run(wanted);
    pinned?.follow(model.iteration);
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
  if (ran < wanted && model.reachedStopLoss()) {
    play = null;
    frameWanted = false;
    tell('stopped');
  } else if (p.until !== undefined && model.iteration >= p.until) {
    play = null;
    frameWanted = false;
    tell('reached');
  }
}

/** Whether the boundary the page holds is not of these weights and this plane. */
function gridPending() {
  if (!view.plane || !planar(model.config)) return false;
  return shownBoundary.version !== model.version || shownBoundary.key !== gridKeyOf(view.plane);
}

/** @param {NonNullable<View['plane']>} plane */
const gridKeyOf = (plane) => JSON.stringify(plane);

/** Computes bands of the boundary's grid for about `ms`; a whole one is painted and waits to be sent. @param {number} ms */
function advanceGrid(ms) {
  const plane = view.plane;
  if (ms <= 0 || !plane || !gridPending()) return;
  if (play && grid.starting && performance.now() - boundarySentAt < BOUNDARY_PLAYING_MS) return;
  const key = gridKeyOf(plane);
  if (key !== gridKey) {
    gridKey = key;
    grid.restart();
  }
  // Paused, a pass that began with other weights starts again; playing, it finishes (a frame later is fine).
  if (!play) grid.restartIfStale();
  const version = grid.starting ? model.version : grid.version;
  let whole;
  try {
    whole = grid.advance(plane.extent, ms);
  } catch {
    shownBoundary = { version: model.version, key }; // nothing to draw for these weights (say, diverged)
    return;
  }
  if (!whole) return;
  const layers = model.layout.layers;
  const outputs = layers[layers.length - 1].outputs;
  const hidden = layers.slice(0, -1).reduce((n, l) => n + l.outputs, 0);
  const cells = GRID_CELLS * GRID_CELLS;
  const maps = whole.slice(0, hidden * cells);
  const outputGrid = whole.slice(hidden * cells, (hidden + outputs) * cells);
  // The features' maps only when the plane or the features changed; else the page keeps the ones it has
  // (or those of the boundary that waits to be sent, which this one replaces).
  const fKey = JSON.stringify([plane.extent, model.config.features ?? null]);
  const features = fKey === featuresKey ? (boundary?.features ?? null) : Float64Array.from(model.featureMaps(GRID_CELLS, plane.extent));
  featuresKey = fKey;
  const image = model.boundaryImage(GRID_CELLS, PLANE_PALETTE, plane.scale, plane.discrete);
  // A copy: the engine's ImageData may lie in wasm memory, which must not be transferred.
  boundary = {
    cells: GRID_CELLS,
    extent: plane.extent,
    outputs: outputGrid,
    maps,
    features,
    image: new Uint8ClampedArray(image.data),
    width: image.width,
    height: image.height,
  };
  shownBoundary = { version, key };
}
