// Gradient health (the engine's, per layer) at the epochs sampled while the
// page shows it, at the chart's pace: at most `max` samples, every other one
// dropped when there are more.

import { countersOf } from './labs.js';

/** @typedef {import('../common/lab.js').HealthSample} HealthSample */

export class HealthSeries {
  /** @param {number} max */
  constructor(max) {
    this.max = max;
    /** @type {HealthSample[]} */
    this.samples = [];
  }

  /** Adds a sample of `lab`'s current epoch, unless it has one; returns whether it did. @param {import('../pkg/backprop_lab.js').Lab} lab */
  sample(lab) {
    const { epoch } = countersOf(lab);
    if (this.samples.at(-1)?.epoch === epoch) return false;
    this.samples.push({ epoch, layers: JSON.parse(lab.health()) });
    if (this.samples.length > this.max) this.samples = this.samples.filter((_, i, all) => i % 2 === 0 || i === all.length - 1);
    return true;
  }

  /** Forgets every sample (the run changed other than by training). */
  clear() {
    this.samples = [];
  }
}
