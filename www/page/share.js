// The page's state as one JSON value, and as a link: the engine's saved run
// (config, iteration, weights, optimizer state) plus what only the page
// knows (where the test rows come from), deflated and base64url-encoded in the
// URL fragment. A state of another format is refused, never half-read.

import { t } from './i18n.js';

/** The format of states this page writes and reads. */
export const FORMAT = 1;
/** What starts a link's fragment. */
export const LINK_PREFIX = '#s=';

/**
 * @typedef {{ generator: string, points: number, noise: number, testShare: number }} PointSettings
 * The state of the page: the saved run, and where its test rows come from (a
 * point set's settings, or a dataset's name: tables.js), for they are not saved.
 * A link made while comparing holds run A too (`compare.saved`).
 * @typedef {{ app: 'backprop-lab', format: number, saved: object, points: PointSettings | null, heldOut?: string, compare?: { saved: object } }} State
 */

/** @param {Uint8Array} bytes */
function base64url(bytes) {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** @param {string} text */
function fromBase64url(text) {
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** The largest state a link may unpack to (as an imported file may be): a small link must not unpack to gigabytes. */
export const MAX_STATE_BYTES = 50_000_000;
/** The longest fragment read: far more than any state of the engine's limits packs to. */
const MAX_LINK_CHARS = 20_000_000;

/**
 * Bytes through a (de)compression stream; throws once the output passes `limit`.
 * @param {Uint8Array} bytes @param {CompressionStream | DecompressionStream} stream
 */
async function through(bytes, stream, limit = Infinity) {
  const reader = new Blob([/** @type {BlobPart} */ (bytes)]).stream().pipeThrough(stream).getReader();
  /** @type {Uint8Array[]} */
  const chunks = [];
  let size = 0;
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    size += r.value.length;
    if (size > limit) {
      await reader.cancel();
      throw new Error('too large');
    }
    chunks.push(r.value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** A state packed for a link's fragment (after "#s="). @param {State} state */
export async function packed(state) {
  return base64url(await through(new TextEncoder().encode(JSON.stringify(state)), new CompressionStream('deflate-raw')));
}

/** The link to a state: this page's address with the state in its fragment. @param {State} state */
export async function linkTo(state) {
  return `${location.origin}${location.pathname}${LINK_PREFIX}${await packed(state)}`;
}

/** Whether the address carries a state. */
export function hasLinkedState() {
  return location.hash.startsWith(LINK_PREFIX);
}

/**
 * The state in the address's fragment; throws an Error saying why it cannot
 * be read (damaged, or from another version).
 * @returns {Promise<State>}
 */
export async function linkedState() {
  return unpacked(location.hash.slice(LINK_PREFIX.length));
}

/**
 * The state a link's fragment (after "#s=") packs; throws an Error saying
 * why it cannot be read.
 * @param {string} fragment @returns {Promise<State>}
 */
export async function unpacked(fragment) {
  return checked(await unpackedText(fragment, MAX_LINK_CHARS, MAX_STATE_BYTES));
}

/**
 * The text a link's fragment packs, read chunk by chunk and given up past
 * `maxBytes`; throws an Error saying why it cannot be read.
 * @param {string} fragment @param {number} maxChars @param {number} maxBytes
 */
async function unpackedText(fragment, maxChars, maxBytes) {
  if (fragment.length > maxChars) throw new Error(t('link.too-long', { most: maxChars.toLocaleString('en') }));
  try {
    const bytes = await through(fromBase64url(fragment), new DecompressionStream('deflate-raw'), maxBytes);
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (e) {
    if (/** @type {Error} */ (e).message === 'too large') throw new Error(`the link unpacks to more than ${maxBytes / 1e6} MB`);
    throw new Error(t('link.damaged'));
  }
}

/** Where a lesson link keeps its lesson, and how large one may be. */
export const LESSON_PREFIX = '#lesson=';
const MAX_LESSON_CHARS = 2_000_000;
const MAX_LESSON_BYTES = 5_000_000;

/** The link to a lesson (lesson.js's JSON): this page with the lesson in its fragment. @param {object} lesson */
export async function lessonLink(lesson) {
  const bytes = await through(new TextEncoder().encode(JSON.stringify(lesson)), new CompressionStream('deflate-raw'));
  return `${location.origin}${location.pathname}${LESSON_PREFIX}${base64url(bytes)}`;
}

/** Whether the address carries a lesson. */
export function hasLinkedLesson() {
  return location.hash.startsWith(LESSON_PREFIX);
}

/** The lesson in the address, parsed (lesson.js checks it); throws an Error saying why it cannot be read. */
export async function linkedLesson() {
  const text = await unpackedText(location.hash.slice(LESSON_PREFIX.length), MAX_LESSON_CHARS, MAX_LESSON_BYTES);
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(t('link.lesson-not-json'));
  }
}

/**
 * A state from its JSON; throws if it is not one this page can read.
 * @param {string} text @returns {State}
 */
export function checked(text) {
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(t('link.state-not-json'));
  }
  if (
    typeof value !== 'object' ||
    value === null ||
    value.app !== 'backprop-lab' ||
    typeof value.saved !== 'object' ||
    value.saved === null
  ) {
    throw new Error(t('link.not-a-state'));
  }
  if (typeof value.format !== 'number') {
    const got =
      value.format === null
        ? 'null'
        : Array.isArray(value.format)
          ? t('link.a-list')
          : `${typeof value.format} ${JSON.stringify(value.format)}`;
    throw new Error(t('link.format-not-number', { format: FORMAT, got }));
  }
  if (value.format !== FORMAT) {
    throw new Error(t('link.other-version', { got: String(value.format), format: FORMAT }));
  }
  const p = value.points;
  if (p != null && (typeof p !== 'object' || typeof p.generator !== 'string' || ![p.points, p.noise, p.testShare].every(Number.isFinite))) {
    throw new Error(t('link.points-unreadable'));
  }
  if (
    value.compare != null &&
    (typeof value.compare !== 'object' || typeof value.compare.saved !== 'object' || value.compare.saved === null)
  ) {
    throw new Error(t('link.compare-unreadable'));
  }
  // A dataset's name (tables.js); one this page does not know opens without its test rows, and says so.
  if (value.heldOut != null && (typeof value.heldOut !== 'string' || !/^[a-z0-9-]{1,40}$/.test(value.heldOut))) {
    throw new Error(t('link.dataset-unreadable'));
  }
  return value;
}

/** Drops the state from the address (so that a reload uses the autosave). */
export function forgetLink() {
  if (location.hash) history.replaceState(null, '', location.pathname + location.search);
}
