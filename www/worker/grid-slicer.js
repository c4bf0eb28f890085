// The decision boundary's grid, computed by the engine a band of rows at a
// time (a deep network's grid is thousands of forward passes), so that the
// engine's worker answers the page's requests between bands.

/** Grid rows per call into the engine. */
const BAND = 5;

export class GridSlicer {
  /** @param {number} cells per side */
  constructor(cells) {
    this.cells = cells;
    /** The next grid row to compute (0: a new pass starts), and the run's version the pass began with. */
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

  /** Starts the pass again if the weights changed since it began (the run's `version` moved). @param {number} version */
  restartIfStale(version) {
    if (this.version !== version) this.row = 0;
  }

  /**
   * Computes bands of `lab`'s grid over `extent` for about `ms`; returns the
   * whole grid once its last band is done (a view of engine memory: read it
   * before the next call), else null. `version`: the run's count of changes.
   * @param {import('../pkg/backprop_lab.js').Lab} lab @param {number} version
   * @param {{ xmin: number, xmax: number, ymin: number, ymax: number }} extent @param {number} ms
   */
  advance(lab, version, extent, ms) {
    if (this.row === 0) this.version = version;
    const corners = Float64Array.of(extent.xmin, extent.xmax, extent.ymin, extent.ymax);
    const started = performance.now();
    /** @type {Float64Array} */
    let grid;
    do {
      const to = Math.min(this.cells, this.row + BAND);
      grid = lab.grid(this.cells, corners, this.row, to);
      this.row = to;
    } while (this.row < this.cells && performance.now() - started < ms);
    if (this.row < this.cells) return null;
    this.row = 0;
    return grid;
  }
}
