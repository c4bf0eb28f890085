// The step inspector's formulas: each line of one iteration written out with
// the engine's numbers (4 significant digits, every digit on hover). Nothing
// here computes a number that is shown; it only places the engine's numbers
// into the formula. Built as DOM text (sub- and superscripts as elements),
// never as HTML.

import { exact, sig4 } from '../ui/format.js';
import { neuronName } from './network.js';
import { el } from '../ui/dom.js';
import { t } from '../i18n.js';

/** At most this many terms of a sum are written out; the largest, then "…". */
export const MAX_TERMS = 6;

/** @typedef {import('../ui/dom.js').Part} Part */

/** A number of the engine's, 4 digits shown, all on hover; negative ones in a product go in parentheses. */
export function num(/** @type {number} */ x, parenthesise = false) {
  const text = sig4(x);
  const span = el('span', parenthesise && x < 0 ? `(${text})` : text);
  span.className = 'num';
  span.title = exact(x);
  return span;
}

/** A symbol with a subscript, like z₁ or w₂₁. @param {string} symbol @param {string | number} sub */
export function sub(symbol, sub) {
  return el('span', symbol, el('sub', String(sub)));
}

/** The activation's name in a formula. @param {string} activation */
export function fName(activation) {
  return { sigmoid: 'σ', tanh: 'tanh', relu: 'ReLU', linear: 'id', softmax: 'softmax' }[activation] ?? activation;
}

/** f'(z) in terms of what the forward pass kept (docs/numerics.md). @param {string} activation */
export function fPrimeRule(activation) {
  return (
    {
      sigmoid: "σ'(z) = a(1 − a)",
      tanh: "tanh'(z) = 1 − a²",
      relu: "ReLU'(z) = 1 where z > 0, else 0",
      linear: "id'(z) = 1",
      softmax: t('inspector.softmax-delta'),
    }[activation] ?? ''
  );
}

/**
 * Σ products written out: the terms in order, or the largest MAX_TERMS of
 * them (by |product|, in order) and "…".
 * @param {[number, number][]} pairs [factor, factor] per term
 * @returns {Part[]}
 */
export function productSum(pairs) {
  let shown = pairs.map((_, i) => i);
  if (pairs.length > MAX_TERMS) {
    shown = [...shown]
      .sort((i, j) => Math.abs(pairs[j][0] * pairs[j][1]) - Math.abs(pairs[i][0] * pairs[i][1]))
      .slice(0, MAX_TERMS)
      .sort((i, j) => i - j);
  }
  /** @type {Part[]} */
  const parts = [];
  shown.forEach((i, n) => {
    if (n > 0) parts.push(' + ');
    parts.push(num(pairs[i][0], true), '×', num(pairs[i][1], true));
  });
  if (shown.length < pairs.length) parts.push(' + …');
  return parts;
}

/**
 * Forward, one neuron: z = Σ w·a + b = z, then a = f(z) = a.
 * @param {{ column: number, columns: number, j: number, inputs: number[], weights: number[][], bias: number | null, z: number, a: number, activation: string }} p
 */
export function forwardLine(p) {
  const pairs = p.inputs.map((x, i) => /** @type {[number, number]} */ ([p.weights[i][p.j], x]));
  const li = el('li');
  li.append(
    el('strong', neuronName(p.column, p.j, p.columns)),
    ': ',
    sub('z', p.j + 1),
    ' = ',
    ...productSum(pairs),
    ...(p.bias === null ? [] : [' + ', num(p.bias, true)]),
    ' = ',
    num(p.z),
    el('br'),
    sub('a', p.j + 1),
    ` = ${fName(p.activation)}(z) = `,
    num(p.a),
  );
  return li;
}

/**
 * The loss of the iteration's rows written out.
 * @param {{ loss: string, outputActivation: string, yHat: number[][], y: number[][], value: number }} p
 */
export function lossLine(p) {
  const n = p.yHat.length;
  const k = p.yHat[0]?.length ?? 0;
  /** @type {Part[][]} */
  const terms = [];
  p.yHat.forEach((row, r) =>
    row.forEach((yh, c) => {
      const y = p.y[r][c];
      if (p.loss === 'cross_entropy') {
        if (p.outputActivation === 'softmax') terms.push([num(y), '·ln ', num(yh)]);
        else terms.push([num(y), '·ln ', num(yh), ' + (1 − ', num(y), ')·ln(1 − ', num(yh), ')']);
      } else {
        terms.push(['(', num(yh), ' − ', num(y), ')²']);
      }
    }),
  );
  /** @type {Part[]} */
  const sum = [];
  terms.slice(0, MAX_TERMS).forEach((t, i) => sum.push(...(i > 0 ? [' + '] : []), ...t));
  if (terms.length > MAX_TERMS) sum.push(' + …');
  const li = el('li');
  if (p.loss === 'sse') li.append('L = ½·Σ(ŷ − y)² = ½·[', ...sum, '] = ', num(p.value));
  else if (p.loss === 'mse') li.append(`L = Σ(ŷ − y)² / (n·K) = [`, ...sum, `] / (${n}·${k}) = `, num(p.value));
  else if (p.outputActivation === 'softmax') li.append('L = −Σ y·ln ŷ / n = −[', ...sum, `] / ${n} = `, num(p.value));
  else li.append('L = −Σ[y·ln ŷ + (1 − y)·ln(1 − ŷ)] / n = −[', ...sum, `] / ${n} = `, num(p.value));
  return li;
}

/**
 * Backward, one output neuron: δ by the loss's rule (docs/numerics.md).
 * @param {{ name: string, j: number, loss: string, yHat: number, y: number, fprime: number, delta: number, n: number, k: number }} p
 */
export function outputDeltaLine(p) {
  const li = el('li', el('strong', p.name), ': ', sub('δ', p.j + 1), ' = ');
  const diff = ['(', num(p.yHat), ' − ', num(p.y), ')'];
  if (p.loss === 'sse') li.append("(ŷ − y)·f'(z) = ", ...diff, '×', num(p.fprime, true));
  else if (p.loss === 'mse') li.append(`2(ŷ − y)·f'(z)/(n·K) = 2×`, ...diff, '×', num(p.fprime, true), `/(${p.n}·${p.k})`);
  else li.append('(ŷ − y)/n = ', ...diff, `/${p.n}`);
  li.append(' = ', num(p.delta));
  return li;
}

/**
 * Backward, one hidden neuron: δ_j = f'(z_j)·Σ_k w_jk·δ_k.
 * @param {{ name: string, j: number, weights: number[], deltas: number[], sum: number, fprime: number, delta: number }} p
 */
export function hiddenDeltaLine(p) {
  const pairs = p.deltas.map((d, k) => /** @type {[number, number]} */ ([p.weights[k], d]));
  return el(
    'li',
    el('strong', p.name),
    ': ',
    sub('δ', p.j + 1),
    " = f'(z)·Σ w·δ = ",
    num(p.fprime, true),
    ' × [',
    ...productSum(pairs),
    '] = ',
    num(p.fprime, true),
    ' × ',
    num(p.sum, true),
    ' = ',
    num(p.delta),
  );
}
