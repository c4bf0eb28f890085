// The Network panel's controls: add and remove hidden layers, their sizes,
// the hidden and output activations, and biases.

import { byId } from '../ui/dom.js';
import { limits, activationsOf } from '../../common/lab.js';
import { parseNumber } from '../ui/fields.js';
import { t } from '../i18n.js';

/**
 * @typedef {import('../../common/lab.js').Config} Config
 * @typedef {import('../store.js').App} App
 */

/** @param {App} app */
export function setupLayers(app) {
  const sizes = byId('hidden-sizes');
  const addLayer = byId('add-layer', HTMLButtonElement);
  const removeLayer = byId('remove-layer', HTMLButtonElement);
  const hidden = byId('hidden-activation', HTMLSelectElement);
  const output = byId('output-activation', HTMLSelectElement);
  const bias = byId('biases', HTMLInputElement);
  const mixedOption = new Option(t('network.per-layer'), MIXED);
  mixedOption.dataset.i18n = 'network.per-layer';
  mixedOption.disabled = true;
  mixedOption.hidden = true;
  hidden.add(mixedOption);

  /** Writes the activation list for the current layers: every hidden layer `h`. @param {Config} c @param {string} h @param {string} o */
  const setActivations = (c, h, o) => {
    const weightLayers = c.layers.length - 1;
    c.activations = [...Array(weightLayers - 1).fill(h), o];
  };

  addLayer.addEventListener('click', () => {
    const h = app.hiddenActivation;
    app.change((c) => {
      // The new layer, before the output, takes the hidden activation; the others keep theirs.
      const { list } = activationsOf(c);
      c.layers.splice(c.layers.length - 1, 0, 4);
      c.activations = [...list.slice(0, -1), h, list[list.length - 1]];
    }, addLayer);
  });

  removeLayer.addEventListener('click', () => {
    if (app.model.config.layers.length <= 2) {
      app.refuse(removeLayer, t('network.no-hidden-layer'));
      return;
    }
    app.change((c) => {
      const { list } = activationsOf(c);
      c.layers.splice(c.layers.length - 2, 1);
      c.activations = [...list.slice(0, -2), list[list.length - 1]];
    }, removeLayer);
  });

  hidden.addEventListener('change', async () => {
    if (hidden.value === MIXED) return;
    const previous = app.hiddenActivation;
    app.setHiddenActivation(hidden.value);
    if (app.model.config.layers.length <= 2) return;
    const chosen = hidden.value;
    const ok = await app.change((c) => setActivations(c, chosen, activationsOf(c).output), hidden);
    if (!ok) {
      app.setHiddenActivation(previous);
      hidden.value = previous;
    }
  });

  output.addEventListener('change', async () => {
    const o = output.value;
    const ok = await app.change((c) => {
      const { list } = activationsOf(c);
      c.activations = [...list.slice(0, -1), o];
    }, output);
    if (!ok) output.value = activationsOf(app.model.config).output;
  });

  bias.addEventListener('change', async () => {
    const chosen = bias.checked;
    const ok = await app.change((c) => {
      c.bias = chosen;
    }, bias);
    if (!ok) bias.checked = app.model.config.bias;
  });

  /** Shows the config's layers. @param {Config} config */
  function render(config) {
    const hiddenSizes = config.layers.slice(1, -1);
    const inputs = [...sizes.querySelectorAll('input')];
    if (inputs.length !== hiddenSizes.length) {
      sizes.replaceChildren(
        ...hiddenSizes.map((_, i) => {
          const label = document.createElement('label');
          const input = document.createElement('input');
          input.type = 'number';
          input.min = '1';
          input.max = String(limits.neurons);
          input.step = '1';
          input.inputMode = 'numeric';
          input.addEventListener('change', () => {
            const value = parseNumber(input.value, t('network.neurons-in-layer', { n: i + 1 }), { integer: true });
            if (value instanceof Error) return app.refuse(input, value.message);
            app.change((c) => {
              c.layers[i + 1] = value;
            }, input);
          });
          // This layer's activation, on its own (the config's list).
          const activation = document.createElement('select');
          for (const [value, key] of HIDDEN_ACTIVATIONS) {
            const option = new Option(t(key), value);
            option.dataset.i18n = key;
            activation.add(option);
          }
          activation.addEventListener('change', async () => {
            const chosen = activation.value;
            const ok = await app.change((c) => {
              const { list } = activationsOf(c);
              c.activations = list.map((a, l) => (l === i ? chosen : a));
            }, activation);
            if (!ok) activation.value = activationsOf(app.model.config).list[i];
          });
          label.append('', input, activation);
          return label;
        }),
      );
    }
    sizes.querySelectorAll('input').forEach((input, i) => {
      // Worded at each render: the language may have changed.
      const name = t('network.neurons-in-layer', { n: i + 1 });
      if (input.getAttribute('aria-label') !== name) input.setAttribute('aria-label', name);
      const text = /** @type {Text} */ (input.previousSibling);
      const short = t('network.hidden-n', { n: i + 1 });
      if (text.data !== short) text.data = short;
      const activation = /** @type {HTMLSelectElement} */ (input.nextElementSibling);
      const activationName = t('network.activation-of-layer', { n: i + 1 });
      if (activation.getAttribute('aria-label') !== activationName) activation.setAttribute('aria-label', activationName);
      if (document.activeElement !== activation) activation.value = activationsOf(config).list[i];
      // Not the field being typed in: an answer to an earlier edit must not undo what is typed.
      if (document.activeElement !== input) {
        input.value = String(hiddenSizes[i]);
      }
    });
    const { hidden: h, output: o, list } = activationsOf(config);
    if (hiddenSizes.length > 0) app.setHiddenActivation(h);
    // Layers of different activations: the one select says so ("Per layer"); choosing one sets them all.
    const mixed = new Set(list.slice(0, -1)).size > 1;
    mixedOption.hidden = !mixed;
    hidden.value = mixed ? MIXED : app.hiddenActivation;
    output.value = o;
    bias.checked = config.bias;
  }

  return { render };
}

/** The Hidden activation select's value while the hidden layers differ. */
const MIXED = 'mixed';

/** A hidden layer's activations, with the keys of their names. @type {[string, import('../i18n.js').Key][]} */
const HIDDEN_ACTIVATIONS = [
  ['sigmoid', 'network.sigmoid'],
  ['tanh', 'network.tanh'],
  ['relu', 'network.relu'],
  ['linear', 'network.linear'],
];
