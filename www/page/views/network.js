// The network diagram: layers left to right, neurons filled by their
// activation for the selected row, each bias as the ring of its neuron, every
// weight a line whose width grows with |w| and whose colour is its sign.
// Hovering names a neuron or a weight with its numbers.

import { diverging, sequential } from '../../common/colors.js';
import { sig4, short } from '../ui/format.js';
import { isPicture, pictureSide } from '../picture.js';
import { describeNetwork, describeSpot, distanceToSegment, neuronName, parameterOffsets } from './network-words.js';
import { t } from '../i18n.js';
import { NeuronMaps } from './neuron-maps.js';

export { neuronName, parameterNames, parameterOffsets } from './network-words.js';

/** The longest bar of a picture's class (Digits' outputs: ŷ = 1), in pixels. */
const BAR = 64;
/** Inputs and outputs are labelled with their values up to this many neurons. */
const LABELLED = 16;
const LABEL_FONT = '12px system-ui, sans-serif';
/** |w| at which a line reaches its full width and colour. */
const FULL_WEIGHT = 4;
/** Lines are drawn in buckets of equal width and colour: one stroke each. */
const LEVELS = 8;
/** More weights than this are drawn at half the resolution. */
const VERY_DENSE = 2048;

/**
 * @typedef {import('../../common/lab.js').Frame} Frame
 * A neuron's place; an input of a picture (64 inputs: 8 × 8) is a square cell of side 2r.
 * @typedef {{ x: number, y: number, r: number, cell?: boolean }} Spot
 * @typedef {{ layer: number, from: number, to: number, index: number, x1: number, y1: number, x2: number, y2: number, width: number }} Line
 * @typedef {{ columns: Spot[][], lines: Line[] }} Placement
 */

/** Maps an activation value to [0, 1] for the sequential scale. */
function activationShade(/** @type {number} */ a, /** @type {string} */ activation, /** @type {number} */ maxAbs) {
  switch (activation) {
    case 'sigmoid':
    case 'softmax':
      return a;
    case 'tanh':
      return (a + 1) / 2;
    case 'relu':
      return maxAbs > 0 ? a / maxAbs : 0;
    default:
      return maxAbs > 0 ? 0.5 + a / (2 * maxAbs) : 0.5;
  }
}

export class NetworkView {
  /**
   * @param {HTMLCanvasElement} canvas
   * @param {HTMLElement} tooltip
   * @param {HTMLElement} description the diagram's text alternative
   */
  constructor(canvas, tooltip, description) {
    this.canvas = canvas;
    this.tooltip = tooltip;
    this.description = description;
    /** @type {Placement | null} */
    this.placement = null;
    /** @type {Frame | null} */
    this.frame = null;
    /** @type {string[]} */
    this.activations = [];
    this.bias = true;
    /** @type {{ x: number, y: number } | null} */
    this.pointer = null;
    /** The column the step inspector lights (0 = inputs), or null. */
    this.lit = /** @type {number | null} */ (null);
    /** Colour lines by the gradients instead of the weights. */
    this.showGradients = false;
    /** An update being shown: the weights move from `from` to the frame's over `ms`. */
    this.animation = /** @type {{ from: Float64Array, start: number, ms: number } | null} */ (null);
    /**
     * What each hidden neuron responds to over the input plane (from the
     * engine's grid), drawn inside its circle; null when there is none.
     * @type {{ grid: Float64Array, cells: number } | null}
     */
    this.maps = null;
    /** Each input feature's value over the plane, drawn inside the input's circle; null without features. @type {{ grid: Float64Array, cells: number } | null} */
    this.inputMaps = null;
    /** The neurons' maps, each painted once per grid. */
    this.neuronMaps = new NeuronMaps();
    /** @type {HTMLCanvasElement | undefined} the half-resolution lines of a very dense net */
    this.coarse = undefined;
    /** Called with a parameter's index when one is clicked. */
    this.onPick = /** @type {((index: number) => void) | null} */ (null);
    /** Called with a neuron's column (from 1) and index when a hidden or output neuron is clicked. */
    this.onNeuron = /** @type {((column: number, j: number) => void) | null} */ (null);
    // Size and colours are read once and on change, never in a frame: reading
    // them after the table changed would force the browser to lay out the page.
    this.size = { width: 0, height: 0 };
    this.colors = { text: '#222', panel: '#fff' };
    new ResizeObserver(([entry]) => {
      this.size = { width: entry.contentRect.width, height: entry.contentRect.height };
    }).observe(canvas);
    const readColors = () => {
      const style = getComputedStyle(canvas);
      this.colors = { text: style.color || '#222', panel: style.getPropertyValue('--panel').trim() || '#fff' };
    };
    readColors();
    matchMedia('(prefers-color-scheme: dark)').addEventListener('change', readColors);
    canvas.addEventListener('pointermove', (e) => {
      this.pointer = { x: e.offsetX, y: e.offsetY };
      this.#hover();
    });
    canvas.addEventListener('click', (e) => {
      const index = this.placement && this.frame ? this.paramAt(e.offsetX, e.offsetY) : null;
      if (index !== null && this.onPick) this.onPick(index);
      const neuron = this.neuronAt(e.offsetX, e.offsetY);
      if (neuron && neuron.column > 0) this.onNeuron?.(neuron.column, neuron.j);
    });
    canvas.addEventListener('pointerleave', () => {
      this.pointer = null;
      this.tooltip.hidden = true;
    });
  }

  /**
   * Draws one frame.
   * @param {Frame} frame
   * @param {string[]} activations one per weight layer
   * @param {boolean} bias
   */
  draw(frame, activations, bias) {
    // Kept for the hover between frames: copies, as the frame's views of engine memory die with its next call.
    this.frame = { ...frame, params: frame.params.slice(), grads: frame.grads.slice(), rowValues: frame.rowValues.slice() };
    this.activations = activations;
    this.bias = bias;
    const ctx = this.#context();
    if (!ctx) return;
    if (this.size.width === 0) {
      const box = this.canvas.getBoundingClientRect();
      this.size = { width: box.width, height: box.height };
    }
    const { width, height } = this.size;
    ctx.clearRect(0, 0, width, height);
    const margins = this.#margins(ctx, frame, width);
    const placement = this.#place(frame, width, height, margins);
    this.placement = placement;
    const offsets = parameterOffsets(frame.layout);
    if (this.lit !== null) this.#drawLit(ctx, placement, this.lit, height);
    const shown = this.#animated(frame);
    if (placement.lines.length > VERY_DENSE) this.#drawLinesCoarse(ctx, placement, shown, width, height);
    else this.#drawLines(ctx, placement, shown);
    this.#drawNeurons(ctx, placement, shown, offsets);
    this.#drawLabels(ctx, placement, frame, width);
    if (this.pointer) this.#hover();
  }

  /** Whether an update animation is still running (the app keeps drawing). */
  get animating() {
    return this.animation !== null;
  }

  /** The frame with its weights part way from the animation's start. @param {Frame} frame */
  #animated(frame) {
    const a = this.animation;
    if (!a) return frame;
    const t = Math.min(1, (performance.now() - a.start) / a.ms);
    if (t >= 1 || a.from.length !== frame.params.length) {
      this.animation = null;
      return frame;
    }
    const eased = t * (2 - t);
    const params = frame.params.map((to, i) => a.from[i] + (to - a.from[i]) * eased);
    return { ...frame, params };
  }

  /** A band behind the lit column and the lines into it. @param {CanvasRenderingContext2D} ctx @param {Placement} layout @param {number} c @param {number} height */
  #drawLit(ctx, layout, c, height) {
    const spots = layout.columns[c];
    if (!spots?.length) return;
    const r = spots[0].r;
    const from = c > 0 ? layout.columns[c - 1][0].x : spots[0].x - 2 * r;
    ctx.fillStyle = 'rgba(52, 87, 213, 0.10)';
    ctx.fillRect(from, 0, spots[0].x + 2 * r - from, height);
  }

  /** The neuron under (x, y): its column (0 = inputs) and index, or null. @param {number} x @param {number} y */
  neuronAt(x, y) {
    const columns = this.placement?.columns ?? [];
    for (let column = 0; column < columns.length; column++) {
      const j = columns[column].findIndex((s) => Math.hypot(x - s.x, y - s.y) <= s.r + 3);
      if (j >= 0) return { column, j };
    }
    return null;
  }

  /**
   * The parameter at (x, y): a weight's line, or a neuron's bias; null if none.
   * @param {number} x @param {number} y
   */
  paramAt(x, y) {
    const { placement: layout, frame } = this;
    if (!layout || !frame) return null;
    const offsets = parameterOffsets(frame.layout);
    for (let c = 1; c < layout.columns.length; c++) {
      const j = layout.columns[c].findIndex((s) => Math.hypot(x - s.x, y - s.y) <= s.r + 3);
      if (j >= 0) return this.bias ? offsets[c - 1].biases + j : null;
    }
    let best = null;
    let bestDistance = 5;
    for (const l of layout.lines) {
      const d = distanceToSegment(x, y, l);
      if (d < bestDistance) {
        bestDistance = d;
        best = l;
      }
    }
    return best ? best.index : null;
  }

  /** The text alternative: layer sizes, the loss, the row's answer, the thickest line. @param {Frame} frame @param {string[]} activations */
  describe(frame, activations) {
    return describeNetwork(frame, activations, LABELLED);
  }

  #context() {
    const dpr = window.devicePixelRatio || 1;
    const { width, height } = this.size.width > 0 ? this.size : this.canvas.getBoundingClientRect();
    const w = Math.max(1, Math.round(width * dpr));
    const h = Math.max(1, Math.round(height * dpr));
    if (this.canvas.width !== w || this.canvas.height !== h) {
      this.canvas.width = w;
      this.canvas.height = h;
    }
    const ctx = this.canvas.getContext('2d');
    ctx?.setTransform(dpr, 0, 0, dpr, 0, 0);
    return ctx;
  }

  /**
   * Room on either side for the input and output labels, as wide as they
   * are (at most a quarter of the width each), plus a neuron's radius.
   * @param {CanvasRenderingContext2D} ctx @param {Frame} frame @param {number} width
   */
  #margins(ctx, frame, width) {
    ctx.font = LABEL_FONT;
    const widest = (/** @type {string[]} */ labels) => Math.max(0, ...labels.map((l) => ctx.measureText(l).width));
    const outputs = frame.sizes[frame.sizes.length - 1];
    const last = frame.rowValues.length - outputs;
    const inputLabels =
      frame.sizes[0] <= LABELLED ? frame.input.map((x, i) => `${neuronName(0, i, 2, frame.layout.input_names)} = ${short(x)}`) : [];
    const outputLabels =
      outputs <= LABELLED ? Array.from({ length: outputs }, (_, j) => `ŷ${j + 1} = ${short(frame.rowValues[last + j])}`) : [];
    // Values change as the net learns: reserve room for a long one, so that
    // the diagram does not shift from frame to frame.
    const reserve = (/** @type {string} */ name) => ctx.measureText(`${name} = -0.000`).width;
    const cap = width / 4;
    const right = isPictureClasses(frame.sizes)
      ? ctx.measureText('9 1.00').width + BAR + 18
      : Math.max(widest(outputLabels), reserve('ŷ1'));
    return {
      left: Math.min(cap, Math.max(widest(inputLabels), reserve('x1')) + 30),
      right: Math.min(cap, right + 34),
    };
  }

  /**
   * Where each neuron and line goes on the canvas.
   * @param {Frame} frame @param {number} width @param {number} height
   * @param {{ left: number, right: number }} margins
   * @returns {Placement}
   */
  #place(frame, width, height, { left, right }) {
    const sizes = frame.sizes;
    const top = 44;
    const bottom = 14;
    const columns = sizes.map((n, c) => {
      const x = left + (c * (width - left - right)) / (sizes.length - 1);
      const room = height - top - bottom;
      const spacing = Math.min(64, room / n);
      const gap = (width - left - right) / Math.max(1, sizes.length - 1);
      if (c === 0 && isPicture(n)) {
        const side = pictureSide();
        // The inputs are an image (Digits): the selected row's picture, each pixel an input.
        const cell = Math.min(room, 0.7 * gap, 12 * side) / side;
        const [x0, y0] = [x - (side * cell) / 2, top + (room - side * cell) / 2];
        return Array.from({ length: n }, (_, j) => ({
          x: x0 + ((j % side) + 0.5) * cell,
          y: y0 + (Math.floor(j / side) + 0.5) * cell,
          r: cell / 2,
          cell: true,
        }));
      }
      const r = Math.max(2.5, Math.min(18, spacing * 0.36, gap * 0.2));
      const start = top + (room - spacing * (n - 1)) / 2;
      return Array.from({ length: n }, (_, j) => ({ x, y: n === 1 ? top + room / 2 : start + j * spacing, r }));
    });
    /** @type {Line[]} */
    const lines = [];
    const offsets = parameterOffsets(frame.layout);
    const connections = offsets.reduce((sum, o) => sum + o.nIn * o.nOut, 0);
    const maxWidth = connections > 600 ? 2.5 : connections > 150 ? 4 : 7;
    offsets.forEach((o, l) => {
      for (let i = 0; i < o.nIn; i++) {
        for (let j = 0; j < o.nOut; j++) {
          const a = columns[l][i];
          const b = columns[l + 1][j];
          lines.push({ layer: l, from: i, to: j, index: o.weights + i * o.nOut + j, x1: a.x, y1: a.y, x2: b.x, y2: b.y, width: maxWidth });
        }
      }
    });
    return { columns, lines };
  }

  /**
   * The lines of a very dense net (thousands, a few pixels apart: a haze of
   * colour) drawn at half the resolution and scaled up: their raster, on the
   * page's thread, costs a quarter.
   * @param {CanvasRenderingContext2D} ctx @param {Placement} layout @param {Frame} frame @param {number} width @param {number} height
   */
  #drawLinesCoarse(ctx, layout, frame, width, height) {
    const scale = (window.devicePixelRatio || 1) / 2;
    const [w, h] = [Math.max(1, Math.round(width * scale)), Math.max(1, Math.round(height * scale))];
    this.coarse ??= document.createElement('canvas');
    if (this.coarse.width !== w || this.coarse.height !== h) [this.coarse.width, this.coarse.height] = [w, h];
    const lctx = this.coarse.getContext('2d');
    if (!lctx) return;
    lctx.setTransform(1, 0, 0, 1, 0, 0);
    lctx.clearRect(0, 0, w, h);
    lctx.setTransform(scale, 0, 0, scale, 0, 0);
    this.#drawLines(lctx, layout, frame);
    ctx.drawImage(this.coarse, 0, 0, width, height);
  }

  /** @param {CanvasRenderingContext2D} ctx @param {Placement} layout @param {Frame} frame */
  #drawLines(ctx, layout, frame) {
    // With "Show gradients", lines show ∂L/∂w, scaled to the largest.
    const values = this.showGradients ? frame.grads : frame.params;
    let full = FULL_WEIGHT;
    if (this.showGradients) {
      full = 0;
      for (const line of layout.lines) full = Math.max(full, Math.abs(values[line.index]) || 0);
      full ||= 1;
    }
    // Bucket lines by sign and magnitude so that thousands of weights take a few strokes.
    /** @type {Map<number, Line[]>} */
    const buckets = new Map();
    for (const line of layout.lines) {
      const w = values[line.index];
      const level = Number.isFinite(w) ? Math.round(Math.min(1, Math.abs(w) / full) * LEVELS) : LEVELS;
      const key = (w < 0 ? -1 : 1) * (level + 1);
      let bucket = buckets.get(key);
      if (!bucket) buckets.set(key, (bucket = []));
      bucket.push(line);
    }
    ctx.lineCap = 'round';
    // In a dense net the faint lines of small weights fade further, so
    // that the large ones stand out.
    const dense = layout.lines.length > 600;
    for (const [key, lines] of [...buckets].sort((a, b) => Math.abs(a[0]) - Math.abs(b[0]))) {
      const level = Math.abs(key) - 1;
      ctx.globalAlpha = dense ? 0.12 + (0.7 * level) / LEVELS : 0.9;
      const value = (Math.sign(key) * level * FULL_WEIGHT) / LEVELS;
      ctx.strokeStyle = diverging(value, FULL_WEIGHT / 2);
      ctx.lineWidth = 0.4 + (lines[0].width * level) / LEVELS;
      ctx.beginPath();
      for (const l of lines) {
        ctx.moveTo(l.x1, l.y1);
        ctx.lineTo(l.x2, l.y2);
      }
      ctx.stroke();
    }
    ctx.globalAlpha = 1;
  }

  /** @param {CanvasRenderingContext2D} ctx @param {Placement} layout @param {Frame} frame @param {ReturnType<typeof parameterOffsets>} offsets */
  #drawNeurons(ctx, layout, frame, offsets) {
    let mapAt = 0;
    const columns = layout.columns.length;
    layout.columns.forEach((spots, c) => {
      /** @type {number[]} */
      let shades;
      /** @type {number[]} */
      let biases = [];
      if (c === 0) {
        const maxAbs = Math.max(1, ...frame.input.map(Math.abs));
        shades = frame.input.map((x) => (x >= 0 && x <= 1 ? x : 0.5 + x / (2 * maxAbs)));
      } else {
        const { values_at: at, outputs: n } = frame.layout.layers[c - 1];
        const a = Array.from(frame.rowValues.subarray(at + n, at + 2 * n));
        const maxAbs = Math.max(0, ...a.map(Math.abs));
        shades = a.map((v) => activationShade(v, this.activations[c - 1], maxAbs));
        const o = offsets[c - 1];
        biases = Array.from(frame.params.subarray(o.biases, o.biases + o.nOut));
      }
      const big = spots[0].r >= 6;
      const maps = c === 0 ? big && this.inputMaps : big && c < columns - 1 && this.maps;
      spots.forEach((s, j) => {
        if (s.cell) {
          ctx.fillStyle = sequential(shades[j]);
          ctx.fillRect(s.x - s.r, s.y - s.r, 2 * s.r, 2 * s.r);
          return;
        }
        ctx.beginPath();
        ctx.arc(s.x, s.y, s.r, 0, 2 * Math.PI);
        if (maps) {
          if (c === 0) this.neuronMaps.draw(ctx, s, maps, -1 - j, 'input');
          else this.neuronMaps.draw(ctx, s, maps, mapAt + j, this.activations[c - 1]);
          ctx.beginPath();
          ctx.arc(s.x, s.y, s.r, 0, 2 * Math.PI);
        } else {
          ctx.fillStyle = sequential(shades[j]);
          ctx.fill();
        }
        if (c > 0 && this.bias) {
          const b = biases[j];
          ctx.lineWidth = 1 + Math.min(4, Math.abs(b) * 1.2) * Math.min(1, s.r / 10);
          ctx.strokeStyle = diverging(b, FULL_WEIGHT / 2);
        } else {
          ctx.lineWidth = 1;
          ctx.strokeStyle = 'rgb(120 126 138)';
        }
        ctx.stroke();
      });
      if (c > 0) mapAt += spots.length;
    });
  }

  /**
   * Layer titles, input and output values, and the largest weights of a small net.
   * @param {CanvasRenderingContext2D} ctx @param {Placement} layout @param {Frame} frame @param {number} width
   */
  #drawLabels(ctx, layout, frame, width) {
    const { text, panel } = this.colors;
    const columns = layout.columns.length;
    ctx.fillStyle = text;
    ctx.textBaseline = 'middle';
    ctx.font = '600 13px system-ui, sans-serif';
    ctx.textAlign = 'center';
    layout.columns.forEach((spots, c) => {
      const title = c === 0 ? t('network.input-column') : c === columns - 1 ? t('network.output-column') : t('network.hidden-n', { n: c });
      ctx.fillText(title, spots[0].x, 12);
      if (c > 0) {
        ctx.font = '12px system-ui, sans-serif';
        ctx.fillText(this.activations[c - 1] ?? '', spots[0].x, 28);
        ctx.font = '600 13px system-ui, sans-serif';
      }
    });
    ctx.font = LABEL_FONT;
    ctx.fillStyle = text;
    const inputs = layout.columns[0];
    if (inputs.length <= LABELLED) {
      ctx.textAlign = 'right';
      inputs.forEach((s, i) =>
        ctx.fillText(`${neuronName(0, i, columns, frame.layout.input_names)} = ${short(frame.input[i])}`, s.x - s.r - 6, s.y),
      );
    }
    const outputs = layout.columns[columns - 1];
    if (isPictureClasses(frame.sizes)) this.#drawClassBars(ctx, outputs, frame);
    else if (outputs.length <= LABELLED) {
      const last = frame.rowValues.length - outputs.length;
      ctx.textAlign = 'left';
      outputs.forEach((s, j) => {
        const label = `ŷ${j + 1} = ${short(frame.rowValues[last + j])}`;
        const x = Math.min(s.x + s.r + 6, width - ctx.measureText(label).width - 2);
        ctx.fillText(label, x, s.y);
      });
    }
    // The largest few weights, written on their lines, when there are few enough to read.
    if (layout.lines.length <= 40) {
      const largest = [...layout.lines].sort((a, b) => Math.abs(frame.params[b.index]) - Math.abs(frame.params[a.index])).slice(0, 3);
      ctx.textAlign = 'center';
      for (const l of largest) {
        const x = l.x1 + (l.x2 - l.x1) * 0.3;
        const y = l.y1 + (l.y2 - l.y1) * 0.3;
        const label = sig4(frame.params[l.index]);
        const w = ctx.measureText(label).width + 6;
        ctx.fillStyle = panel;
        ctx.globalAlpha = 0.85;
        ctx.fillRect(x - w / 2, y - 8, w, 16);
        ctx.globalAlpha = 1;
        ctx.fillStyle = text;
        ctx.fillText(label, x, y);
      }
    }
  }

  /**
   * A picture's classes (Digits): each output as its digit and a bar as long
   * as its probability, the answer's in bold.
   * @param {CanvasRenderingContext2D} ctx @param {Spot[]} outputs @param {Frame} frame
   */
  #drawClassBars(ctx, outputs, frame) {
    const last = frame.rowValues.length - outputs.length;
    const p = Array.from(frame.rowValues.subarray(last));
    const answer = p.indexOf(Math.max(...p));
    ctx.textAlign = 'left';
    outputs.forEach((s, j) => {
      const x = s.x + s.r + 6;
      ctx.font = j === answer ? `600 ${LABEL_FONT}` : LABEL_FONT;
      ctx.fillStyle = this.colors.text;
      ctx.fillText(String(j), x, s.y);
      const barX = x + 12;
      const h = Math.max(3, Math.min(12, 1.2 * s.r));
      ctx.globalAlpha = 0.25;
      ctx.fillRect(barX, s.y - h / 2, BAR, h);
      ctx.globalAlpha = 1;
      ctx.fillStyle = sequential(0.3);
      ctx.fillRect(barX, s.y - h / 2, BAR * Math.min(1, Math.max(0, p[j] || 0)), h);
      ctx.fillStyle = this.colors.text;
      ctx.fillText((p[j] || 0).toFixed(2), barX + BAR + 4, s.y);
    });
    ctx.font = LABEL_FONT;
  }

  /** Shows the tooltip for what is under the pointer. */
  #hover() {
    const { placement: layout, frame, pointer } = this;
    if (!layout || !frame || !pointer) return;
    const text = describeSpot(layout, frame, pointer.x, pointer.y, this.activations, this.bias);
    if (!text) {
      this.tooltip.hidden = true;
      return;
    }
    this.tooltip.textContent = text;
    this.tooltip.hidden = false;
    const box = this.canvas.getBoundingClientRect();
    const tip = this.tooltip.getBoundingClientRect();
    const left = Math.min(pointer.x + 14, box.width - tip.width - 4);
    const top = pointer.y + 14 + tip.height > box.height ? pointer.y - tip.height - 10 : pointer.y + 14;
    this.tooltip.style.left = `${Math.max(0, left)}px`;
    this.tooltip.style.top = `${Math.max(0, top)}px`;
  }
}

/** Whether the net reads a square picture into ten classes (Digits), whose outputs are drawn as bars. @param {number[]} sizes */
function isPictureClasses(sizes) {
  return isPicture(sizes[0]) && sizes[sizes.length - 1] === 10;
}
