// The loss curve: loss per epoch from the engine's history (which it thins,
// so drawing never slows as training goes on), with a log-scale toggle and a
// readout of epoch and loss under the pointer (uPlot's legend).
//
// uPlot's own axes know magnitudes from 1e-32 to 1e32, while a loss may be
// any double from 0 up (5e-324 after a long run, 1e300 before a divergence).
// So the chart plots a transform that always lies in a small range, and
// labels the axis and the legend with the losses themselves: log10(loss) on
// the log scale (a zero drawn on the floor below the smallest loss, its tick
// labelled 0), loss / 10^k on the linear one. Epochs are plotted from the
// first one shown (a run opened at epoch 2^53 − 1 has epochs uPlot cannot
// split into ticks).

import 'uplot/dist/uPlot.min.css';
import { sig4 } from '../ui/format.js';
import { language, t } from '../i18n.js';

/** @typedef {import('uplot')} UPlot */

/**
 * uPlot's code (a third of the page's script) is fetched after the page's
 * first frame, which shows the network, the table and the readouts without
 * it; the curve appears a frame later.
 * @type {typeof import('uplot') | null}
 */
let Plot = null;
/** @type {Promise<unknown> | null} */
let loading = null;
const afterThisFrame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

export class LossChart {
  /**
   * @param {HTMLElement} container
   * @param {HTMLElement} description the chart's text alternative
   */
  constructor(container, description) {
    this.container = container;
    this.description = description;
    this.log = true;
    /** @type {UPlot | null} */
    this.plot = null;
    /** @type {[Float64Array, ...(number | null)[][]]} */
    this.data = [new Float64Array(0), []];
    /** The losses as the engine gave them, per series (the legend reads them). @type {Float64Array[]} */
    this.raw = [];
    /** How plotted values map back to losses. @type {Transform} */
    this.transform = plotted(new Float64Array(0), true);
    /** The first epoch shown: the x axis counts from it. */
    this.firstEpoch = 0;
    this.signature = '';
    this.withTest = false;
    this.withPinned = false;
    /** The language the plot was made in: its legend and axes are worded once. */
    this.language = language();
    /** Called with the epoch under the pointer when the curve is clicked. */
    this.onPick = /** @type {((epoch: number) => void) | null} */ (null);
    new ResizeObserver(() => this.#fit()).observe(container);
  }

  /** @param {boolean} log */
  setLog(log) {
    this.log = log;
    this.plot?.destroy();
    this.plot = null;
    this.signature = '';
  }

  /**
   * Shows the history (and the test rows' loss at the same epochs, if any,
   * and Compare's run A at the epochs it shares); does nothing when it has
   * not changed.
   * @param {{ epochs: Float64Array, losses: Float64Array }} history
   * @param {{ epochs: Float64Array, losses: Float64Array } | null} [test]
   * @param {{ epochs: Float64Array, losses: Float64Array } | null} [pinned]
   */
  update(history, test = null, pinned = null) {
    const n = history.epochs.length;
    const withTest = test !== null && test.epochs.length === n && n > 0;
    const a = pinned && n > 0 ? alignTo(history.epochs, pinned) : null;
    const end = (/** @type {Float64Array | null | undefined} */ xs) => (xs ? xs[xs.length - 1] : '-');
    const signature = `${n}:${history.epochs[n - 1]}:${history.losses[n - 1]}:${history.losses[0]}:${withTest ? end(test?.losses) : '-'}:${end(a)}:${a?.[0]}`;
    if (signature === this.signature && this.plot) return;
    this.signature = signature;
    if (withTest !== this.withTest || (a !== null) !== this.withPinned || language() !== this.language) {
      this.language = language();
      this.plot?.destroy();
      this.plot = null;
      this.withTest = withTest;
      this.withPinned = a !== null;
    }
    this.raw = [history.losses, ...(withTest && test ? [test.losses] : []), ...(a ? [a] : [])];
    this.transform = plotted(this.raw.reduce(concat), this.log);
    const to = this.transform.to;
    // A loss that is not finite (a divergence) leaves a gap.
    this.firstEpoch = n > 0 ? history.epochs[0] : 0;
    const x = history.epochs.map((e) => e - this.firstEpoch);
    this.data = /** @type {any} */ ([x, ...this.raw.map((ls) => Array.from(ls, (l) => (Number.isFinite(l) ? to(l) : null)))]);
    if (!this.plot) this.#create();
    else this.plot.setData(/** @type {import('uplot').AlignedData} */ (/** @type {unknown} */ (this.data)));
    const last = n > 0 ? history.losses[n - 1] : NaN;
    let lowest = Infinity;
    for (const l of history.losses) if (l < lowest) lowest = l;
    const testText = withTest && test ? t('chart.and-test', { loss: sig4(test.losses[n - 1]) }) : '';
    const pinnedText = a ? t('chart.and-a', { loss: sig4(a[n - 1]) }) : '';
    this.description.textContent =
      n > 0
        ? t('chart.described', {
            n,
            from: history.epochs[0],
            to: history.epochs[n - 1],
            first: sig4(history.losses[0]),
            lowest: sig4(lowest),
            latest: sig4(last),
            more: testText + pinnedText,
          })
        : t('chart.no-loss');
  }

  #create() {
    if (!Plot) {
      loading ??= afterThisFrame().then(() => import('uplot').then((m) => (Plot = m.default)));
      void loading.then(() => {
        if (!this.plot) this.#create();
      });
      return;
    }
    const style = getComputedStyle(this.container);
    const text = style.color;
    const grid = style.getPropertyValue('--line').trim() || '#ddd';
    const accent = style.getPropertyValue('--accent').trim() || '#3457d5';
    const axis = { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
    /** The legend's value: the loss itself, every series by its index. @param {number} s */
    const lossAt =
      (s) => (/** @type {UPlot} */ _u, /** @type {number | null} */ v, /** @type {number} */ _si, /** @type {number | null} */ i) =>
        v == null || i == null ? '–' : sig4(this.raw[s - 1][i]);
    /** @type {import('uplot').Options} */
    const options = {
      width: Math.max(200, this.container.clientWidth),
      height: 220,
      scales: { x: { time: false }, y: { range: (_u, min, max) => this.transform.range(min, max) } },
      series: [
        { label: t('training.epoch'), value: (_u, v) => (v == null ? '–' : String(this.firstEpoch + v)) },
        { label: t(this.withTest ? 'chart.training-loss' : 'training.loss'), stroke: accent, width: 2, value: lossAt(1), spanGaps: false },
        ...(this.withTest
          ? [{ label: t('chart.test-loss'), stroke: '#e07b10', width: 2, dash: [6, 4], value: lossAt(2), spanGaps: false }]
          : []),
        ...(this.withPinned
          ? [{ label: t('training.loss-of-a'), stroke: '#7a7f8c', width: 2, dash: [2, 3], value: lossAt(this.raw.length), spanGaps: true }]
          : []),
      ],
      axes: [
        { ...axis, label: t('chart.epoch-axis'), values: (_u, ticks) => ticks.map((k) => (k == null ? '' : String(this.firstEpoch + k))) },
        {
          ...axis,
          size: 60,
          splits: (_u, _i, min, max, incr) => this.transform.splits(min, max, incr),
          values: (_u, ticks) => ticks.map((k) => (k == null ? '' : this.transform.label(k))),
        },
      ],
      legend: { show: true, live: true },
      cursor: { drag: { x: false, y: false } },
    };
    this.plot = new Plot(options, /** @type {import('uplot').AlignedData} */ (/** @type {unknown} */ (this.data)), this.container);
    const canvas = this.plot.ctx.canvas;
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', t('chart.loss-curve'));
    canvas.setAttribute('aria-describedby', this.description.id);
    const plot = this.plot;
    plot.over.addEventListener('click', () => {
      const left = plot.cursor.left ?? -1;
      if (left < 0 || !this.onPick) return;
      const epoch = this.firstEpoch + Math.round(plot.posToVal(left, 'x'));
      if (Number.isFinite(epoch)) this.onPick(Math.max(0, epoch));
    });
    plot.over.title = t('chart.click-to-go-back');
  }

  #fit() {
    if (this.plot) this.plot.setSize({ width: Math.max(200, this.container.clientWidth), height: 220 });
  }
}

/**
 * How losses become plotted values and back: `to` maps a finite loss,
 * `range` and `splits` place the axis and its ticks, `label` names a tick.
 * @typedef {{
 *   to: (loss: number) => number,
 *   range: (min: number, max: number) => [number, number],
 *   splits: (min: number, max: number, incr: number) => number[],
 *   label: (tick: number) => string
 * }} Transform
 */

/**
 * The transform for these losses (NaN and infinities are left out).
 * @param {Float64Array} losses @param {boolean} log @returns {Transform}
 */
function plotted(losses, log) {
  let [low, high, zero] = [Infinity, 0, false];
  for (const l of losses) {
    if (!Number.isFinite(l)) continue;
    if (l > 0) {
      low = Math.min(low, l);
      high = Math.max(high, l);
    } else zero = true;
  }
  return log ? logTransform(low, zero) : linearTransform(high);
}

/**
 * log10(loss), ticks at whole decades; a zero is drawn a decade below the smallest loss.
 * @param {number} low @param {boolean} zero @returns {Transform}
 */
function logTransform(low, zero) {
  const floor = low === Infinity ? 0 : Math.floor(Math.log10(low)) - 1;
  return {
    to: (l) => (l > 0 ? Math.log10(l) : floor),
    range: (min, max) => {
      const [a, b] = [Math.floor(min), Math.ceil(max)];
      return a === b ? [a - 1, b + 1] : [a, b];
    },
    splits: (min, max) => {
      const step = Math.max(1, Math.ceil((max - min) / 6));
      const ticks = [];
      for (let k = Math.ceil(min / step) * step; k <= max; k += step) ticks.push(k);
      if (zero && !ticks.includes(floor) && floor >= min) ticks.unshift(floor);
      return ticks;
    },
    label: (k) => (zero && k === floor ? '0' : decade(k)),
  };
}

/** 10^k written short: 0.001 … 10000, else 1e-237. @param {number} k */
function decade(k) {
  return k >= -3 && k <= 4 ? String(10 ** k) : `1e${k}`;
}

/** loss / 10^e (e the largest loss's decade), so the plotted values lie in [0, 10). @param {number} high @returns {Transform} */
function linearTransform(high) {
  const e = high > 0 ? Math.floor(Math.log10(high)) : 0;
  // 10^e itself may not be a double (10^-324 is 0): scale in two steps.
  const half = Math.trunc(e / 2);
  const to = (/** @type {number} */ l) => l / 10 ** half / 10 ** (e - half);
  const from = (/** @type {number} */ v) => v * 10 ** half * 10 ** (e - half);
  return {
    to,
    range: (_min, max) => [0, max > 0 ? max * 1.05 : 1],
    splits: (min, max, incr) => {
      const step = incr > 0 ? incr : (max - min) / 4;
      const ticks = [];
      for (let t = Math.ceil(min / step) * step, i = 0; t <= max && i < 50; t += step, i++) ticks.push(t);
      return ticks;
    },
    label: (v) => sig4(from(v)),
  };
}

/** @param {Float64Array} a @param {Float64Array} b */
function concat(a, b) {
  const all = new Float64Array(a.length + b.length);
  all.set(a);
  all.set(b, a.length);
  return all;
}

/**
 * Run A's losses at the epochs of `epochs` (NaN where A has none: its history is thinned on its own).
 * @param {Float64Array} epochs @param {{ epochs: Float64Array, losses: Float64Array }} pinned
 */
function alignTo(epochs, pinned) {
  const at = new Map(Array.from(pinned.epochs, (e, i) => [e, pinned.losses[i]]));
  return Float64Array.from(epochs, (e) => at.get(e) ?? NaN);
}
