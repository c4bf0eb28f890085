// The input plane of a two-input network: the network's output over the
// plane as a colour map (the decision boundary) behind the training points
// (filled) and the test points (hollow). A click adds a training point of
// the chosen class; a shift-click removes the nearest one.

import { CLASS_COLORS, divergingRGB, rgbCss } from '../../common/colors.js';
import { t } from '../i18n.js';

/**
 * @typedef {{ xmin: number, xmax: number, ymin: number, ymax: number }} Extent
 * @typedef {{ inputs: number[][], targets: number[][] }} Rows
 */

/** Where a value of an output falls on the colour scale, for its activation. @param {number} v @param {string} activation @param {number} scale */
function signed(v, activation, scale) {
  if (activation === 'sigmoid' || activation === 'softmax') return 2 * v - 1;
  if (activation === 'tanh') return v;
  return scale > 0 ? v / scale : 0;
}

export class PlaneView {
  /** @param {HTMLCanvasElement} canvas @param {HTMLElement} description the map's text alternative */
  constructor(canvas, description) {
    this.canvas = canvas;
    this.description = description;
    this.offscreen = document.createElement('canvas');
    /** Called with plane coordinates on a click (and whether shift was held). */
    this.onClick = /** @type {((x: number, y: number, remove: boolean) => void) | null} */ (null);
    /** @type {Extent} */
    this.extent = { xmin: -6, xmax: 6, ymin: -6, ymax: 6 };
    this.size = 0;
    new ResizeObserver(([entry]) => {
      this.size = entry.contentRect.width;
    }).observe(canvas);
    canvas.addEventListener('click', (e) => {
      const box = this.size || canvas.clientWidth;
      const { xmin, xmax, ymin, ymax } = this.extent;
      const x = xmin + ((xmax - xmin) * e.offsetX) / box;
      const y = ymax - ((ymax - ymin) * e.offsetY) / box;
      this.onClick?.(x, y, e.shiftKey);
    });
  }

  /**
   * The square that shows all of the rows, with a margin.
   * @param {number[][]} inputs @returns {Extent}
   */
  static extentOf(inputs) {
    let [lo, hi] = [Infinity, -Infinity];
    for (const [x, y] of inputs) {
      lo = Math.min(lo, x, y);
      hi = Math.max(hi, x, y);
    }
    if (!Number.isFinite(lo)) return { xmin: -6, xmax: 6, ymin: -6, ymax: 6 };
    const margin = Math.max(0.1 * (hi - lo), 0.25);
    return { xmin: lo - margin, xmax: hi + margin, ymin: lo - margin, ymax: hi + margin };
  }

  /**
   * Draws the map and the points.
   * @param {{ image: ImageData, grid: Float64Array, cells: number, outputs: number, activation: string, train: Rows, test: Rows | null }} p
   * image is the map as the engine painted it; grid holds the output neurons' maps one after another, each cells × cells.
   */
  draw(p) {
    const dpr = window.devicePixelRatio || 1;
    const size = this.size || this.canvas.clientWidth;
    if (size === 0) return;
    if (this.canvas.width !== Math.round(size * dpr)) {
      this.canvas.width = Math.round(size * dpr);
      this.canvas.height = Math.round(size * dpr);
    }
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    this.#drawMap(ctx, p, size);
    const { xmin, xmax, ymin, ymax } = this.extent;
    const at = (/** @type {number[]} */ x) => [((x[0] - xmin) / (xmax - xmin)) * size, ((ymax - x[1]) / (ymax - ymin)) * size];
    // A point is darker than the map under it, so that it shows on its own class.
    const darker = (/** @type {number[]} */ c) => rgbCss(/** @type {[number, number, number]} */ (c.map((v) => Math.round(v * 0.72))));
    const colorOf = (/** @type {number[]} */ t) => {
      if (p.outputs > 1) return darker(CLASS_COLORS[t.indexOf(Math.max(...t)) % CLASS_COLORS.length]);
      return darker(divergingRGB(signed(t[0], p.activation === 'softmax' ? 'sigmoid' : p.activation, this.targetScale(p.train))));
    };
    // Training points: their class's colour with a white edge; test points:
    // hollow rings of their class's colour on a dark edge.
    const dot = (/** @type {Rows} */ rows, /** @type {boolean} */ hollow) => {
      rows.inputs.forEach((x, i) => {
        const [cx, cy] = at(x);
        ctx.beginPath();
        ctx.arc(cx, cy, 3.4, 0, 2 * Math.PI);
        if (hollow) {
          ctx.lineWidth = 3;
          ctx.strokeStyle = 'rgb(20 24 32 / 0.85)';
          ctx.stroke();
          ctx.lineWidth = 1.6;
          ctx.strokeStyle = colorOf(rows.targets[i]);
          ctx.stroke();
        } else {
          ctx.fillStyle = colorOf(rows.targets[i]);
          ctx.fill();
          ctx.lineWidth = 1.3;
          ctx.strokeStyle = 'rgb(255 255 255 / 0.95)';
          ctx.stroke();
        }
      });
    };
    if (p.test) dot(p.test, true);
    dot(p.train, false);
    const text = this.describe(p);
    if (this.description.textContent !== text) this.description.textContent = text;
  }

  /** The text alternative: the plane shown, where each class wins, the points. @param {{ grid: Float64Array, cells: number, outputs: number, activation: string, train: Rows, test: Rows | null }} p */
  describe(p) {
    const { xmin, xmax, ymin, ymax } = this.extent;
    const cells = p.cells * p.cells;
    const wins = new Array(Math.max(2, p.outputs)).fill(0);
    // One output: class 1 where the output is above the middle of its range.
    const middle =
      p.activation === 'sigmoid' || p.activation === 'softmax' ? 0.5 : p.activation === 'tanh' ? 0 : this.targetScale(p.train) / 2;
    for (let c = 0; c < cells; c++) {
      let best = p.outputs > 1 ? 0 : Number(p.grid[c] > middle);
      for (let k = 1; k < p.outputs; k++) if (p.grid[k * cells + c] > p.grid[best * cells + c]) best = k;
      wins[best]++;
    }
    const percent = (/** @type {number} */ w) => `${Math.round((100 * w) / cells)} %`;
    // Values to fit (a linear or ReLU output) have no classes: say where the output is high.
    const fitting = p.outputs === 1 && (p.activation === 'linear' || p.activation === 'relu');
    const shares = fitting
      ? t('plane.output-above', { value: Number(middle.toPrecision(3)), share: percent(wins[1]) })
      : wins.map((w, k) => t('plane.class-on', { k, share: percent(w) })).join(t('list.separator'));
    const range = (/** @type {number} */ a, /** @type {number} */ b) => t('plane.range', { from: a.toFixed(2), to: b.toFixed(2) });
    const values = { x1: range(xmin, xmax), x2: range(ymin, ymax), shares, train: p.train.inputs.length };
    const tested = p.test ? p.test.inputs.length : 0;
    return tested > 0 ? t('plane.described-test', { ...values, test: tested }) : t('plane.described', values);
  }

  /** The largest |target| (the colour scale of a linear or relu output). @param {Rows} rows */
  targetScale(rows) {
    let m = 0;
    for (const t of rows.targets) m = Math.max(m, Math.abs(t[0]));
    return m || 1;
  }

  /** The engine's picture of the map, scaled to the canvas. @param {CanvasRenderingContext2D} ctx @param {{ image: ImageData }} p @param {number} size */
  #drawMap(ctx, p, size) {
    const n = p.image.width;
    if (this.offscreen.width !== n) {
      this.offscreen.width = n;
      this.offscreen.height = n;
    }
    const off = this.offscreen.getContext('2d');
    if (!off) return;
    off.putImageData(p.image, 0, 0);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(this.offscreen, 0, 0, size, size);
  }
}
