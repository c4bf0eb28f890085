// One neuron's activation curve: f(z) and its slope f′(z) over the range of
// the neuron's z, each row of the next update marked on both, and the tangent
// at the row under the pointer. The engine computes f and f′ (its own
// formulas); this view only draws them.

import { CLASS_COLORS, rgbCss } from '../../common/colors.js';
import { activationCurve } from '../../common/lab.js';
import { sig4 } from '../ui/format.js';
import { t } from '../i18n.js';

/** Points along each curve. */
const SAMPLES = 161;
/** A slope this small is a saturated neuron: its rows hardly move the weights before it. */
const FLAT = 0.05;
const [F_COLOR, SLOPE_COLOR] = [rgbCss(CLASS_COLORS[0]), rgbCss(CLASS_COLORS[1])];

/**
 * @typedef {{ name: string, activation: string, z: Float64Array, rows: [number, number] }} Shown
 */

export class CurveView {
  /** @param {HTMLCanvasElement} canvas @param {HTMLElement} description */
  constructor(canvas, description) {
    this.canvas = canvas;
    this.description = description;
    /** @type {Shown | null} */
    this.shown = null;
    /** The row (index into z) under the pointer. @type {number | null} */
    this.hover = null;
    /** Where z and the values map to pixels, from the last draw. */
    this.scale = { z0: 0, z1: 1, y0: 0, y1: 1, width: 1, height: 1 };
    canvas.addEventListener('pointermove', (e) => {
      const row = this.#rowAt(e.offsetX);
      if (row !== this.hover) {
        this.hover = row;
        this.#draw();
      }
    });
    canvas.addEventListener('pointerleave', () => {
      this.hover = null;
      this.#draw();
    });
  }

  /** Shows a neuron's curve, or says why there is none. @param {Shown | null} shown @param {string} why */
  show(shown, why) {
    this.shown = shown;
    this.hover = null;
    this.canvas.hidden = !shown;
    this.description.textContent = shown ? this.#describe(shown) : why;
    this.#draw();
  }

  /** The text alternative: the neuron, its z's range and how many rows sit where f′ is flat. @param {Shown} s */
  #describe(s) {
    const { slope } = activationCurve(s.activation, s.z);
    const flat = slope.filter((d) => Math.abs(d) < FLAT).length;
    return t('curve.described', {
      name: s.name,
      activation: s.activation,
      rows: s.z.length,
      from: sig4(Math.min(...s.z)),
      to: sig4(Math.max(...s.z)),
      low: sig4(Math.min(...slope)),
      high: sig4(Math.max(...slope)),
      flat,
    });
  }

  /** The row whose z is nearest the pointer's x, within a few pixels. @param {number} x */
  #rowAt(x) {
    if (!this.shown) return null;
    const { z0, z1, width } = this.scale;
    let best = null;
    let distance = 8;
    this.shown.z.forEach((z, i) => {
      const d = Math.abs(((z - z0) / (z1 - z0)) * width - x);
      if (d < distance) [best, distance] = [i, d];
    });
    return best;
  }

  #draw() {
    const s = this.shown;
    const ctx = this.canvas.getContext('2d');
    if (!s || !ctx || s.z.length === 0) return;
    const dpr = window.devicePixelRatio || 1;
    const width = this.canvas.clientWidth;
    const height = this.canvas.clientHeight;
    if (width === 0) return;
    this.canvas.width = Math.round(width * dpr);
    this.canvas.height = Math.round(height * dpr);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, height);

    // z from a little below the lowest row to a little above the highest.
    const [lo, hi] = [Math.min(...s.z), Math.max(...s.z)];
    const pad = Math.max(1, 0.2 * (hi - lo));
    const [z0, z1] = [lo - pad, hi + pad];
    const zs = Float64Array.from({ length: SAMPLES }, (_, i) => z0 + ((z1 - z0) * i) / (SAMPLES - 1));
    const curve = activationCurve(s.activation, zs);
    const rows = activationCurve(s.activation, s.z);
    const values = [...curve.f, ...curve.slope, 0];
    const [v0, v1] = [Math.min(...values), Math.max(...values)];
    const margin = 0.08 * (v1 - v0 || 1);
    const [y0, y1] = [v0 - margin, v1 + margin];
    this.scale = { z0, z1, y0, y1, width, height };
    const x = (/** @type {number} */ z) => ((z - z0) / (z1 - z0)) * width;
    const y = (/** @type {number} */ v) => height - ((v - y0) / (y1 - y0)) * height;

    const text = getComputedStyle(this.canvas).color || '#222';
    ctx.strokeStyle = text;
    ctx.globalAlpha = 0.35;
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(0, y(0));
    ctx.lineTo(width, y(0));
    if (z0 < 0 && z1 > 0) {
      ctx.moveTo(x(0), 0);
      ctx.lineTo(x(0), height);
    }
    ctx.stroke();
    ctx.globalAlpha = 1;

    for (const [values, color] of /** @type {const} */ ([
      [curve.f, F_COLOR],
      [curve.slope, SLOPE_COLOR],
    ])) {
      ctx.strokeStyle = color;
      ctx.lineWidth = 2;
      ctx.beginPath();
      values.forEach((v, i) => (i === 0 ? ctx.moveTo(x(zs[i]), y(v)) : ctx.lineTo(x(zs[i]), y(v))));
      ctx.stroke();
    }
    // Each row: a dot on f, a ring on f′.
    s.z.forEach((z, i) => {
      ctx.fillStyle = F_COLOR;
      ctx.beginPath();
      ctx.arc(x(z), y(rows.f[i]), 3.5, 0, 2 * Math.PI);
      ctx.fill();
      ctx.strokeStyle = SLOPE_COLOR;
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      ctx.arc(x(z), y(rows.slope[i]), 3.5, 0, 2 * Math.PI);
      ctx.stroke();
    });

    ctx.font = '12px system-ui, sans-serif';
    ctx.textBaseline = 'top';
    ctx.fillStyle = F_COLOR;
    ctx.fillText(`f(z) = ${s.activation}(z)`, 6, 4);
    ctx.fillStyle = SLOPE_COLOR;
    ctx.fillText('f′(z)', 6, 20);

    // The tangent at the hovered row: the line of slope f′(z) through (z, f(z)).
    if (this.hover !== null) {
      const i = this.hover;
      const [z, f, d] = [s.z[i], rows.f[i], rows.slope[i]];
      const reach = 0.25 * (z1 - z0);
      ctx.strokeStyle = text;
      ctx.lineWidth = 1.5;
      ctx.setLineDash([5, 4]);
      ctx.beginPath();
      ctx.moveTo(x(z - reach), y(f - d * reach));
      ctx.lineTo(x(z + reach), y(f + d * reach));
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = text;
      ctx.textAlign = 'right';
      const row = s.rows[0] + i + 1;
      ctx.fillText(t('curve.row', { row, z: sig4(z), f: sig4(f), slope: sig4(d) }), width - 6, 4);
      ctx.textAlign = 'left';
    }
  }
}
