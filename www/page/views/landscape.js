// The loss landscape: a heat map of the loss over the plane through the
// weights (α across, β up, from −1 to 1), on a log scale of the loss (low
// dark, high yellow), contour lines at the deciles between its lowest and
// highest, and the run's path to the centre (white line, the current
// weights a ring).

import { sequential } from '../../common/colors.js';
import { t as words } from '../i18n.js';

/** Contour levels, evenly spaced in log(loss). */
const LEVELS = 8;

/**
 * @param {HTMLCanvasElement} canvas @param {import('../../common/protocol.js').Landscape} landscape
 */
export function drawLandscape(canvas, landscape) {
  const { cells, losses, path } = landscape;
  const size = Math.round(canvas.getBoundingClientRect().width) || 240;
  const dpr = window.devicePixelRatio || 1;
  [canvas.width, canvas.height] = [Math.round(size * dpr), Math.round(size * dpr)];
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  const logs = Array.from(losses, (v) => (v > 0 && Number.isFinite(v) ? Math.log10(v) : NaN));
  const finite = logs.filter(Number.isFinite);
  if (finite.length === 0) return;
  const [low, high] = [Math.min(...finite), Math.max(...finite)];
  const t = (/** @type {number} */ v) => (high > low ? (v - low) / (high - low) : 0.5);
  // The heat map: one cell per grid point, β = −1 at the bottom.
  const cell = size / cells;
  for (let r = 0; r < cells; r++) {
    for (let c = 0; c < cells; c++) {
      const v = logs[r * cells + c];
      ctx.fillStyle = Number.isFinite(v) ? sequential(t(v)) : 'rgb(220 0 0)';
      ctx.fillRect(c * cell, size - (r + 1) * cell, cell + 0.5, cell + 0.5);
    }
  }
  // Contours by marching squares on the cell centres.
  const at = (/** @type {number} */ r, /** @type {number} */ c) => logs[r * cells + c];
  const x = (/** @type {number} */ c) => (c + 0.5) * cell;
  const y = (/** @type {number} */ r) => size - (r + 0.5) * cell;
  ctx.strokeStyle = 'rgba(255, 255, 255, 0.55)';
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (let k = 1; k < LEVELS; k++) {
    const level = low + ((high - low) * k) / LEVELS;
    for (let r = 0; r + 1 < cells; r++) {
      for (let c = 0; c + 1 < cells; c++) {
        const corners = [
          [r, c],
          [r, c + 1],
          [r + 1, c + 1],
          [r + 1, c],
        ];
        /** @type {[number, number][]} */
        const crossings = [];
        for (let e = 0; e < 4; e++) {
          const [[r0, c0], [r1, c1]] = [corners[e], corners[(e + 1) % 4]];
          const [v0, v1] = [at(r0, c0), at(r1, c1)];
          if (!Number.isFinite(v0) || !Number.isFinite(v1) || v0 < level === v1 < level) continue;
          const f = (level - v0) / (v1 - v0);
          crossings.push([x(c0 + f * (c1 - c0)), y(r0 + f * (r1 - r0))]);
        }
        for (let i = 0; i + 1 < crossings.length; i += 2) {
          ctx.moveTo(...crossings[i]);
          ctx.lineTo(...crossings[i + 1]);
        }
      }
    }
  }
  ctx.stroke();
  // The path: (α, β) pairs in [−1, 1]², the last the current weights (the centre).
  const px = (/** @type {number} */ a) => ((a + 1) / 2) * size;
  const py = (/** @type {number} */ b) => size - ((b + 1) / 2) * size;
  ctx.strokeStyle = '#fff';
  ctx.lineWidth = 2;
  ctx.beginPath();
  for (let i = 0; i < path.length; i += 2) {
    if (i === 0) ctx.moveTo(px(path[i]), py(path[i + 1]));
    else ctx.lineTo(px(path[i]), py(path[i + 1]));
  }
  ctx.stroke();
  ctx.beginPath();
  ctx.arc(px(0), py(0), 5, 0, 2 * Math.PI);
  ctx.stroke();
}

/**
 * The landscape in words: its lowest and highest loss, the centre's, and how far the path came.
 * @param {import('../../common/protocol.js').Landscape} landscape @param {(x: number) => string} format
 */
export function describeLandscape(landscape, format) {
  const { cells, losses, path } = landscape;
  const finite = Array.from(losses).filter(Number.isFinite);
  const centre = losses[Math.floor(cells / 2) * cells + Math.floor(cells / 2)];
  const steps = path.length / 2;
  const values = {
    iteration: landscape.iteration,
    from: format(Math.min(...finite)),
    to: format(Math.max(...finite)),
    centre: format(centre),
  };
  return steps > 1 ? words('why.landscape-path', { ...values, epochs: steps - 1 }) : words('why.landscape', values);
}
