// The decision boundary's grid, computed by the engine a band of rows at a
// time (a deep network's grid is thousands of forward passes), so that the
// engine's worker answers the page's requests between bands.

/** Grid rows per call into the engine. */
const BAND = 5;

export class GridSlicer {
  /** @param {import('../common/lab.js').Model} model @param {number} cells per side */
  constructor(model, cells) {
    this.model = model;
    this.cells = cells;
    /** The next grid row to compute (0: a new pass starts), and the model version the pass began with. */
    this.row = 0;
    this.version = -1;
  }

  /** Whether the next band starts a new pass (whose extent may differ). */
  get starting() {
    return this.row === 0;
  }

  /** Starts the pass again (the plane changed). */
  restart() {
    this.row = 0;
  }

  /** Starts the pass again if the weights changed since it began. */
  restartIfStale() {
    if (this.version !== this.model.version) this.row = 0;
  }

  /**
   * Computes bands of the grid over `extent` for about `ms`; returns the
   * whole grid once its last band is done (a view of engine memory: read it
   * before the next call), else null.
   * @param {{ xmin: number, xmax: number, ymin: number, ymax: number }} extent @param {number} ms
   */
  advance(extent, ms) {
    if (this.row === 0) this.version = this.model.version;
    const started = performance.now();
    /** @type {Float64Array} */
    let grid;
    do {
      const to = Math.min(this.cells, this.row + BAND);
      grid = this.model.grid(this.cells, extent, this.row, to);
      this.row = to;
    } while (this.row < this.cells && performance.now() - started < ms);
    if (this.row < this.cells) return null;
    this.row = 0;
    return grid;
  }
}
