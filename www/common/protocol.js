// The page ↔ engine-worker protocol, written once: every message kind, and
// the checks that each side makes of what it receives. engine.js (the page's
// side) and engine-worker.js (the worker's) both import it; a message that
// is not of this protocol is reported, never acted on and never thrown.
//
//   page → worker   { id, kind, args }                      a request (kind: REQUESTS), answered once
//                   { kind: 'frame', args: View }           "the next frame, please" (while playing)
//   worker → page   { id, ok: true, value, report }       a request's answer
//                   { id, ok: false, error, code?, values?, report? }
//                                                         a request refused (nothing changed): its English,
//                                                         and the code and values the page words it by
//                   { event, report, message?, code?, values? }
//                                                         unasked (event: EVENTS)

// The payloads: what the page shows (View), and the report each answer and event brings.
/**
 * @typedef {import('./lab.js').Config} Config
 * @typedef {import('./lab.js').Layout} Layout
 * @typedef {import('./lab.js').Trace} Trace
 * @typedef {import('./lab.js').GradientCheck} GradientCheck
 *
 * What the page shows, which decides what a report holds: the selected
 * row, the table's rows in view [from, to), the plane (its extent and the
 * colour scale of a linear output) if shown, whether the inspector needs the
 * next iteration's trace and gradient check, whether the loss chart is due,
 * the question asked of the network (an input that is not a data row).
 * @typedef {{
 *   row: number, rows: [number, number],
 *   plane: { extent: { xmin: number, xmax: number, ymin: number, ymax: number }, scale: number, discrete: boolean } | null,
 *   trace: boolean, check: boolean, history: boolean, question: number[] | null, confusion: boolean, health: boolean,
 *   curve: { layer: number, neuron: number } | null
 * }} View
 *
 * @typedef {{ from: number, epochs: Float64Array, losses: Float64Array }} HistoryPart
 * @typedef {{
 *   cells: number, extent: { xmin: number, xmax: number, ymin: number, ymax: number },
 *   outputs: Float64Array, maps: Float64Array, image: Uint8ClampedArray, width: number, height: number,
 *   features: Float64Array | null
 * }} Boundary
 * (`features`: the input features' maps, feature by feature, empty without features; null from the
 * worker when they are those it sent last, which the page's mirror keeps.)
 *
 * One report: the counters always, the rest only when it changed since the last.
 * @typedef {{
 *   version: number, iteration: number, epoch: number, loss: number, diverged: number | undefined,
 *   handEdited: boolean, memoryBytes: number, playing: boolean, longestTurnMs: number,
 *   accuracy?: number, testLoss?: number, testAccuracy?: number, rSquared?: number, testRSquared?: number,
 *   config?: Config, layout?: Layout,
 *   params?: Float64Array, grads?: Float64Array, nextRows?: [number, number],
 *   row?: number, rowValues?: Float64Array, rowInput?: number[],
 *   predictions?: { from: number, to: number, values: Float64Array },
 *   history?: HistoryPart, testHistory?: HistoryPart,
 *   boundary?: Boundary,
 *   trace?: { version: number, trace: Trace | null } & Reason,
 *   check?: { version: number, check: GradientCheck | null } & Reason,
 *   asked?: Asked, curve?: Curve, confusion?: Confusion, health?: import('./lab.js').HealthSample[], landscape?: Landscape,
 *   pinned?: PinnedPart | null
 * }} Report
 *
 * Counts of [true class][predicted class] (k × k, row by row) on the training
 * rows and the test rows (null without them), and the first misclassified test rows.
 * Compare's run A: its config, counters, weights and loss history (its training stopped if `failed`).
 * @typedef {{
 *   config: Config, iteration: number, loss: number, params: Float64Array, failed: string,
 *   history: { epochs: Float64Array, losses: Float64Array }, testHistory: { epochs: Float64Array, losses: Float64Array } | null
 * }} PinnedRun
 * What a report brings of A: its config only the first time.
 * @typedef {Omit<PinnedRun, 'config'> & { config?: Config }} PinnedPart
 * A loss landscape: cells × cells losses (rows from β = −1), the run's path as (α, β) pairs, and where the run stood.
 * @typedef {{ cells: number, losses: Float64Array, path: Float64Array, iteration: number, loss: number, version: number }} Landscape
 * @typedef {{ classes: number, train: number[], test: number[] | null, wrong: { row: number, input: number[], actual: number, predicted: number }[] }} Confusion
 *
 * A neuron's z (weight layer from 0) for each row the next update uses (rows from..to), or why there are none.
 * @typedef {{ layer: number, neuron: number, rows: [number, number], z: Float64Array, why: string }} Curve
 * The question's values through every layer (as a row's), or why there are none.
 * @typedef {{ question: number[], input: number[], values: Float64Array | null, why: string }} Asked
 * @typedef {{ why: string, code?: string, values?: Record<string, string> }} Reason why the engine did not
 *   do something: its English, and (for the page to word it) a catalogue key and the values that fill it
 */

/** Every request the worker answers (its `handlers`, with 'start'). */
export const REQUESTS = /** @type {const} */ ([
  'start',
  'change',
  'testData',
  'step',
  'stepEpoch',
  'run',
  'reset',
  'setParam',
  'restore',
  'open',
  'save',
  'findLearningRate',
  'compare',
  'endCompare',
  'pinnedSaved',
  'landscape',
  'export',
  'predict',
  'trace',
  'gradientCheck',
  'play',
  'speed',
  'pause',
  'trainTo',
  'view',
]);

/** Requests that only read the run or set how Play goes: nothing of the run changes (the worker counts every other one as a change). */
export const READING_REQUESTS = new Set([
  'play',
  'speed',
  'pause',
  'view',
  'save',
  'export',
  'findLearningRate',
  'landscape',
  'pinnedSaved',
  'predict',
  'trace',
  'gradientCheck',
]);

/** Requests that only train or read (the page's history grows by a tail); every other one changes the run. */
export const TRAINING_REQUESTS = new Set([...READING_REQUESTS, 'step', 'stepEpoch', 'run', 'trainTo']);

/**
 * Requests that are one engine call which may take seconds on the largest
 * networks (or the scripts' `run` of many iterations): the page's watchdog
 * allows them more silence (engine.js's SLOW_STALL_MS).
 */
export const SLOW_REQUESTS = new Set(['start', 'run', 'open', 'findLearningRate', 'export']);

/** Unasked messages of the worker: a frame, Play stopped by itself (stop loss, Train to's end, an error), a replay adopted. */
export const EVENTS = /** @type {const} */ (['frame', 'stopped', 'reached', 'failed', 'changed']);

/** @typedef {(typeof REQUESTS)[number]} RequestKind @typedef {(typeof EVENTS)[number]} EventKind */

/** @param {unknown} v @returns {v is Record<string, any>} */
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether a report carries its counters (the rest is optional). @param {unknown} s */
function isReport(s) {
  return isObject(s) && ['version', 'iteration', 'epoch', 'loss'].every((k) => typeof s[k] === 'number');
}

/**
 * What the page received, checked: an answer, an event, or why it is not of the protocol.
 * @param {unknown} data
 * @returns {{ kind: 'answer', id: number, ok: boolean, value: unknown, error: string, words: Words, report: any }
 *   | { kind: 'event', event: EventKind, report: any, message: string | undefined, words: Words }
 *   | { kind: 'unknown', why: string }}
 */
export function fromWorker(data) {
  if (!isObject(data)) return { kind: 'unknown', why: `expected an object, got ${data === null ? 'null' : typeof data}` };
  if (data.report !== undefined && !isReport(data.report)) return { kind: 'unknown', why: 'its report lacks the counters' };
  if (data.id !== undefined) {
    if (!Number.isSafeInteger(data.id) || typeof data.ok !== 'boolean')
      return { kind: 'unknown', why: 'an answer needs a whole-number id and ok' };
    if (!data.ok && typeof data.error !== 'string') return { kind: 'unknown', why: 'a refusal needs its error' };
    return {
      kind: 'answer',
      id: data.id,
      ok: data.ok,
      value: data.value,
      error: data.error ?? '',
      words: wordsOf(data),
      report: data.report,
    };
  }
  if (!EVENTS.includes(data.event))
    return { kind: 'unknown', why: `no event is called ${JSON.stringify(String(data.event)).slice(0, 40)}` };
  if (data.report === undefined) return { kind: 'unknown', why: `a "${data.event}" event needs a report` };
  if (data.message !== undefined && typeof data.message !== 'string') return { kind: 'unknown', why: "an event's message must be text" };
  return { kind: 'event', event: data.event, report: data.report, message: data.message, words: wordsOf(data) };
}

/**
 * A refusal's code and values, when they are well formed (else none: the page shows the English).
 * @typedef {{ code?: string, values?: Record<string, string> }} Words
 * @param {Record<string, unknown>} data @returns {Words}
 */
function wordsOf(data) {
  const { code, values } = data;
  if (typeof code !== 'string' || !/^[a-z0-9.-]{1,60}$/.test(code)) return {};
  if (!isObject(values) || !Object.values(values).every((v) => typeof v === 'string')) return { code };
  return { code, values: /** @type {Record<string, string>} */ (values) };
}

/**
 * What the worker received, checked: a request, or why it is not one.
 * @param {unknown} data
 * @returns {{ kind: RequestKind | 'frame', id: number | undefined, args: any } | { kind: 'unknown', id: number | undefined, why: string }}
 */
export function fromPage(data) {
  const id = isObject(data) && Number.isSafeInteger(data.id) ? /** @type {number} */ (data.id) : undefined;
  if (!isObject(data)) return { kind: 'unknown', id, why: `expected an object, got ${data === null ? 'null' : typeof data}` };
  if (data.args !== undefined && !isObject(data.args)) return { kind: 'unknown', id, why: 'its arguments must be an object' };
  if (data.kind === 'frame') return { kind: 'frame', id: undefined, args: data.args ?? {} };
  if (!REQUESTS.includes(data.kind))
    return { kind: 'unknown', id, why: `the engine has no request ${JSON.stringify(String(data.kind)).slice(0, 40)}` };
  if (id === undefined) return { kind: 'unknown', id, why: `a "${data.kind}" request needs a whole-number id` };
  return { kind: data.kind, id, args: data.args ?? {} };
}
