// The Dataset list: the truth tables and the small presets (their data, or
// Iris's whole config), the datasets with held-out test rows (fetched when
// chosen, tables.js) and the 2-D point sets (points.js); "Custom" when the
// table matches none of them.

import { presetConfig } from '../presets.js';
import { byId } from '../ui/dom.js';
import { replaceConfig } from '../../common/lab.js';
import { GENERATORS } from './points.js';
import { HELD_OUT_DATASETS, heldOutPreset } from '../tables.js';
import { t } from '../i18n.js';

/**
 * @typedef {import('../../common/lab.js').Config} Config
 * @typedef {import('../store.js').App} App
 */

/**
 * The presets the Dataset select offers: the key of its label, engine preset name, and
 * whether choosing it takes the preset's whole config (network and
 * training settings) rather than only its data.
 * @type {[import('../i18n.js').Key, string, boolean][]}
 */
const DATASETS = [
  ['dataset.and', 'and', false],
  ['dataset.or', 'or', false],
  ['dataset.nand', 'nand', false],
  ['dataset.nor', 'nor', false],
  ['dataset.xor', 'xor', false],
  ['dataset.xnor', 'xnor', false],
  ['dataset.siraj-neuron', 'siraj-neuron', false],
  ['dataset.parity-3', 'parity-3', false],
  ['dataset.parity-4', 'parity-4', false],
  ['dataset.majority-3', 'majority-3', false],
  ['dataset.half-adder', 'half-adder', false],
  ['dataset.full-adder', 'full-adder', false],
  ['dataset.comparator-2', 'comparator-2', false],
  ['dataset.iris', 'iris', true],
];

/** @param {App} app @param {HTMLElement} errors where a dataset that cannot be had is refused */
export function setupDatasetSelect(app, errors) {
  const select = byId('dataset', HTMLSelectElement);
  /** @type {Map<string, string>} preset name -> its data as JSON */
  const presetData = new Map(DATASETS.map(([, name]) => [name, JSON.stringify(presetConfig(name).data)]));
  const wholeConfig = new Set(DATASETS.filter(([, , whole]) => whole).map(([, name]) => name));

  /** An option worded in the page's language (i18n.js rewords it when the language changes). @param {import('../i18n.js').Key} key @param {string} name */
  const option = (key, name) => {
    const o = new Option(t(key), name);
    o.dataset.i18n = key;
    return o;
  };
  for (const [key, name] of [...DATASETS, ...HELD_OUT_DATASETS, ...GENERATORS]) select.add(option(key, name));
  const heldOut = new Set(HELD_OUT_DATASETS.map(([, name]) => name));
  const generators = new Set(GENERATORS.map(([, name]) => name));
  const custom = option('dataset.custom', 'custom');
  custom.disabled = true;
  select.add(custom);

  /** Counts the learner's choices: a file that lands after a later choice is dropped (the last choice wins). */
  let choices = 0;
  select.addEventListener('change', async () => {
    const name = select.value;
    const choice = ++choices;
    if (generators.has(name)) {
      if (!(await app.choosePoints(name, select))) select.value = datasetOf(app.model.config);
      return;
    }
    if (heldOut.has(name)) {
      // In the queue from the choice on: what the learner does while the file comes applies to its run.
      const later = () => choice !== choices;
      const loading = heldOutPreset(name).then(
        ({ config, test }) =>
          later() ? null : { edit: (/** @type {Config} */ c) => replaceConfig(c, config), also: { test, points: null, heldOut: name } },
        (e) => {
          if (later()) return null;
          throw e;
        },
      );
      const ok = await app.changeWhenLoaded(loading, select, errors);
      if (!ok && choice === choices) select.value = datasetOf(app.model.config);
      return;
    }
    const data = JSON.parse(presetData.get(name) ?? 'null');
    if (!data) return;
    const ok = await (wholeConfig.has(name)
      ? app.change((c) => replaceConfig(c, presetConfig(name)), select)
      : app.change((c) => {
          c.data = data;
          delete c.features;
          c.layers[0] = data.inputs[0].length;
          c.layers[c.layers.length - 1] = data.targets[0].length;
        }, select));
    if (!ok) select.value = datasetOf(app.model.config);
  });

  /** @param {Config} config */
  function datasetOf(config) {
    if (app.points) return app.points.generator;
    if (app.heldOut) return app.heldOut;
    const json = JSON.stringify(config.data);
    for (const [name, data] of presetData) if (data === json) return name;
    return 'custom';
  }

  return {
    /** Shows which dataset the config's data is. @param {Config} config */
    show(config) {
      select.value = datasetOf(config);
    },
  };
}
