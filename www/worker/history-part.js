// The loss history's points that the page lacks, so that a report carries
// only those: the new tail, or every point when the history was thinned,
// cut or cleared since the page last had it.

/** @typedef {{ length: number, first: number, last: number } | null} Sent what the page holds: how many points, the first and last epoch */

/**
 * The part to send and what the page then holds.
 * @param {Float64Array} epochs @param {Float64Array} losses @param {Sent} had
 * @returns {[{ from: number, epochs: Float64Array, losses: Float64Array } | undefined, Sent]}
 */
export function historyPart(epochs, losses, had) {
  const n = epochs.length;
  const appended =
    had !== null && n >= had.length && (had.length === 0 || (epochs[0] === had.first && epochs[had.length - 1] === had.last));
  const from = appended ? had.length : 0;
  if (appended && from === n) return [undefined, had];
  const holds = { length: n, first: n > 0 ? epochs[0] : NaN, last: n > 0 ? epochs[n - 1] : NaN };
  return [{ from, epochs: epochs.slice(from), losses: losses.slice(from) }, holds];
}
