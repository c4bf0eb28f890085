// The loss landscape through the run's weights (the engine's), computed a
// band of rows at a time in the worker's turns so that the page's requests
// are answered meanwhile; a finished one waits to be sent.

import { countersOf } from './labs.js';

/** Landscape rows per call into the engine. */
const BAND = 1;

/**
 * @typedef {import('../pkg/backprop_lab.js').Lab} Lab
 * @typedef {import('../common/protocol.js').Landscape} Landscape
 */

export class LandscapeJob {
  constructor() {
    /** The pass under way: its next row, its size, the run's version and the lab it began with. @type {{ row: number, cells: number, version: number, lab: Lab } | null} */
    this.job = null;
    /** A finished landscape waiting to be sent. @type {Landscape | null} */
    this.done = null;
  }

  /** Whether a pass is under way. */
  get running() {
    return this.job !== null;
  }

  /** Starts a landscape of `cells` per side through `lab`'s weights now. @param {Lab} lab @param {number} version @param {number} cells */
  start(lab, version, cells) {
    lab.landscapeStart();
    this.job = { row: 0, cells, version, lab };
    this.done = null;
  }

  /** Computes bands for about `ms`; a whole landscape then waits to be sent. @param {Lab} lab @param {number} version @param {number} ms */
  advance(lab, version, ms) {
    const job = this.job;
    if (!job) return;
    // Another engine or another network took the run's place (a link opened, a lesson, a dataset of
    // other columns): the landscape asked for starts again on the weights there now.
    if (job.lab !== lab || !lab.landscapeFits()) {
      lab.landscapeStart();
      Object.assign(job, { row: 0, version, lab });
    }
    const started = performance.now();
    let grid;
    do {
      const to = Math.min(job.cells, job.row + BAND);
      grid = lab.landscapeRows(job.row, to);
      job.row = to;
    } while (job.row < job.cells && performance.now() - started < ms);
    if (job.row < job.cells) return;
    this.job = null;
    this.done = {
      cells: job.cells,
      losses: grid.slice(),
      path: lab.landscapePath().slice(),
      iteration: countersOf(lab).iteration,
      loss: lab.loss(),
      version: job.version,
    };
  }

  /** The finished landscape, once (null if none waits). */
  take() {
    const done = this.done;
    this.done = null;
    return done;
  }
}
