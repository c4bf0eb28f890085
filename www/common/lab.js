// The engine's types as the page and the worker read them, its facts (limits
// and defaults, read once it is loaded), and what the page's thread asks of
// it without a run: data from CSV files, expressions, tables and point sets,
// fresh seeds, an activation's curve. The run itself is the worker's: it
// calls the engine's `Lab` directly (worker/engine-worker.js).
//
// wasm-bindgen's glue trusts the types it is given: a number or an object
// where the engine takes a string reads wasm memory it should not. Values that
// may come from a link or a file are converted before they cross.

import init, { Lab } from '../pkg/backprop_lab.js';

/**
 * @typedef {{ inputs: number[][], targets: number[][] }} Data
 * @typedef {{ kind: string, learning_rate: number, [key: string]: number | string }} OptimizerConfig
 * @typedef {{
 *   version: 1, seed: number, layers: number[], activations: string | string[], bias: boolean,
 *   init: string, loss: string, l2: number, l1?: number, features?: string[], update: { mode: string, size?: number },
 *   optimizer: OptimizerConfig, stop_loss?: number, data: Data
 * }} Config
 *
 * Where the engine keeps each layer's numbers (`Lab.layout`): offsets into
 * the parameters and gradients (the weights row by row, n_in × n_out, then
 * the biases) and into a row's values (its z values, then its a values).
 * @typedef {{ inputs: number, outputs: number, activation: string, weights_at: number, biases_at: number, values_at: number }} LayerLayout
 * How large the network is, an update (rows it reads) and an epoch (iterations), from the engine.
 * @typedef {{ sizes: number[], parameters: number, update_rows: number, iterations_per_epoch: number, input_names: string[], layers: LayerLayout[] }} Layout
 *
 * Everything the views need for one frame (the page's engine.js makes it
 * from the worker's reports).
 * @typedef {{
 *   iteration: number, epoch: number, loss: number, diverged: number | undefined,
 *   sizes: number[], layout: Layout, params: Float64Array, grads: Float64Array,
 *   row: number, input: number[], rowValues: Float64Array,
 *   nextRows: [number, number]
 * }} Frame
 *
 * Every number of the next iteration (docs/numerics.md's trace and the extras that
 * `Lab.trace` documents). Matrices are rows × neurons, weights n_in × n_out.
 * @typedef {{
 *   z: number[][], a: number[][], delta: number[][], fprime: number[][], back_sums: number[][],
 *   grad_weights: number[][], grad_biases: number[],
 *   weights_before: number[][], weights_after: number[][], biases_before: number[], biases_after: number[],
 *   step_weights: number[][], step_biases: number[]
 * }} LayerTrace
 * @typedef {{ steps: number, first: number[], second: number[] }} OptimizerMemory
 * @typedef {{
 *   iteration: number, rows: number[], loss_before: number, loss_after: number, rows_loss: number,
 *   layers: LayerTrace[], optimizer: { before: OptimizerMemory, after: OptimizerMemory }
 * }} Trace
 * @typedef {{ analytic: number[], numeric: number[], worst_relative_error: number, worst_at: number }} GradientCheck
 * @typedef {{ gradient_rms: number, weight_rms: number, dead: number | null, saturated: number | null, vanishing: boolean, exploding: boolean }} LayerHealth
 * @typedef {{ epoch: number, layers: LayerHealth[] }} HealthSample
 */

/**
 * The engine's limits (layers, neurons, rows, files, iterations, grid) and the defaults a config leaves
 * out: each optimizer's settings, the seed, a point set's settings, the presets' names (the command
 * line's `--preset` list, which lessons may name too), the side of a picture's square of inputs (the
 * digits' 8 × 8), the input features of x1, x2 in their order. Filled in by `loadEngine`.
 */
export const limits = /** @type {Record<string, number>} */ ({});
export const defaults = {
  optimizers: /** @type {Record<string, OptimizerConfig>} */ ({}),
  seed: NaN,
  points: { points: NaN, noise: NaN, test_share: NaN },
  presets: /** @type {string[]} */ ([]),
  picture_side: NaN,
  features: /** @type {string[]} */ ([]),
};

/** @type {Promise<void> | null} */
let loading = null;

/** Loads the wasm engine once and reads its facts. */
export function loadEngine() {
  return (loading ??= init().then(() => {
    const facts = JSON.parse(Lab.facts());
    Object.assign(limits, facts.limits);
    Object.assign(defaults, facts.defaults);
  }));
}

/**
 * What the page needs to word an error: its English, and its code and values when it has them (the
 * engine's `Error`, to which the engine gives `code` and `values`).
 * @param {unknown} e @returns {{ why: string, code?: string, values?: Record<string, string> }}
 */
export function reasonOf(e) {
  const error = /** @type {Error & { code?: unknown, values?: unknown }} */ (e instanceof Error ? e : new Error(String(e)));
  if (typeof error.code !== 'string') return { why: error.message };
  return { why: error.message, code: error.code, values: /** @type {Record<string, string>} */ (error.values ?? {}) };
}

/** A fresh seed from the browser's crypto (through the engine). @returns {number} */
export const freshSeed = () => Lab.freshSeed();

/**
 * An activation's f(z) and f'(z) for each z, by the engine's formulas (throws for softmax).
 * @param {string} name @param {Float64Array} z @returns {{ f: Float64Array, slope: Float64Array }}
 */
export function activationCurve(name, z) {
  const both = Lab.activationCurve(String(name), z);
  return { f: both.subarray(0, z.length), slope: both.subarray(z.length) };
}

/**
 * A real table's preset from its CSV file (see tables.js), or the Digits preset from the digits' file
 * ('digits'): its training rows and its held-out rows; throws when the text is not that file.
 * @param {string} name @param {string} text
 * @returns {{ config: Config, test: { inputs: number[][], targets: number[][] } }}
 */
export const tablePreset = (name, text) => JSON.parse(Lab.tablePreset(String(name), String(text)));

/**
 * The truth table of a Boolean expression; throws with the column of a mistake.
 * @param {string} text @returns {{ variables: string[], inputs: number[][], targets: number[][] }}
 */
export const expressionTable = (text) => JSON.parse(Lab.expressionTable(String(text)));

/**
 * A CSV file as data (targets: 0-based columns); throws with the line and column of a mistake.
 * @param {string} text @param {number[]} targets @param {boolean} normalise
 * @returns {{ names: string[], inputs: number[][], targets: number[][], stats: { name: string, mean: number, sd: number }[] | null }}
 */
export const csvData = (text, targets, normalise) => JSON.parse(Lab.csvData(String(text), Uint32Array.from(targets), Boolean(normalise)));

/**
 * A 2-D point set split into training and test rows (settings out of range throw).
 * @param {string} generator @param {number} points @param {number} noise 0–0.5 @param {number} testShare 0–0.9 @param {number} seed
 * @returns {{ train: { inputs: number[][], targets: number[][] }, test: { inputs: number[][], targets: number[][] } }}
 */
export const drawPoints = (generator, points, noise, testShare, seed) =>
  JSON.parse(Lab.points(String(generator), Number(points), Number(noise), Number(testShare), Number(seed)));

/** The hidden activation and the output activation of a config. @param {Config} config */
export function activationsOf(config) {
  const layers = config.layers.length - 1;
  const list = typeof config.activations === 'string' ? Array(layers).fill(config.activations) : config.activations;
  return { hidden: layers > 1 ? list[0] : 'sigmoid', output: list[layers - 1], list };
}

/** How many numbers a row of data has as given: x1, x2 when the network sees features of them. @param {Config} config */
export const rawWidth = (config) => (config.features ? 2 : config.layers[0]);

/** Whether the rows are points of the plane (x1, x2), so that the plane and the neurons' maps are drawn. @param {Config} config */
export const planar = (config) => rawWidth(config) === 2;

/** Makes `config` the preset's, key for key (no setting of the old one stays). @param {Config} config @param {Config} preset */
export function replaceConfig(config, preset) {
  const target = /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (config));
  for (const key of Object.keys(target)) delete target[key];
  Object.assign(target, preset);
}
