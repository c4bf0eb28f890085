// The page's state as one JSON value, and as a link: the engine's saved run
// (config, iteration, weights, optimizer state) plus what only the page
// knows (the point set's settings), deflated and base64url-encoded in the
// URL fragment. A state of another format is refused, never half-read.

/** The format of states this page writes and reads. */
export const FORMAT = 1;
const PREFIX = '#s=';

/**
 * @typedef {{ generator: string, points: number, noise: number, testShare: number }} PointSettings
 * @typedef {{ app: 'backprop-lab', format: number, saved: object, points: PointSettings | null }} State
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

/** @param {Uint8Array} bytes @param {CompressionStream | DecompressionStream} stream */
async function through(bytes, stream) {
  const body = new Blob([/** @type {BlobPart} */ (bytes)]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(body).arrayBuffer());
}

/** The link to a state: this page's address with the state in its fragment. @param {State} state */
export async function linkTo(state) {
  const packed = await through(new TextEncoder().encode(JSON.stringify(state)), new CompressionStream('deflate-raw'));
  return `${location.origin}${location.pathname}${PREFIX}${base64url(packed)}`;
}

/** Whether the address carries a state. */
export function hasLinkedState() {
  return location.hash.startsWith(PREFIX);
}

/**
 * The state in the address's fragment; throws an Error saying why it cannot
 * be read (damaged, or from another version).
 * @returns {Promise<State>}
 */
export async function linkedState() {
  let text;
  try {
    const bytes = await through(fromBase64url(location.hash.slice(PREFIX.length)), new DecompressionStream('deflate-raw'));
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new Error('the link is damaged (it could not be unpacked)');
  }
  return checked(text);
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
    throw new Error('the state is damaged (not JSON)');
  }
  if (!value || value.app !== 'backprop-lab' || typeof value.saved !== 'object' || value.saved === null) {
    throw new Error('this is not a Backprop Lab state');
  }
  if (value.format !== FORMAT) {
    throw new Error(`it comes from another version of Backprop Lab (format ${String(value.format)}; this page reads ${FORMAT})`);
  }
  return value;
}

/** Drops the state from the address (so that a reload uses the autosave). */
export function forgetLink() {
  if (location.hash) history.replaceState(null, '', location.pathname + location.search);
}
