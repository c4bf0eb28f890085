// Input features (TensorFlow Playground's seven): toggles beside the network
// diagram's input column, shown when the rows are points of the plane (x1,
// x2). The network's inputs are the features switched on, in the engine's
// order; x1 and x2 alone are no features at all (the config leaves them out).

import { byId, el } from '../ui/dom.js';
import { defaults, rawWidth } from '../../common/lab.js';
import { inputLabel } from '../views/network-words.js';
import { onLanguage, t } from '../i18n.js';

/**
 * @typedef {import('../../common/lab.js').Config} Config
 * @typedef {import('../store.js').App} App
 */

/** The raw columns themselves: what the network sees without features. */
const PLAIN = ['x1', 'x2'];

/** @param {App} app */
export function setupFeatures(app) {
  const box = byId('input-features');
  const toggles = byId('feature-toggles');
  const errors = byId('features-errors');
  const names = defaults.features;
  const inputs = names.map((name) => {
    const input = /** @type {HTMLInputElement} */ (el('input'));
    input.type = 'checkbox';
    input.dataset.feature = name;
    const label = el('label', input, ' ', inputLabel(name));
    label.className = 'check feature';
    toggles.append(label);
    input.addEventListener('change', () => choose(input));
    return input;
  });
  label();
  onLanguage(label);

  /** The toggles' accessible names, in the page's language ("Input feature x1²"). */
  function label() {
    inputs.forEach((input, i) => input.setAttribute('aria-label', t('features.toggle', { name: inputLabel(names[i]) })));
  }

  /** A toggle switched: the features on, in the engine's order (at least one). @param {HTMLInputElement} input */
  function choose(input) {
    const chosen = names.filter((_, i) => inputs[i].checked);
    if (chosen.length === 0) {
      input.checked = true;
      app.refuse(input, t('features.needs-one'), errors);
      return;
    }
    void app.change(
      (c) => {
        if (chosen.join() === PLAIN.join()) delete c.features;
        else c.features = chosen;
        c.layers[0] = chosen.length;
      },
      input,
      errors,
    );
  }

  /** Shown for points of the plane; each toggle as the config has it. @param {Config} config */
  function render(config) {
    const shown = rawWidth(config) === 2;
    if (box.hidden === shown) box.hidden = !shown;
    const on = config.features ?? PLAIN;
    inputs.forEach((input, i) => {
      input.checked = on.includes(names[i]);
    });
  }

  return { render };
}
