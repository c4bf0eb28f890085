// The network diagram in words: the names of neurons and parameters, the
// text alternative, and what lies under the pointer (the tooltip).

import { sig4 } from '../ui/format.js';
import { t } from '../i18n.js';

/**
 * @typedef {import('../../common/lab.js').Frame} Frame
 * @typedef {import('./network.js').Placement} Placement
 * @typedef {import('./network.js').Line} Line
 */

/** How an input's name is written: x1², x1·x2 for the engine's x1^2, x1*x2. @param {string} name */
export const inputLabel = (name) => name.replace('^2', '²').replace('*', '·');

/**
 * The name of neuron j of column c (0 = inputs) in a net of `columns` columns,
 * the inputs named as the engine's layout names them (features, or x1, x2, …).
 * @param {number} c @param {number} j @param {number} columns @param {string[]} [inputs]
 */
export function neuronName(c, j, columns, inputs) {
  if (c === 0) return inputLabel(inputs?.[j] ?? `x${j + 1}`);
  if (c === columns - 1) return `ŷ${j + 1}`;
  return t('network.hidden-neuron', { c, j: j + 1 });
}

/**
 * Where the weights and biases of each layer start in the parameters, as
 * the engine lays them out (`Lab.layout`).
 * @param {import('../../common/lab.js').Layout} layout
 */
export function parameterOffsets(layout) {
  return layout.layers.map((l) => ({ weights: l.weights_at, biases: l.biases_at, nIn: l.inputs, nOut: l.outputs }));
}

/**
 * The name of every parameter in the engine's layout: "Weight from x1 to
 * hidden 1.2", "Bias of hidden 1.2".
 * @param {import('../../common/lab.js').Layout} layout
 */
export function parameterNames(layout) {
  const columns = layout.sizes.length;
  /** @type {string[]} */
  const names = [];
  parameterOffsets(layout).forEach(({ nIn, nOut }, l) => {
    for (let i = 0; i < nIn; i++) {
      for (let j = 0; j < nOut; j++)
        names.push(t('network.weight-from-to', { from: neuronName(l, i, columns, layout.input_names), to: neuronName(l + 1, j, columns) }));
    }
    for (let j = 0; j < nOut; j++) names.push(t('network.bias-of', { name: neuronName(l + 1, j, columns) }));
  });
  return names;
}

/**
 * The diagram's text alternative: layer sizes and the loss, the row's answer (up to `labelled` outputs), the thickest line.
 * @param {Frame} frame @param {string[]} activations @param {number} labelled
 */
export function describeNetwork(frame, activations, labelled) {
  const sizes = frame.sizes;
  const features = frame.layout.input_names.some((name, i) => name !== `x${i + 1}`);
  const parts = [
    features
      ? t('network.feature-inputs', { n: sizes[0], names: frame.layout.input_names.map(inputLabel).join(', ') })
      : t(sizes[0] === 1 ? 'network.one-input' : 'network.n-inputs', { n: sizes[0] }),
  ];
  for (let l = 1; l < sizes.length; l++) {
    const what = l === sizes.length - 1 ? t('network.output-layer') : t('network.hidden-layer-n', { n: l });
    const neurons = t(sizes[l] === 1 ? 'network.one-neuron' : 'network.n-neurons', { n: sizes[l] });
    parts.push(t('network.layer-part', { what, neurons, activation: activations[l - 1] }));
  }
  const outputs = sizes[sizes.length - 1];
  const last = frame.rowValues.length - outputs;
  const predicted = Array.from({ length: Math.min(outputs, labelled) }, (_, j) => `ŷ${j + 1} = ${sig4(frame.rowValues[last + j])}`);
  const row = frame.row < 0 ? t('network.the-question') : t('network.row-n', { n: frame.row + 1 });
  return t('network.described', {
    sizes: sizes.join('-'),
    parts: parts.join(t('list.parts-separator')),
    loss: sig4(frame.loss),
    iteration: frame.iteration,
    row,
    input: frame.input.map(sig4).join(', '),
    outputs: predicted.join(', '),
    strongest: strongest(frame),
  });
}

/** The weight of largest magnitude, in words: the thickest line. @param {Frame} frame */
function strongest(frame) {
  let [best, name] = [-1, ''];
  const columns = frame.sizes.length;
  parameterOffsets(frame.layout).forEach(({ weights, nIn, nOut }, l) => {
    for (let k = 0; k < nIn * nOut; k++) {
      const w = frame.params[weights + k];
      if (Math.abs(w) <= best) continue;
      best = Math.abs(w);
      name = t('network.thickest', {
        from: neuronName(l, Math.floor(k / nOut), columns, frame.layout.input_names),
        to: neuronName(l + 1, k % nOut, columns),
        w: sig4(w),
      });
    }
  });
  return name;
}

/**
 * What lies at (x, y): a neuron with z, a and its bias, or a weight with
 * its value and last gradient; null for empty space.
 * @param {Placement} layout @param {Frame} frame @param {number} x @param {number} y
 * @param {string[]} activations each layer's @param {boolean} bias whether layers have biases
 */
export function describeSpot(layout, frame, x, y, activations, bias) {
  const columns = layout.columns.length;
  const offsets = parameterOffsets(frame.layout);
  for (let c = 0; c < columns; c++) {
    const spots = layout.columns[c];
    for (let j = 0; j < spots.length; j++) {
      const s = spots[j];
      if (Math.hypot(x - s.x, y - s.y) > s.r + 3) continue;
      const name = neuronName(c, j, columns, frame.layout.input_names);
      if (c === 0) return t('network.input-spot', { name, value: sig4(frame.input[j]), row: frame.row + 1 });
      // The layer's z values, then its a values, where the engine's layout puts them.
      const { values_at: at, outputs: n } = frame.layout.layers[c - 1];
      const z = frame.rowValues[at + j];
      const a = frame.rowValues[at + n + j];
      const o = offsets[c - 1];
      const lines = [t('network.neuron-spot', { name, row: frame.row + 1 }), `z = ${sig4(z)}`, `a = ${activations[c - 1]}(z) = ${sig4(a)}`];
      lines.push(bias ? t('network.bias-is', { value: sig4(frame.params[o.biases + j]) }) : t('network.no-bias'));
      return lines.join('\n');
    }
  }
  /** @type {Line | null} */
  let best = null;
  let bestDistance = Infinity;
  for (const l of layout.lines) {
    const d = distanceToSegment(x, y, l);
    if (d < bestDistance) {
      bestDistance = d;
      best = l;
    }
  }
  if (!best || bestDistance > 5) return null;
  const from = neuronName(best.layer, best.from, columns, frame.layout.input_names);
  const to = neuronName(best.layer + 1, best.to, columns);
  return [
    t('network.weight-from-to', { from, to }),
    `w = ${sig4(frame.params[best.index])}`,
    t('network.gradient-is', { value: sig4(frame.grads[best.index]) }),
  ].join('\n');
}

/** @param {number} x @param {number} y @param {Line} l */
export function distanceToSegment(x, y, l) {
  const dx = l.x2 - l.x1;
  const dy = l.y2 - l.y1;
  const length2 = dx * dx + dy * dy;
  const u = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((x - l.x1) * dx + (y - l.y1) * dy) / length2));
  return Math.hypot(x - (l.x1 + u * dx), y - (l.y1 + u * dy));
}
