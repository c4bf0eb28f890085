// What each neuron of the diagram responds to over the input plane (the
// engine's grid), drawn inside its circle: a hidden neuron's activation, or
// an input feature's value. Each map is painted once per grid into a small
// canvas of its own and drawn from there in the frames between.

import { divergingInto } from '../../common/colors.js';

export class NeuronMaps {
  constructor() {
    /** Each neuron's map (inputs at −1 − j): its canvas, pixels, and the grid they show. */
    this.cache =
      /** @type {Map<number, { canvas: HTMLCanvasElement, ctx: CanvasRenderingContext2D, image: ImageData, of: Float64Array | null }>} */ (
        new Map()
      );
  }

  /**
   * Neuron k's map of the plane, clipped to its circle: the grid sampled
   * down to the circle's size. An input feature's map (k = −1 − j, activation
   * 'input') is scaled by its largest magnitude over the plane.
   * @param {CanvasRenderingContext2D} ctx @param {{ x: number, y: number, r: number }} s @param {{ grid: Float64Array, cells: number }} maps @param {number} k @param {string} activation
   */
  draw(ctx, s, maps, k, activation) {
    const size = Math.max(4, Math.min(maps.cells, Math.round(2 * s.r)));
    let cached = this.cache.get(k);
    if (cached?.of === maps.grid && cached.canvas.width === size) {
      ctx.save();
      ctx.clip();
      ctx.drawImage(cached.canvas, s.x - s.r, s.y - s.r, 2 * s.r, 2 * s.r);
      ctx.restore();
      return;
    }
    // Each neuron keeps its small canvas and pixels: new maps (ten a second while playing) are painted into them.
    if (!cached || cached.canvas.width !== size) {
      const canvas = document.createElement('canvas');
      canvas.width = size;
      canvas.height = size;
      const octx = canvas.getContext('2d');
      if (!octx) return;
      cached = { canvas, ctx: octx, image: octx.createImageData(size, size), of: null };
      this.cache.set(k, cached);
    }
    const { canvas: off, ctx: octx, image } = cached;
    cached.of = maps.grid;
    const n = maps.cells;
    const base = (k < 0 ? -1 - k : k) * n * n;
    let largest = 0;
    if (activation === 'input') for (let i = base; i < base + n * n; i++) largest = Math.max(largest, Math.abs(maps.grid[i]));
    for (let y = 0; y < size; y++) {
      const row = Math.floor(((y + 0.5) * n) / size);
      for (let x = 0; x < size; x++) {
        const v = maps.grid[base + row * n + Math.floor(((x + 0.5) * n) / size)];
        const t =
          activation === 'input'
            ? v / (largest || 1)
            : activation === 'sigmoid' || activation === 'softmax'
              ? 2 * v - 1
              : activation === 'tanh'
                ? v
                : Math.tanh(v);
        divergingInto(image.data, y * size + x, t);
      }
    }
    octx.putImageData(image, 0, 0);
    ctx.save();
    ctx.clip();
    ctx.drawImage(off, s.x - s.r, s.y - s.r, 2 * s.r, 2 * s.r);
    ctx.restore();
  }
}
