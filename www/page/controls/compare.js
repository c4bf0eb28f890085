// Compare: "Compare" pins the run as A (its first weights, or where it
// stands) and goes on with B, the run every other control now changes; the
// worker trains A in step with B. The page shows A's loss beside B's, A's
// curve on the chart, which settings differ, and on request B − A per weight
// on the diagram; "Keep A" or "Keep B" ends it with that run.

import { byId } from '../ui/dom.js';
import { exact } from '../ui/format.js';

/**
 * @typedef {import('../store.js').App} App
 * @typedef {import('../../common/lab.js').Config} Config
 */

/** The settings a learner changes, in words, and how to read each from a config. @type {[string, (c: Config) => unknown][]} */
const SETTINGS = [
  ['layers', (c) => c.layers.join('-')],
  ['activations', (c) => (Array.isArray(c.activations) ? c.activations.join(', ') : c.activations)],
  ['biases', (c) => (c.bias ? 'on' : 'off')],
  ['initialisation', (c) => c.init],
  ['seed', (c) => c.seed],
  ['loss', (c) => c.loss],
  ['L2', (c) => c.l2],
  ['update mode', (c) => (c.update.mode === 'minibatch' ? `mini-batches of ${c.update.size}` : c.update.mode)],
  ['optimizer', (c) => c.optimizer.kind],
  ['learning rate', (c) => c.optimizer.learning_rate],
  ['momentum', (c) => c.optimizer.momentum],
  ['Adam β1', (c) => c.optimizer.beta1],
  ['Adam β2', (c) => c.optimizer.beta2],
  ['Adam ε', (c) => c.optimizer.epsilon],
];

/**
 * How B's settings differ from A's, in words.
 * @param {Config} a @param {Config} b
 */
export function differences(a, b) {
  const changed = SETTINGS.filter(([, read]) => JSON.stringify(read(a)) !== JSON.stringify(read(b))).map(
    ([name, read]) => `${name} ${read(a) ?? '–'} → ${read(b) ?? '–'}`,
  );
  if (JSON.stringify(a.data) !== JSON.stringify(b.data)) changed.push('the data');
  return changed;
}

/** @param {App} app */
export function setupCompare(app) {
  const start = byId('compare', HTMLButtonElement);
  const from = byId('compare-from', HTMLSelectElement);
  const comparing = byId('comparing');
  const summary = byId('compare-summary');
  const diff = byId('compare-diff', HTMLInputElement);
  const lossA = byId('loss-a');
  const lossRow = byId('loss-a-readout');

  /** Pins the run as A, B from the start chosen. */
  async function compare() {
    app.pause();
    await app.compare(/** @type {'start' | 'here'} */ (from.value));
  }
  start.addEventListener('click', compare);
  for (const [id, keep] of /** @type {const} */ ([
    ['keep-a', 'A'],
    ['keep-b', 'B'],
  ])) {
    byId(id, HTMLButtonElement).addEventListener('click', () => app.endCompare(keep));
  }
  diff.addEventListener('change', () => app.render());

  let shown = '';
  /** The settings that differ, worked out again only when either config changes (they hold the data). */
  let compared = { a: /** @type {Config | null} */ (null), b: /** @type {Config | null} */ (null), changed: /** @type {string[]} */ ([]) };
  return {
    compare,
    /** Whether the diagram shows B − A. */
    showsDifference() {
      return diff.checked && app.model.pinned !== null;
    },
    /** The readout, summary and buttons, from the latest of A. */
    update() {
      const a = app.model.pinned;
      comparing.hidden = a === null;
      lossRow.hidden = a === null;
      if (!a) return;
      const loss = a.failed ? 'diverged' : exact(a.loss);
      if (lossA.textContent !== loss) lossA.textContent = loss;
      if (compared.a !== a.config || compared.b !== app.model.config) {
        compared = { a: a.config, b: app.model.config, changed: differences(a.config, app.model.config) };
      }
      const changed = compared.changed;
      const text =
        changed.length === 0
          ? "Comparing: B has A's settings; change one (the controls now change B) to see what it does."
          : `Comparing: B differs from A in ${changed.join('; ')}.${a.failed ? ` A stopped: ${a.failed}.` : ''}`;
      if (text !== shown) summary.textContent = shown = text;
    },
  };
}
