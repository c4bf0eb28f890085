// "Yours" beside backpropagation's numbers in the Step inspector, after
// "Check my code" opened a learner's run: for the lit layer, every quantity
// the learner recorded at this iteration, each number beside the lab's, the
// ones that differ marked (the engine says which).

import { el } from '../ui/dom.js';
import { num } from '../views/formulas.js';
import { t as words } from '../i18n.js';

/**
 * @typedef {import('../../common/lab.js').Trace} Trace
 * @typedef {NonNullable<import('./check.js').CheckVerdict['yours']>} Yours
 */

/** The recorded quantities in the order they are computed, with the trace's name for the lab's numbers. */
const QUANTITIES = /** @type {const} */ (['z', 'a', 'delta', 'grad_weights', 'grad_biases', 'weights_after', 'biases_after']);

/**
 * The table of the learner's numbers of layer `layer` (1 = the first weight layer) and the loss.
 * @param {Trace} t the lab's trace of the same iteration @param {number} layer @param {Yours} yours
 * @returns {HTMLElement[]}
 */
export function yoursView(t, layer, yours) {
  /** @type {HTMLElement[]} */
  const rows = [];
  const row = (
    /** @type {string} */ what,
    /** @type {number} */ lab,
    /** @type {number | null} */ mine,
    /** @type {boolean} */ differs,
  ) => {
    const tr = el('tr', el('td', what), el('td', num(lab)), el('td', mine === null ? 'NaN' : num(mine)), el('td', differs ? '≠' : ''));
    if (differs) tr.className = 'differs';
    rows.push(tr);
  };
  if (yours.loss !== null && yours.loss !== undefined) row(words('yours.loss-of-rows'), t.rows_loss, yours.loss, yours.loss_differs);
  const recorded = yours.layers[layer - 1] ?? {};
  const marks = yours.differs[layer - 1] ?? {};
  const L = /** @type {Record<string, number[] | number[][]>} */ (/** @type {unknown} */ (t.layers[layer - 1]));
  for (const q of QUANTITIES) {
    const mine = recorded[q];
    if (!mine) continue;
    const lab = L[q].flat();
    const off = new Set(marks[q] ?? []);
    const width = Array.isArray(mine[0]) ? mine[0].length : 0;
    mine.flat().forEach((value, i) => {
      const index = width ? `[${Math.floor(i / width)}, ${i % width}]` : `[${i}]`;
      row(`${q} ${index}`, lab[i], value, off.has(i));
    });
  }
  const differing = rows.filter((r) => r.className === 'differs').length;
  const table = el(
    'table',
    el(
      'thead',
      el(
        'tr',
        el('th', words('yours.number')),
        el('th', words('yours.backpropagation')),
        el('th', words('yours.yours')),
        el('th', words('yours.differs')),
      ),
    ),
    el('tbody', ...rows),
  );
  table.setAttribute('aria-label', words('yours.table'));
  return [
    el('h3', words('yours.heading', { iteration: yours.iteration, layer })),
    el('p', words('yours.differing', { differing, numbers: rows.length })),
    table,
  ];
}
