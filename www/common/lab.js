// The only module that talks to the wasm engine. A `Model` trains in the
// engine's worker (engine-worker.js), the only place one is made; the page's
// thread uses the static helpers (data from CSV, expressions and point sets,
// limits, defaults, fresh seeds). It parses the engine's JSON,
// hands on the Float64Array views of engine memory that the engine builds
// (with its layout, limits and defaults, so nothing here recomputes them), and
// passes its errors on as Error objects whose messages a person can act on.

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
 * Everything the views need for one frame. From `Model.frame` (in the
 * worker) the Float64Arrays are views into wasm memory, to read before the
 * next call into the engine; the page's frames (engine.js) hold copies.
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

let loaded = false;

/** Loads the wasm module once. */
async function loadEngine() {
  if (!loaded) {
    await init();
    loaded = true;
  }
}

// wasm-bindgen's glue trusts the types it is given: a number or an object
// where the engine takes a string reads wasm memory it should not. Values that
// may come from a link or a file are converted before they cross.

/**
 * The page's limits on work that is one engine call and so cannot be cut
 * into slices: none may hold the tab for much more than 100 ms on a slow
 * machine. Each is refused with a message before the work starts. Measured
 * (README, "Reliability") at about 5·10⁸ row·parameters a second of training
 * and 10⁶ numbers a second of trace on a 2-core machine.
 */
const LIMITS = {
  /** Rows × parameters: an epoch of full-batch training, or the loss over all rows. */
  work: 20_000_000,
  /** Parameters² × the update's rows: the gradient check's two passes per parameter. */
  gradientCheck: 20_000_000,
  /** Numbers in one iteration's trace (every z, a, δ, f', Σwδ and parameter). */
  trace: 150_000,
};

/** @param {number} n */
const count = (n) => Math.round(n).toLocaleString('en');

/** The engine's NaN for "none" as undefined. @param {number} x */
const defined = (x) => (Number.isNaN(x) ? undefined : x);

/** The engine's history, its epochs then as many losses, as the two halves. @param {Float64Array} both */
function halves(both) {
  const n = both.length / 2;
  return { epochs: both.subarray(0, n), losses: both.subarray(n) };
}

/**
 * A refusal the page words in its language: its English `message`, and a `code` (a key of the page's
 * catalogues) with the `values` that fill it.
 */
export class Refusal extends Error {
  /** @param {string} code @param {Record<string, string>} values @param {string} message */
  constructor(code, values, message) {
    super(message);
    this.code = code;
    this.values = values;
  }
}

/**
 * What the page needs to word an error: its English, and its code and values when it has them (a
 * `Refusal`, or the engine's `Error`, to which the engine gives `code` and `values`).
 * @param {unknown} e @returns {{ why: string, code?: string, values?: Record<string, string> }}
 */
export function reasonOf(e) {
  const error = /** @type {Error & { code?: unknown, values?: unknown }} */ (asError(e));
  if (typeof error.code !== 'string') return { why: error.message };
  return { why: error.message, code: error.code, values: /** @type {Record<string, string>} */ (error.values ?? {}) };
}

/** @param {unknown} error */
function asError(error) {
  return error instanceof Error ? error : new Error(String(error));
}

export class Model {
  /** @param {Lab} lab */
  constructor(lab) {
    this.lab = lab;
    /** @type {Config} */
    this.config = JSON.parse(lab.config());
    /** @type {Layout} */
    this.layout = JSON.parse(lab.layout());
    /** Counts changes of the model: what was read of it is stale when this moved. */
    this.version = 0;
  }

  /** The engine's limits (layers, neurons, rows, files, iterations, grid). @type {Record<string, number>} */
  static limits = {};
  /**
   * The engine's defaults: each optimizer's settings, the seed, a point set's settings, the
   * presets' names (the command line's `--preset` list, which lessons may name too), and the side
   * of a picture's square of inputs (the digits' 8 × 8), the input features of x1, x2 in their
   * order. Read once the engine is loaded.
   * @type {{ optimizers: Record<string, OptimizerConfig>, seed: number, points: { points: number, noise: number, test_share: number }, presets: string[], picture_side: number, features: string[] }}
   */
  static defaults = {
    optimizers: {},
    seed: NaN,
    points: { points: NaN, noise: NaN, test_share: NaN },
    presets: /** @type {string[]} */ ([]),
    picture_side: NaN,
    features: /** @type {string[]} */ ([]),
  };

  /** A model of a config: the engine's worker's. @param {Config} config */
  static async load(config) {
    await Model.loadHelpers();
    try {
      return new Model(new Lab(JSON.stringify(config)));
    } catch (e) {
      throw asError(e);
    }
  }

  /**
   * A model standing where a saved run stood (the engine is loaded: the worker's second model, Compare's A).
   * @param {object} saved
   */
  static copy(saved) {
    try {
      const model = new Model(new Lab(JSON.stringify({ ...saved, iteration: undefined, weights: undefined, optimizer_state: undefined })));
      model.loadSaved(saved);
      return model;
    } catch (e) {
      throw asError(e);
    }
  }

  /** Loads the engine for the static helpers alone (the page's thread: data, limits, defaults, seeds). */
  static async loadHelpers() {
    await loadEngine();
    const facts = JSON.parse(Lab.facts());
    Model.limits = facts.limits;
    Model.defaults = facts.defaults;
  }

  /** A fresh seed from the browser's crypto (through the engine). @returns {number} */
  static freshSeed() {
    try {
      return Lab.freshSeed();
    } catch (e) {
      throw asError(e);
    }
  }

  /** After the engine took a new config or file: its config and layout, read once. */
  #changed() {
    this.config = JSON.parse(this.lab.config());
    this.layout = JSON.parse(this.lab.layout());
    this.version++;
  }

  /**
   * Replaces the config; throws (changing nothing) if the engine refuses it.
   * Returns whether training went on from the current weights.
   * @param {Config} config
   */
  setConfig(config) {
    let kept;
    try {
      kept = this.lab.setConfig(JSON.stringify(config), LIMITS.work);
    } catch (e) {
      throw asError(e);
    }
    this.#changed();
    return kept;
  }

  step() {
    this.version++;
    try {
      this.lab.step();
    } catch (e) {
      throw asError(e);
    }
  }

  stepEpoch() {
    this.version++;
    try {
      this.lab.stepEpoch();
    } catch (e) {
      throw asError(e);
    }
  }

  /**
   * Up to n iterations, in chunks, stopping once about `ms` milliseconds have
   * passed; returns how many ran (fewer also at stop_loss).
   * @param {number} n @param {number} ms
   */
  runFor(n, ms) {
    const started = performance.now();
    let [ran, chunk] = [0, 1];
    while (ran < n) {
      const at = performance.now();
      const want = Math.min(chunk, n - ran);
      const did = this.run(want);
      ran += did;
      const now = performance.now();
      if (did < want || now - started >= ms) break;
      // Fill what is left of the time at this chunk's speed; grow at most 4×.
      const perIteration = Math.max((now - at) / did, 1e-4);
      chunk = Math.max(1, Math.min(4 * chunk, Math.floor((ms - (now - started)) / perIteration)));
    }
    return ran;
  }

  /** A second engine at the seed of a config (JSON), for work beside this one. @param {string} config */
  sibling(config) {
    try {
      return new Model(new Lab(config));
    } catch (e) {
      throw asError(e);
    }
  }

  /** Frees the engine's memory (the model is spent). */
  free() {
    this.lab.free();
  }

  /** Takes over another model's engine (the other is spent). @param {Model} other */
  adopt(other) {
    this.lab.free();
    this.lab = other.lab;
    this.#changed();
  }

  /** Up to n iterations; returns how many ran (fewer at stop_loss). @param {number} n */
  run(n) {
    this.version++;
    try {
      return this.lab.run(n);
    } catch (e) {
      throw asError(e);
    }
  }

  reset() {
    this.lab.reset();
    this.version++;
  }

  /** Every number of the next iteration, without performing it. @returns {Trace} */
  trace() {
    const { update_rows: rows, parameters, sizes } = this.layout;
    const neurons = sizes.reduce((a, b) => a + b, 0);
    const numbers = 5 * rows * neurons + 6 * parameters;
    if (numbers > LIMITS.trace) {
      const values = { numbers: count(numbers), rows: count(rows), neurons: count(neurons), most: count(LIMITS.trace) };
      throw new Refusal(
        'limits.trace',
        values,
        `This iteration has about ${values.numbers} numbers (${values.rows} rows × ${values.neurons} neurons, and every parameter), ` +
          `more than the inspector shows at once (${values.most}): choose mini-batches or one row at a time, or a smaller network`,
      );
    }
    try {
      return JSON.parse(this.lab.trace());
    } catch (e) {
      throw asError(e);
    }
  }

  /** Backpropagation against finite differences for the next iteration. @returns {GradientCheck} */
  gradientCheck() {
    const { parameters: params, update_rows: rows } = this.layout;
    if (params * params * rows > LIMITS.gradientCheck) {
      const values = { parameters: count(params), rows: count(rows) };
      throw new Refusal(
        'limits.check',
        values,
        `the check runs the network twice per parameter: ${values.parameters} parameters on ${values.rows} rows ` +
          'is too much work for the page; try a smaller network or mini-batches',
      );
    }
    try {
      return JSON.parse(this.lab.gradientCheck());
    } catch (e) {
      throw asError(e);
    }
  }

  /** Sets parameter `index` (flat layout) by hand; throws, changing nothing, if refused. @param {number} index @param {number} value */
  setParam(index, value) {
    try {
      this.lab.setParam(index, value);
    } catch (e) {
      throw asError(e);
    }
    this.version++;
  }

  get handEdited() {
    return this.lab.counters()[6] === 1;
  }

  /** Goes back to the latest kept epoch at or before `epoch`; returns the epoch restored. @param {number} epoch */
  restore(epoch) {
    let restored;
    try {
      restored = this.lab.restore(epoch);
    } catch (e) {
      throw asError(e);
    }
    this.version++;
    return restored;
  }

  /** The engine's memory in bytes (its views all share it). */
  get memoryBytes() {
    return this.lab.params().buffer.byteLength;
  }

  get iteration() {
    return this.lab.counters()[0];
  }

  /** Complete passes over all rows so far. */
  get epoch() {
    return this.lab.counters()[1];
  }

  /** A copy of the parameters (a buffer the page can take over). */
  paramsCopy() {
    return this.lab.params().slice();
  }

  /** The reported loss: all rows, the current weights. */
  get loss() {
    return this.lab.loss();
  }

  reachedStopLoss() {
    return this.lab.reachedStopLoss();
  }

  /** The loss history: its epochs and their losses. */
  history() {
    return halves(this.lab.history(false));
  }

  /**
   * An input that is not a data row through the network: per layer its z
   * values then its a values, as `frame`'s rowValues (a view: read before the next call).
   * @param {number[]} input
   */
  forwardInput(input) {
    try {
      return this.lab.forwardInput(Float64Array.from(input, Number));
    } catch (e) {
      throw asError(e);
    }
  }

  /** What the network sees of a row as given: its features of x1, x2, or the row itself. @param {number[]} raw */
  networkInput(raw) {
    return this.config.features ? Array.from(this.lab.networkInput(Float64Array.from(raw, Number))) : raw;
  }

  /**
   * Each input feature's map over the plane (cells × cells, feature by feature), empty without features.
   * @param {number} cells @param {{ xmin: number, xmax: number, ymin: number, ymax: number }} extent
   */
  featureMaps(cells, extent) {
    return this.lab.featureMaps(cells, Float64Array.of(extent.xmin, extent.xmax, extent.ymin, extent.ymax));
  }

  /** The z of neuron `neuron` of weight layer `layer` (from 0) for each row the next update uses. @param {number} layer @param {number} neuron */
  neuronZ(layer, neuron) {
    try {
      return this.lab.neuronZ(layer, neuron);
    } catch (e) {
      throw asError(e);
    }
  }

  /**
   * An activation's f(z) and f'(z) for each z, by the engine's formulas (throws for softmax).
   * @param {string} name @param {Float64Array} z @returns {{ f: Float64Array, slope: Float64Array }}
   */
  static activationCurve(name, z) {
    try {
      const both = Lab.activationCurve(name, z);
      return { f: both.subarray(0, z.length), slope: both.subarray(z.length) };
    } catch (e) {
      throw asError(e);
    }
  }

  /** Training iterations in one epoch (one pass over the rows). */
  get iterationsPerEpoch() {
    return this.layout.iterations_per_epoch;
  }

  /** The number of training rows. */
  get rows() {
    return this.lab.counters()[2];
  }

  /**
   * One read of everything the views draw, for the selected data row.
   * @param {number} row
   * @returns {Frame}
   */
  frame(row) {
    const lab = this.lab;
    const [iteration, epoch, rows, nextFrom, nextTo, diverged] = lab.counters();
    const selected = Math.min(Math.max(row, 0), rows - 1);
    const loss = lab.loss();
    const input = this.networkInput(this.config.data.inputs[selected]);
    const rowValues = lab.forwardRow(selected);
    // Views last until the next call that may grow memory; none follows.
    return {
      iteration,
      epoch,
      loss,
      diverged: Number.isNaN(diverged) ? undefined : diverged,
      sizes: this.layout.sizes,
      layout: this.layout,
      params: lab.params(),
      grads: lab.grads(),
      row: selected,
      input,
      rowValues,
      nextRows: [nextFrom, nextTo],
    };
  }

  /** The run as docs/numerics.md's config plus "iteration", "weights" and "optimizer_state" (JSON). */
  save() {
    return new TextDecoder().decode(this.lab.exportAs('json'));
  }

  /**
   * The run as a file of `format` ("json", "numpy", "pytorch", "onnx": the
   * command line's `export` writes the same bytes); throws with why (a run
   * that diverged has only its JSON).
   * @param {string} format @param {string} [template] a script's template (fetched by the page)
   * @returns {Uint8Array}
   */
  exportAs(format, template) {
    try {
      return this.lab.exportAs(format, template);
    } catch (e) {
      throw asError(e);
    }
  }

  /** Stands where a saved run (or a plain config) stood; throws, changing nothing, if refused. @param {object} saved */
  loadSaved(saved) {
    try {
      this.lab.loadSaved(JSON.stringify(saved), LIMITS.work);
    } catch (e) {
      throw asError(e);
    }
    this.#changed();
  }

  /** The share of rows classified right, or undefined when the targets are not classes. */
  accuracy() {
    return defined(this.lab.fit(false)[0]);
  }

  /**
   * Each weight layer's gradient health: RMS of ∂L/∂W and of W, dead ReLU and saturated shares, flags.
   * @returns {LayerHealth[]}
   */
  health() {
    return JSON.parse(this.lab.health());
  }

  /**
   * The learning-rate finder, in a copy of where the run stands: the rates tried, the loss after each, a suggestion.
   * @returns {{ rates: number[], losses: (number | null)[], suggested: number | null }}
   */
  findLearningRate() {
    return JSON.parse(this.lab.findLearningRate());
  }

  /** Starts a loss landscape through the current weights. */
  landscapeStart() {
    this.lab.landscapeStart();
  }

  /** Whether a landscape was started on the network there now (a network of other sizes needs its own). */
  landscapeFits() {
    return this.lab.landscapeFits();
  }

  /**
   * Computes the landscape's grid rows from..to; the whole grid so far (NaN where not yet computed), a view.
   * @param {number} from @param {number} to @returns {Float64Array}
   */
  landscapeRows(from, to) {
    return this.lab.landscapeRows(from, to);
  }

  /** The run's path on the landscape's plane: (α, β) pairs. @returns {Float64Array} */
  landscapePath() {
    return this.lab.landscapePath();
  }

  /** How well the rows' numbers are fitted (R²), or undefined when the targets are classes. */
  rSquared() {
    return defined(this.lab.fit(false)[1]);
  }

  /** The same over the test rows, or undefined without them. */
  testRSquared() {
    return defined(this.lab.fit(true)[1]);
  }

  /**
   * A real table's preset from its CSV file (see tables.js): its training rows and its held-out quarter.
   * @param {string} name @param {string} text
   * @returns {{ config: Config, test: { inputs: number[][], targets: number[][] } }}
   */
  static tablePreset(name, text) {
    try {
      return JSON.parse(Lab.tablePreset(String(name), String(text)));
    } catch (e) {
      throw asError(e);
    }
  }

  /**
   * The Digits preset (its training images) and its held-out images, made by the engine from the
   * digits' file (the page fetches it); throws when the text is not that file.
   * @param {string} text @returns {{ config: Config, test: { inputs: number[][], targets: number[][] } }}
   */
  static digits(text) {
    try {
      return JSON.parse(Lab.tablePreset('digits', String(text)));
    } catch (e) {
      throw asError(e);
    }
  }

  /**
   * The truth table of a Boolean expression; throws with the column of a mistake.
   * @param {string} text @returns {{ variables: string[], inputs: number[][], targets: number[][] }}
   */
  static expressionTable(text) {
    try {
      return JSON.parse(Lab.expressionTable(String(text)));
    } catch (e) {
      throw asError(e);
    }
  }

  /**
   * A CSV file as data (targets: 0-based columns); throws with the line and column of a mistake.
   * @param {string} text @param {number[]} targets @param {boolean} normalise
   * @returns {{ names: string[], inputs: number[][], targets: number[][], stats: { name: string, mean: number, sd: number }[] | null }}
   */
  static csvData(text, targets, normalise) {
    try {
      return JSON.parse(Lab.csvData(String(text), Uint32Array.from(targets), Boolean(normalise)));
    } catch (e) {
      throw asError(e);
    }
  }

  /**
   * A 2-D point set split into training and test rows (settings out of range throw).
   * @param {string} generator @param {number} points @param {number} noise 0–0.5 @param {number} testShare 0–0.9 @param {number} seed
   * @returns {{ train: { inputs: number[][], targets: number[][] }, test: { inputs: number[][], targets: number[][] } }}
   */
  static points(generator, points, noise, testShare, seed) {
    try {
      return JSON.parse(Lab.points(String(generator), Number(points), Number(noise), Number(testShare), Number(seed)));
    } catch (e) {
      throw asError(e);
    }
  }

  /** Holds rows out for testing (null for none). @param {{ inputs: number[][], targets: number[][] } | null} rows */
  setTestData(rows) {
    try {
      this.lab.setTestData(JSON.stringify(rows));
    } catch (e) {
      throw asError(e);
    }
    this.version++;
  }

  testLoss() {
    return this.lab.testLoss();
  }

  testAccuracy() {
    return defined(this.lab.fit(true)[0]);
  }

  /** The test loss history at the training history's epochs. */
  testHistory() {
    return halves(this.lab.history(true));
  }

  /**
   * Every neuron's activation over a cells × cells grid of the rectangle (a
   * view: read before the next call), neuron by neuron; only grid rows
   * from..to are computed by this call.
   * @param {number} cells @param {{ xmin: number, xmax: number, ymin: number, ymax: number }} e
   * @param {number} [from] @param {number} [to]
   */
  grid(cells, e, from = 0, to = cells) {
    try {
      return this.lab.grid(cells, Float64Array.of(e.xmin, e.xmax, e.ymin, e.ymax), from, to);
    } catch (e) {
      throw asError(e);
    }
  }

  /**
   * The decision boundary of the last complete grid, painted by the engine
   * in `palette` (colors.js's PLANE_PALETTE); `scale` ends a linear output's colour scale;
   * `discrete`: two colours (or each class's at one strength).
   * @param {number} cells @param {Uint8Array} palette @param {number} scale @param {boolean} discrete @returns {ImageData}
   */
  boundaryImage(cells, palette, scale, discrete) {
    try {
      return this.lab.boundaryImage(cells, palette, scale, discrete);
    } catch (e) {
      throw asError(e);
    }
  }

  /**
   * The outputs of rows from..to ((to − from) × outputs), a view to read
   * before the next call.
   * @param {number} from @param {number} to
   */
  predictions(from, to) {
    return this.lab.predict(from, Math.max(from, to));
  }

  /**
   * The confusion matrices of one-hot classes (k × k counts, [true class][predicted class]) of the
   * training rows and of the test rows, and the first `gallery` misclassified test rows.
   * @param {number} gallery
   * @returns {{ classes: number, train: number[], test: number[] | null, wrong: { row: number, actual: number, predicted: number }[] }}
   */
  confusion(gallery) {
    return JSON.parse(this.lab.confusion(gallery));
  }
}

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
