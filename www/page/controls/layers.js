// The Network panel's controls: add and remove hidden layers, their sizes,
// the hidden and output activations, and biases.

import { byId } from '../ui/dom.js';
import { Model, activationsOf } from '../../common/lab.js';
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

  /** Writes the activation list for the current layers. @param {Config} c @param {string} h @param {string} o */
  const setActivations = (c, h, o) => {
    const weightLayers = c.layers.length - 1;
    c.activations = [...Array(weightLayers - 1).fill(h), o];
  };

  addLayer.addEventListener('click', () => {
    const h = app.hiddenActivation;
    app.change((c) => {
      const { output: o } = activationsOf(c);
      c.layers.splice(c.layers.length - 1, 0, 4);
      setActivations(c, h, o);
    }, addLayer);
  });

  removeLayer.addEventListener('click', () => {
    if (app.model.config.layers.length <= 2) {
      app.refuse(removeLayer, t('network.no-hidden-layer'));
      return;
    }
    const h = app.hiddenActivation;
    app.change((c) => {
      const { output: o } = activationsOf(c);
      c.layers.splice(c.layers.length - 2, 1);
      setActivations(c, h, o);
    }, removeLayer);
  });

  hidden.addEventListener('change', async () => {
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
    const [h, o] = [app.hiddenActivation, output.value];
    const ok = await app.change((c) => setActivations(c, h, o), output);
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
          input.max = String(Model.limits.neurons);
          input.step = '1';
          input.inputMode = 'numeric';
          input.addEventListener('change', () => {
            const value = parseNumber(input.value, t('network.neurons-in-layer', { n: i + 1 }), { integer: true });
            if (value instanceof Error) return app.refuse(input, value.message);
            app.change((c) => {
              c.layers[i + 1] = value;
            }, input);
          });
          label.append('', input);
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
      // Not the field being typed in: an answer to an earlier edit must not undo what is typed.
      if (document.activeElement !== input) {
        input.value = String(hiddenSizes[i]);
      }
    });
    const { hidden: h, output: o } = activationsOf(config);
    if (hiddenSizes.length > 0) app.setHiddenActivation(h);
    hidden.value = app.hiddenActivation;
    output.value = o;
    bias.checked = config.bias;
  }

  return { render };
}
