// A small line plot on a log-scaled y axis (and, when asked, a log x axis):
// the gradient health chart and the learning-rate finder's curve. Points
// that are not finite or not positive are gaps in their line.

/**
 * @typedef {{ points: [number, number][], colour: string, dashed?: boolean }} Series
 * @typedef {{ series: Series[], logX?: boolean, xLabel: string, marker?: number | null }} Plot
 */

const PAD = { left: 48, right: 10, top: 8, bottom: 30 };
const FONT = '11px system-ui, sans-serif';

/** @param {number} v */
const usable = (v) => Number.isFinite(v) && v > 0;

/**
 * Draws `plot` on `canvas` at its CSS size (and the screen's pixel ratio).
 * @param {HTMLCanvasElement} canvas @param {Plot} plot @param {{ text: string, grid: string }} colours
 */
export function drawLogPlot(canvas, plot, colours) {
  const { width, height } = canvas.getBoundingClientRect();
  if (width === 0 || height === 0) return;
  const dpr = window.devicePixelRatio || 1;
  [canvas.width, canvas.height] = [Math.round(width * dpr), Math.round(height * dpr)];
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  const all = plot.series.flatMap((s) => s.points);
  const ys = all.map(([, y]) => y).filter(usable);
  const xs = all.map(([x]) => x).filter((x) => (plot.logX ? usable(x) : Number.isFinite(x)));
  if (ys.length === 0 || xs.length === 0) return;
  const fx = plot.logX ? Math.log10 : (/** @type {number} */ x) => x;
  const [y0, y1] = [Math.floor(Math.log10(Math.min(...ys))), Math.ceil(Math.log10(Math.max(...ys)))];
  const [x0, x1] = [fx(Math.min(...xs)), fx(Math.max(...xs))];
  const top = Math.max(y1, y0 + 1);
  const px = (/** @type {number} */ x) => PAD.left + ((fx(x) - x0) / (x1 - x0 || 1)) * (width - PAD.left - PAD.right);
  const py = (/** @type {number} */ y) => height - PAD.bottom - ((Math.log10(y) - y0) / (top - y0)) * (height - PAD.top - PAD.bottom);

  ctx.font = FONT;
  ctx.fillStyle = colours.text;
  ctx.strokeStyle = colours.grid;
  ctx.lineWidth = 1;
  // Decades on y, labelled; a few ticks on x.
  const step = Math.max(1, Math.ceil((top - y0) / 6));
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (let e = y0; e <= top; e += step) {
    const y = py(10 ** e);
    ctx.beginPath();
    ctx.moveTo(PAD.left, y);
    ctx.lineTo(width - PAD.right, y);
    ctx.stroke();
    ctx.fillText(`1e${e}`, PAD.left - 4, y);
  }
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  const ticks = plot.logX
    ? Array.from({ length: Math.floor(x1) - Math.ceil(x0) + 1 }, (_, i) => 10 ** (Math.ceil(x0) + i)).filter(
        (_, i, a) => a.length <= 8 || i % 2 === 0,
      )
    : Array.from({ length: 5 }, (_, i) => Math.round(x0 + ((x1 - x0) * i) / 4));
  for (const t of ticks) ctx.fillText(plot.logX ? `1e${Math.round(Math.log10(t))}` : String(t), px(t), height - PAD.bottom + 4);
  ctx.fillText(plot.xLabel, PAD.left + (width - PAD.left - PAD.right) / 2, height - 13);

  for (const s of plot.series) {
    ctx.strokeStyle = s.colour;
    ctx.lineWidth = 1.6;
    ctx.setLineDash(s.dashed ? [4, 3] : []);
    ctx.beginPath();
    let pen = false;
    for (const [x, y] of s.points) {
      if (!usable(y) || !(plot.logX ? usable(x) : Number.isFinite(x))) {
        pen = false;
        continue;
      }
      if (pen) ctx.lineTo(px(x), py(y));
      else ctx.moveTo(px(x), py(y));
      pen = true;
    }
    ctx.stroke();
  }
  ctx.setLineDash([]);
  if (plot.marker != null && usable(plot.marker)) {
    const x = px(plot.marker);
    ctx.strokeStyle = colours.text;
    ctx.setLineDash([2, 2]);
    ctx.beginPath();
    ctx.moveTo(x, PAD.top);
    ctx.lineTo(x, height - PAD.bottom);
    ctx.stroke();
    ctx.setLineDash([]);
  }
}
