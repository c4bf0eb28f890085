// The page ↔ engine-worker protocol, written once: every message kind, and
// the checks that each side makes of what it receives. engine.js (the page's
// side) and engine-worker.js (the worker's) both import it; a message that
// is not of this protocol is reported, never acted on and never thrown.
//
//   page → worker   { id, kind, args }                      a request (kind: REQUESTS), answered once
//                   { kind: 'frame', args: View }           "the next frame, please" (while playing)
//   worker → page   { id, ok: true, value, snapshot }       a request's answer
//                   { id, ok: false, error, snapshot? }     a request refused (nothing changed)
//                   { event, snapshot, message? }           unasked (event: EVENTS)
//                   { event: 'alive' }                      the answer to 'ping' (the page's watchdog)

/** Every request the worker answers (its `handlers`, with 'start'). */
export const REQUESTS = /** @type {const} */ ([
  'start',
  'ping',
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

/** Requests that only train or read (the page's history grows by a tail); every other one changes the run. */
export const TRAINING_REQUESTS = new Set([
  'ping',
  'step',
  'stepEpoch',
  'run',
  'play',
  'trainTo',
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

/** Unasked messages of the worker: a frame, Play stopped by itself (stop loss, Train to's end, an error), a replay adopted, alive. */
export const EVENTS = /** @type {const} */ (['frame', 'stopped', 'reached', 'failed', 'changed', 'alive']);

/** @typedef {(typeof REQUESTS)[number]} RequestKind @typedef {(typeof EVENTS)[number]} EventKind */

/** @param {unknown} v @returns {v is Record<string, any>} */
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether a snapshot carries its counters (the rest is optional). @param {unknown} s */
function isSnapshot(s) {
  return isObject(s) && ['version', 'iteration', 'epoch', 'loss'].every((k) => typeof s[k] === 'number');
}

/**
 * What the page received, checked: an answer, an event, or why it is not of the protocol.
 * @param {unknown} data
 * @returns {{ kind: 'answer', id: number, ok: boolean, value: unknown, error: string, snapshot: any }
 *   | { kind: 'event', event: EventKind, snapshot: any, message: string | undefined }
 *   | { kind: 'unknown', why: string }}
 */
export function fromWorker(data) {
  if (!isObject(data)) return { kind: 'unknown', why: `expected an object, got ${data === null ? 'null' : typeof data}` };
  if (data.snapshot !== undefined && !isSnapshot(data.snapshot)) return { kind: 'unknown', why: 'its snapshot lacks the counters' };
  if (data.id !== undefined) {
    if (!Number.isSafeInteger(data.id) || typeof data.ok !== 'boolean') return { kind: 'unknown', why: 'an answer needs a whole-number id and ok' };
    if (!data.ok && typeof data.error !== 'string') return { kind: 'unknown', why: 'a refusal needs its error' };
    return { kind: 'answer', id: data.id, ok: data.ok, value: data.value, error: data.error ?? '', snapshot: data.snapshot };
  }
  if (!EVENTS.includes(data.event)) return { kind: 'unknown', why: `no event is called ${JSON.stringify(String(data.event)).slice(0, 40)}` };
  if (data.event !== 'alive' && data.snapshot === undefined) return { kind: 'unknown', why: `a "${data.event}" event needs a snapshot` };
  if (data.message !== undefined && typeof data.message !== 'string') return { kind: 'unknown', why: 'an event\'s message must be text' };
  return { kind: 'event', event: data.event, snapshot: data.snapshot, message: data.message };
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
  if (!REQUESTS.includes(data.kind)) return { kind: 'unknown', id, why: `the engine has no request ${JSON.stringify(String(data.kind)).slice(0, 40)}` };
  if (id === undefined) return { kind: 'unknown', id, why: `a "${data.kind}" request needs a whole-number id` };
  return { kind: data.kind, id, args: data.args ?? {} };
}
