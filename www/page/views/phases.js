// The Step inspector's phases in numbers (forward, loss, backward,
// gradients, update): each a function of the engine's trace of the next
// iteration and of what the inspector walks (a `Walk`), returning the
// elements to show. Every number is the trace's; these only lay them out.

import { el } from '../ui/dom.js';
import { activationsOf } from '../../common/lab.js';
import { neuronName, parameterOffsets } from './network-words.js';
import { fName, fPrimeRule, forwardLine, hiddenDeltaLine, lossLine, num, outputDeltaLine } from './formulas.js';
import { t as words, tNodes } from '../i18n.js';

/**
 * @typedef {import('../../common/lab.js').Trace} Trace
 * @typedef {import('../../common/lab.js').GradientCheck} GradientCheck
 * What the inspector walks: the run's config and layout, the parameters' names, the lit layer (a column
 * of the diagram, 1 … L), the row shown (its place among the iteration's rows), or the question asked of
 * the network (`walkingQuestion`: its input, and its values through every layer once answered), and the
 * gradient check to show beside the gradients (or null).
 * @typedef {{
 *   config: import('../../common/lab.js').Config, layout: import('../../common/lab.js').Layout, names: string[],
 *   layer: number, pick: number, walkingQuestion: boolean, question: number[] | null,
 *   questionValues: Float64Array | null, check: GradientCheck | null
 * }} Walk
 */

const heading = (/** @type {string} */ text) => el('h3', text);
/** The network's layers of weights (the diagram's columns but the inputs'). @param {Walk} w */
const layersOf = (w) => w.config.layers.length - 1;
/** @param {Walk} w @param {number} c */
const layerName = (w, c) => (c === layersOf(w) ? words('network.output-layer') : words('inspector.hidden-c', { c }));
/** The row (or the question) the lines are of. @param {Trace} t @param {Walk} w */
const rowNote = (t, w) =>
  w.walkingQuestion
    ? words('inspector.question-note', { values: (w.question ?? []).join(', ') })
    : t.rows.length > 1
      ? words('inspector.row-of-many', { row: t.rows[w.pick] + 1, rows: t.rows.length })
      : words('inspector.row-n', { row: t.rows[w.pick] + 1 });

/** @param {Trace} t @param {Walk} w */
export function forwardView(t, w) {
  const { list } = activationsOf(w.config);
  const L = t.layers[w.layer - 1];
  const bias = w.config.bias;
  // A row's numbers come from the trace; the question's from its own forward pass, by the same weights.
  const values = w.walkingQuestion ? w.questionValues : null;
  const at = (/** @type {number} */ l, /** @type {'z' | 'a'} */ which) => {
    const { values_at: start, outputs } = w.layout.layers[l];
    const from = start + (which === 'z' ? 0 : outputs);
    return Array.from(/** @type {Float64Array} */ (values).subarray(from, from + outputs));
  };
  const inputs = values
    ? w.layer === 1
      ? /** @type {number[]} */ (w.question)
      : at(w.layer - 2, 'a')
    : w.layer === 1
      ? w.config.data.inputs[t.rows[w.pick]]
      : t.layers[w.layer - 2].a[w.pick];
  const zs = values ? at(w.layer - 1, 'z') : L.z[w.pick];
  const as = values ? at(w.layer - 1, 'a') : L.a[w.pick];
  const lines = zs.map((z, j) =>
    forwardLine({
      column: w.layer,
      columns: w.config.layers.length,
      j,
      inputs,
      weights: L.weights_before,
      bias: bias ? L.biases_before[j] : null,
      z,
      a: as[j],
      activation: list[w.layer - 1],
    }),
  );
  return [
    heading(words('inspector.forward-heading', { layer: w.layer, layers: layersOf(w), name: layerName(w, w.layer), row: rowNote(t, w) })),
    el('p', words(bias ? 'inspector.forward-rule-bias' : 'inspector.forward-rule', { f: fName(list[w.layer - 1]) })),
    el('ol', ...lines),
  ];
}

/** @param {Trace} t @param {Walk} w */
export function lossView(t, w) {
  const { output } = activationsOf(w.config);
  const last = t.layers[t.layers.length - 1];
  const y = t.rows.map((r) => w.config.data.targets[r]);
  return [
    heading(
      words(t.rows.length === 1 ? 'inspector.loss-heading-row' : 'inspector.loss-heading-rows', {
        rows: t.rows.length,
        n: t.iteration + 1,
      }),
    ),
    el('ol', lossLine({ loss: w.config.loss, outputActivation: output, yHat: last.a, y, value: t.rows_loss })),
    el('p', ...tNodes('inspector.loss-over-all', { before: num(t.loss_before), after: num(t.loss_after) })),
    ...(w.config.l2 > 0 ? [el('p', words('inspector.l2-term'))] : []),
    ...((w.config.l1 ?? 0) > 0 ? [el('p', words('inspector.l1-term'))] : []),
  ];
}

/** @param {Trace} t @param {Walk} w */
export function backwardView(t, w) {
  const { list } = activationsOf(w.config);
  const L = t.layers[w.layer - 1];
  const n = t.rows.length;
  const k = L.delta[0].length;
  const name = (/** @type {number} */ j) => neuronName(w.layer, j, w.config.layers.length);
  let lines;
  if (w.layer === layersOf(w)) {
    const y = w.config.data.targets[t.rows[w.pick]];
    lines = L.delta[w.pick].map((delta, j) =>
      outputDeltaLine({
        name: name(j),
        j,
        loss: w.config.loss,
        yHat: L.a[w.pick][j],
        y: y[j],
        fprime: L.fprime[w.pick][j],
        delta,
        n,
        k,
      }),
    );
  } else {
    const above = t.layers[w.layer];
    lines = L.delta[w.pick].map((delta, j) =>
      hiddenDeltaLine({
        name: name(j),
        j,
        weights: above.weights_before[j],
        deltas: above.delta[w.pick],
        sum: L.back_sums[w.pick][j],
        fprime: L.fprime[w.pick][j],
        delta,
      }),
    );
  }
  return [
    heading(words('inspector.backward-heading', { layer: w.layer, layers: layersOf(w), name: layerName(w, w.layer), row: rowNote(t, w) })),
    el('p', `δ = ∂L/∂z. ${fPrimeRule(list[w.layer - 1])}.`),
    el('ol', ...lines),
  ];
}

/** @param {Trace} t @param {Walk} w */
export function gradientsView(t, w) {
  const L = t.layers[w.layer - 1];
  const offsets = parameterOffsets(w.layout)[w.layer - 1];
  const check = w.check;
  const header = el(
    'tr',
    el('th', words('inspector.parameter')),
    el('th', '∂L/∂p'),
    ...(check ? [el('th', words('inspector.finite-difference'))] : []),
  );
  /** @type {HTMLElement[]} */
  const rows = [];
  const add = (/** @type {number} */ index, /** @type {number} */ g) =>
    rows.push(el('tr', el('td', w.names[index]), el('td', num(g)), ...(check ? [el('td', num(check.numeric[index]))] : [])));
  L.grad_weights.forEach((row, i) => row.forEach((g, j) => add(offsets.weights + i * offsets.nOut + j, g)));
  if (w.config.bias) L.grad_biases.forEach((g, j) => add(offsets.biases + j, g));
  const [l1, l2] = [(w.config.l1 ?? 0) > 0, w.config.l2 > 0];
  const rule = words(
    l1 && l2
      ? 'inspector.gradient-rule-l1-l2'
      : l1
        ? 'inspector.gradient-rule-l1'
        : l2
          ? 'inspector.gradient-rule-l2'
          : 'inspector.gradient-rule',
  );
  return [
    heading(words('inspector.gradients-heading', { layer: w.layer, layers: layersOf(w), name: layerName(w, w.layer) })),
    el('p', words('inspector.gradients-note', { rule })),
    el('table', el('thead', header), el('tbody', ...rows)),
  ];
}

/** @param {Trace} t @param {Walk} w */
export function updateView(t, w) {
  const opt = w.config.optimizer;
  const offsets = parameterOffsets(w.layout);
  const rule = {
    sgd: 'p ← p − η·g',
    momentum: 'v ← μ·v − η·g; p ← p + v',
    adam: 't ← t + 1; m ← β₁·m + (1 − β₁)·g; s ← β₂·s + (1 − β₂)·g²; p ← p − η·(m/(1 − β₁ᵗ)) / (√(s/(1 − β₂ᵗ)) + ε)',
  }[opt.kind];
  const stepName = words(opt.kind === 'momentum' ? 'inspector.step-v' : opt.kind === 'adam' ? 'inspector.step-adam' : 'inspector.step-sgd');
  const head = [
    words('inspector.parameter'),
    words('inspector.old'),
    'g',
    ...(opt.kind === 'momentum' ? ['v'] : opt.kind === 'adam' ? ['m', 's'] : []),
    stepName,
    words('inspector.new'),
  ];
  /** @type {HTMLElement[]} */
  const rows = [];
  t.layers.forEach((L, l) => {
    const o = offsets[l];
    const each = (
      /** @type {number} */ index,
      /** @type {number} */ old,
      /** @type {number} */ g,
      /** @type {number} */ step,
      /** @type {number} */ next,
    ) => {
      const state =
        opt.kind === 'momentum'
          ? [el('td', num(t.optimizer.after.first[index]))]
          : opt.kind === 'adam'
            ? [el('td', num(t.optimizer.after.first[index])), el('td', num(t.optimizer.after.second[index]))]
            : [];
      rows.push(
        el('tr', el('td', w.names[index]), el('td', num(old)), el('td', num(g)), ...state, el('td', num(step)), el('td', num(next))),
      );
    };
    L.weights_before.forEach((row, i) =>
      row.forEach((w, j) => each(o.weights + i * o.nOut + j, w, L.grad_weights[i][j], L.step_weights[i][j], L.weights_after[i][j])),
    );
    if (w.config.bias) L.biases_before.forEach((b, j) => each(o.biases + j, b, L.grad_biases[j], L.step_biases[j], L.biases_after[j]));
  });
  const steps = opt.kind === 'adam' ? `, t = ${t.optimizer.after.steps}` : '';
  return [
    heading(words('inspector.update-heading', { n: t.iteration + 1 })),
    el(
      'p',
      ...tNodes('inspector.update-rule', {
        rule: `${rule} (η = ${opt.learning_rate}${steps})`,
        before: num(t.loss_before),
        after: num(t.loss_after),
      }),
    ),
    el('table', el('thead', el('tr', ...head.map((h) => el('th', h)))), el('tbody', ...rows)),
    el('p', words('inspector.next-forward')),
  ];
}
