// Compare: "Compare" pins the run as A (its first weights, or where it
// stands) and goes on with B, the run every other control now changes; the
// worker trains A in step with B. The page shows A's loss beside B's, A's
// curve on the chart, which settings differ, and on request B − A per weight
// on the diagram; "Keep A" or "Keep B" ends it with that run.

import { byId } from '../ui/dom.js';
import { exact } from '../ui/format.js';
import { inputLabel } from '../views/network-words.js';
import { language, t, addEnglish } from '../i18n.js';
import english from '../i18n/en/compare.json' with { type: 'json' };

addEnglish(english);

/**
 * @typedef {import('../store.js').App} App
 * @typedef {import('../../common/lab.js').Config} Config
 */

/** The settings a learner changes (the keys of their names), and how to read each from a config. @type {[import('../i18n.js').Key, (c: Config) => unknown][]} */
const SETTINGS = [
  ['compare.setting-layers', (c) => c.layers.join('-')],
  ['compare.setting-features', (c) => (c.features ? c.features.map(inputLabel).join(', ') : t('compare.raw-inputs'))],
  ['compare.setting-activations', (c) => (Array.isArray(c.activations) ? c.activations.join(', ') : c.activations)],
  ['compare.setting-biases', (c) => t(c.bias ? 'compare.on' : 'compare.off')],
  ['compare.setting-initialisation', (c) => c.init],
  ['compare.setting-seed', (c) => c.seed],
  ['compare.setting-loss', (c) => c.loss],
  ['compare.setting-l2', (c) => c.l2],
  ['compare.setting-l1', (c) => c.l1 ?? 0],
  [
    'compare.setting-update-mode',
    (c) => (c.update.mode === 'minibatch' ? t('compare.mini-batches-of', { size: String(c.update.size) }) : c.update.mode),
  ],
  ['compare.setting-optimizer', (c) => c.optimizer.kind],
  ['compare.setting-learning-rate', (c) => c.optimizer.learning_rate],
  ['compare.setting-momentum', (c) => c.optimizer.momentum],
  ['compare.setting-adam-beta1', (c) => c.optimizer.beta1],
  ['compare.setting-adam-beta2', (c) => c.optimizer.beta2],
  ['compare.setting-adam-epsilon', (c) => c.optimizer.epsilon],
];

/**
 * How B's settings differ from A's, in words.
 * @param {Config} a @param {Config} b
 */
export function differences(a, b) {
  const changed = SETTINGS.filter(([, read]) => JSON.stringify(read(a)) !== JSON.stringify(read(b))).map(
    ([name, read]) => `${t(name)} ${read(a) ?? '–'} → ${read(b) ?? '–'}`,
  );
  if (JSON.stringify(a.data) !== JSON.stringify(b.data)) changed.push(t('compare.the-data'));
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
  let compared = {
    a: /** @type {Config | null} */ (null),
    b: /** @type {Config | null} */ (null),
    language: language(),
    changed: /** @type {string[]} */ ([]),
  };
  return {
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
      const loss = a.failed ? t('compare.diverged') : exact(a.loss);
      if (lossA.textContent !== loss) lossA.textContent = loss;
      if (compared.a !== a.config || compared.b !== app.model.config || compared.language !== language()) {
        compared = { a: a.config, b: app.model.config, language: language(), changed: differences(a.config, app.model.config) };
      }
      const changed = compared.changed;
      const stopped = a.failed ? t('compare.a-stopped', { why: a.failed }) : '';
      const text =
        changed.length === 0
          ? t('compare.same-settings')
          : t('compare.differs', { changes: changed.join(t('list.parts-separator')), stopped });
      if (text !== shown) summary.textContent = shown = text;
    },
  };
}
