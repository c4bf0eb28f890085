// The decision boundary the page draws: the grid of the network's outputs
// over the plane (a band at a time, grid-slicer.js), then, once whole, the
// hidden neurons' maps, the input features' maps and the painted pixels
// (the engine's), waiting to be sent. It knows which weights and plane the
// page's boundary is of, so that nothing is computed twice.

import { planar } from '../common/lab.js';
import { PLANE_PALETTE } from '../common/colors.js';
import { GridSlicer } from './grid-slicer.js';

/** While playing, a new boundary at most this often (ms): the eye needs no more, the page's thread and the training gain. */
const PLAYING_EVERY_MS = 100;

/**
 * @typedef {import('../pkg/backprop_lab.js').Lab} Lab
 * @typedef {NonNullable<import('../common/protocol.js').View['plane']>} Plane
 * @typedef {NonNullable<import('../common/protocol.js').Report['boundary']>} Boundary
 * @typedef {{ lab: Lab, version: number, config: import('../common/lab.js').Config, layout: import('../common/lab.js').Layout, playing: boolean }} Run
 */

/** @param {Plane} plane */
const keyOf = (plane) => JSON.stringify(plane);

export class BoundaryJob {
  /** @param {number} cells per side of the grid */
  constructor(cells) {
    this.cells = cells;
    this.grid = new GridSlicer(cells);
    /** The grid pass's plane (extent and scale): a new one starts the pass again. */
    this.gridKey = '';
    /** The version and plane of the boundary the page holds. */
    this.shown = { version: -1, key: '' };
    /** A finished boundary waiting to be sent. @type {Boundary | null} */
    this.waiting = null;
    /** The plane and features of the input features' maps the page holds: they change with neither the weights nor Play. */
    this.featuresKey = '';
    /** When the last boundary was sent (ms). */
    this.sentAt = -Infinity;
  }

  /** Whether the boundary the page holds is not of these weights and this plane. @param {Plane | null} plane @param {Run} run */
  pending(plane, run) {
    if (!plane || !planar(run.config)) return false;
    return this.shown.version !== run.version || this.shown.key !== keyOf(plane);
  }

  /** Computes bands of the grid for about `ms`; a whole one is painted and waits to be sent. @param {Plane | null} plane @param {Run} run @param {number} ms */
  advance(plane, run, ms) {
    if (ms <= 0 || !plane || !this.pending(plane, run)) return;
    const { lab, version } = run;
    if (run.playing && this.grid.starting && performance.now() - this.sentAt < PLAYING_EVERY_MS) return;
    const key = keyOf(plane);
    if (key !== this.gridKey) {
      this.gridKey = key;
      this.grid.restart();
    }
    // Paused, a pass that began with other weights starts again; playing, it finishes (a frame later is fine).
    if (!run.playing) this.grid.restartIfStale(version);
    const of = this.grid.starting ? version : this.grid.version;
    let whole;
    try {
      whole = this.grid.advance(lab, version, plane.extent, ms);
    } catch {
      this.shown = { version, key }; // nothing to draw for these weights (say, diverged)
      return;
    }
    if (!whole) return;
    this.waiting = this.#painted(whole, plane, run);
    this.shown = { version: of, key };
  }

  /** The boundary of a whole grid: the hidden maps, the outputs, the features' maps, the pixels. @param {Float64Array} whole @param {Plane} plane @param {Run} run */
  #painted(whole, plane, { lab, config, layout }) {
    const cells = this.cells * this.cells;
    const layers = layout.layers;
    const outputs = layers[layers.length - 1].outputs;
    const hidden = layers.slice(0, -1).reduce((n, l) => n + l.outputs, 0);
    const maps = whole.slice(0, hidden * cells);
    const outputGrid = whole.slice(hidden * cells, (hidden + outputs) * cells);
    // The features' maps only when the plane or the features changed; else the page keeps the ones it has
    // (or those of the boundary that waits to be sent, which this one replaces).
    const fKey = JSON.stringify([plane.extent, config.features ?? null]);
    const { xmin, xmax, ymin, ymax } = plane.extent;
    const features =
      fKey === this.featuresKey
        ? (this.waiting?.features ?? null)
        : Float64Array.from(lab.featureMaps(this.cells, Float64Array.of(xmin, xmax, ymin, ymax)));
    this.featuresKey = fKey;
    const image = lab.boundaryImage(this.cells, PLANE_PALETTE, plane.scale, plane.discrete);
    return {
      cells: this.cells,
      extent: plane.extent,
      outputs: outputGrid,
      maps,
      features,
      image: new Uint8ClampedArray(image.buffer),
      width: this.cells,
      height: this.cells,
    };
  }

  /** The finished boundary, once (null if none waits); sending it starts the wait for the next one while playing. */
  take() {
    const boundary = this.waiting;
    if (!boundary) return null;
    this.waiting = null;
    this.sentAt = performance.now();
    return boundary;
  }
}
