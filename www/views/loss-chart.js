// The loss curve: loss per epoch from the engine's history (which it thins,
// so drawing never slows as training goes on), with a log-scale toggle and a
// readout of epoch and loss under the pointer (uPlot's legend).

import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { sig4 } from '../format.js';

export class LossChart {
  /**
   * @param {HTMLElement} container
   * @param {HTMLElement} description the chart's text alternative
   */
  constructor(container, description) {
    this.container = container;
    this.description = description;
    this.log = true;
    /** @type {uPlot | null} */
    this.plot = null;
    /** @type {[Float64Array, ...(number | null)[][]]} */
    this.data = [new Float64Array(0), []];
    this.signature = '';
    this.withTest = false;
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
   * Shows the history (and the test rows' loss at the same epochs, if any);
   * does nothing when it has not changed.
   * @param {{ epochs: Float64Array, losses: Float64Array }} history
   * @param {{ epochs: Float64Array, losses: Float64Array } | null} [test]
   */
  update(history, test = null) {
    const n = history.epochs.length;
    const withTest = test !== null && test.epochs.length === n && n > 0;
    const signature = `${n}:${history.epochs[n - 1]}:${history.losses[n - 1]}:${history.losses[0]}:${withTest ? test.losses[n - 1] : '-'}`;
    if (signature === this.signature && this.plot) return;
    this.signature = signature;
    if (withTest !== this.withTest) {
      this.plot?.destroy();
      this.plot = null;
      this.withTest = withTest;
    }
    // A log scale cannot show 0 or a non-finite loss: leave a gap there.
    const shown = (/** @type {Float64Array} */ ls) => Array.from(ls, (l) => (Number.isFinite(l) && (!this.log || l > 0) ? l : null));
    this.data = /** @type {any} */ (withTest && test ? [history.epochs, shown(history.losses), shown(test.losses)] : [history.epochs, shown(history.losses)]);
    if (!this.plot) this.#create();
    else this.plot.setData(/** @type {uPlot.AlignedData} */ (/** @type {unknown} */ (this.data)));
    const last = n > 0 ? history.losses[n - 1] : NaN;
    let lowest = Infinity;
    for (const l of history.losses) if (l < lowest) lowest = l;
    const testText = withTest && test ? `; test loss ${sig4(test.losses[n - 1])}` : '';
    this.description.textContent =
      n > 0
        ? `Loss per epoch, ${n} points, from epoch 0 to ${history.epochs[n - 1]}: first ${sig4(history.losses[0])}, lowest ${sig4(lowest)}, latest ${sig4(last)}${testText}.`
        : 'No loss yet.';
  }

  #create() {
    const style = getComputedStyle(this.container);
    const text = style.color;
    const grid = style.getPropertyValue('--line').trim() || '#ddd';
    const accent = style.getPropertyValue('--accent').trim() || '#3457d5';
    const axis = { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
    /** @type {uPlot.Options} */
    const options = {
      width: Math.max(200, this.container.clientWidth),
      height: 220,
      scales: { x: { time: false }, y: this.log ? { distr: 3, log: 10 } : { auto: true } },
      series: [
        { label: 'Epoch', value: (_u, v) => (v == null ? '–' : String(v)) },
        { label: this.withTest ? 'Training loss' : 'Loss', stroke: accent, width: 2, value: (_u, v) => (v == null ? '–' : sig4(v)), spanGaps: false },
        ...(this.withTest
          ? [{ label: 'Test loss', stroke: '#e07b10', width: 2, dash: [6, 4], value: (/** @type {uPlot} */ _u, /** @type {number | null} */ v) => (v == null ? '–' : sig4(v)), spanGaps: false }]
          : []),
      ],
      axes: [
        { ...axis, label: 'epoch' },
        { ...axis, size: 60, values: (_u, ticks) => ticks.map((t) => (t == null ? '' : sig4(t))) },
      ],
      legend: { show: true, live: true },
      cursor: { drag: { x: false, y: false } },
    };
    this.plot = new uPlot(options, /** @type {uPlot.AlignedData} */ (/** @type {unknown} */ (this.data)), this.container);
    const canvas = this.plot.ctx.canvas;
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', 'Loss curve');
    canvas.setAttribute('aria-describedby', this.description.id);
    const plot = this.plot;
    plot.over.addEventListener('click', () => {
      const left = plot.cursor.left ?? -1;
      if (left < 0 || !this.onPick) return;
      const epoch = Math.round(plot.posToVal(left, 'x'));
      if (Number.isFinite(epoch)) this.onPick(Math.max(0, epoch));
    });
    plot.over.title = 'Click to go back to that epoch';
  }

  #fit() {
    if (this.plot) this.plot.setSize({ width: Math.max(200, this.container.clientWidth), height: 220 });
  }
}
