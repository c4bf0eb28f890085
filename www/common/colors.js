// One palette for the whole page: a diverging scale for every signed number
// (blue negative, grey near zero, orange positive; safe for colour-blind
// readers) and one sequential scale (viridis) for activations.

/** @typedef {[number, number, number]} RGB */

/** @type {RGB} */ const BLUE = [47, 109, 181];
/** @type {RGB} */ const ORANGE = [224, 123, 16];
/** @type {RGB} */ const GREY = [185, 190, 199];

/** Viridis stops, dark to bright. @type {RGB[]} */
const VIRIDIS = [
  [68, 1, 84],
  [59, 82, 139],
  [33, 145, 140],
  [94, 201, 98],
  [253, 231, 37],
];

/** @param {RGB} a @param {RGB} b @param {number} t */
function mix(a, b, t) {
  return a.map((v, i) => Math.round(v + (b[i] - v) * t));
}

/** @param {number[]} c @param {number} [alpha] */
function css(c, alpha = 1) {
  return alpha === 1 ? `rgb(${c[0]} ${c[1]} ${c[2]})` : `rgb(${c[0]} ${c[1]} ${c[2]} / ${alpha})`;
}

/**
 * The colour of a signed value: grey at 0, full blue or orange at ±scale.
 * @param {number} value @param {number} scale
 */
export function diverging(value, scale) {
  if (!Number.isFinite(value)) return 'rgb(220 0 0)';
  const t = Math.min(1, Math.abs(value) / (scale || 1));
  return css(mix(GREY, value < 0 ? BLUE : ORANGE, Math.sqrt(t)));
}

/** The colour of t in [0, 1] on the sequential scale, as [r, g, b] (red when not finite). @param {number} t @returns {number[]} */
export function sequentialRGB(t) {
  if (!Number.isFinite(t)) return [220, 0, 0];
  const x = Math.min(1, Math.max(0, t)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(x));
  return mix(VIRIDIS[i], VIRIDIS[i + 1], x - i);
}

/** The colour of t in [0, 1] on the sequential scale. @param {number} t */
export function sequential(t) {
  return css(sequentialRGB(t));
}

/** A translucent red for an error of size t in [0, 1] (table tints). @param {number} t */
export function errorTint(t) {
  const x = Math.min(1, Math.max(0, t));
  return css([214, 69, 65], 0.08 + 0.5 * x);
}

/**
 * The RGB of t in [−1, 1] on the diverging scale, for pixel maps (light at 0
 * so that points drawn on top stay visible).
 * @param {number} t @returns {RGB}
 */
export function divergingRGB(t) {
  if (!Number.isFinite(t)) return [220, 0, 0];
  const x = Math.min(1, Math.abs(t));
  return /** @type {RGB} */ (mix([245, 246, 248], t < 0 ? BLUE : ORANGE, x * 0.85));
}

/**
 * Writes divergingRGB(t) into pixel i of an ImageData's data, without
 * allocating (maps have tens of thousands of pixels).
 * @param {Uint8ClampedArray} data @param {number} i @param {number} t
 */
export function divergingInto(data, i, t) {
  const at = 4 * i;
  if (!Number.isFinite(t)) {
    data[at] = 220;
    data[at + 1] = 0;
    data[at + 2] = 0;
  } else {
    const x = 0.85 * Math.min(1, Math.abs(t));
    const end = t < 0 ? BLUE : ORANGE;
    data[at] = 245 + (end[0] - 245) * x;
    data[at + 1] = 246 + (end[1] - 246) * x;
    data[at + 2] = 248 + (end[2] - 248) * x;
  }
  data[at + 3] = 255;
}

/** Class colours for several outputs (blue, orange, then a few more). @type {RGB[]} */
export const CLASS_COLORS = [BLUE, ORANGE, [46, 160, 67], [152, 78, 163], [200, 60, 60], [120, 120, 120]];

/** @param {RGB} c @param {number} [alpha] */
export function rgbCss(c, alpha = 1) {
  return css(c, alpha);
}

/**
 * The decision boundary's palette for the engine, which paints the map
 * (`Lab.boundaryImage`): the light middle, blue, orange, then the class colours.
 */
export const PLANE_PALETTE = Uint8Array.from([245, 246, 248, ...BLUE, ...ORANGE, ...CLASS_COLORS.flat()]);
