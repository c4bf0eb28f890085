// The Step inspector's tools: one weight or bias set by hand (picked from
// the lists, one layer at a time, or by a click on the diagram), and going
// back to a kept epoch. The parameters' names are made here, for the
// current layer sizes, and lent to the inspector's views.

import { byId } from '../ui/dom.js';
import { parseNumber } from '../ui/fields.js';
import { parameterNames, parameterOffsets } from '../views/network-words.js';
import { t as words } from '../i18n.js';

/** @param {import('../store.js').App} app @param {() => void} changed called once a weight was set */
export function setupInspectorTools(app, changed) {
  const paramSelect = /** @type {HTMLSelectElement} */ (byId('param-select'));
  const paramLayer = /** @type {HTMLSelectElement} */ (byId('param-layer'));
  const paramValue = /** @type {HTMLInputElement} */ (byId('param-value'));
  const travelEpoch = /** @type {HTMLInputElement} */ (byId('travel-epoch'));
  const tools = /** @type {HTMLDetailsElement} */ (travelEpoch.closest('details'));
  const errors = byId('inspector-errors');
  let namesFor = '';
  /** @type {string[]} */
  let names = [];

  // Editing one parameter, from the list or by a click on the diagram.
  app.onDiagramPick((index) => {
    tools.open = true;
    fillParams();
    const layer = parameterOffsets(app.model.layout).findIndex((o) => index < o.biases + o.nOut);
    if (String(layer) !== paramLayer.value) {
      paramLayer.value = String(layer);
      fillParams();
    }
    paramSelect.value = String(index);
    paramValue.value = String(app.frameParams()[index]);
    paramValue.focus();
    paramValue.select();
  });
  paramSelect.addEventListener('change', () => {
    paramValue.value = String(app.frameParams()[Number(paramSelect.value)]);
  });
  const setParam = async () => {
    const label = paramSelect.selectedOptions[0]?.text ?? words('inspector.value');
    const value = parseNumber(paramValue.value, label);
    if (value instanceof Error) return app.refuse(paramValue, value.message, errors);
    try {
      await app.setParam(Number(paramSelect.value), value);
    } catch (e) {
      return app.refuse(paramValue, `${label}: ${/** @type {Error} */ (e).message}`, errors);
    }
    app.accept(paramValue);
    app.render();
    changed();
  };
  byId('param-set').addEventListener('click', setParam);
  paramValue.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') setParam();
  });

  const travel = () => {
    const value = parseNumber(travelEpoch.value, words('inspector.go-back-to-epoch'), { integer: true });
    if (value instanceof Error || value < 0) {
      return app.refuse(travelEpoch, value instanceof Error ? value.message : words('inspector.epoch-zero-or-more'), errors);
    }
    app.accept(travelEpoch);
    app.travel(value);
  };
  byId('travel').addEventListener('click', travel);
  travelEpoch.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') travel();
  });

  /** The parameters' names, for the current layer sizes and the inputs' names (the features the network sees). */
  function nameParams() {
    const { layers } = app.model.config;
    const key = `${layers.join('-')}:${app.model.layout.input_names.join(',')}`;
    if (key === namesFor) return;
    namesFor = key;
    names = parameterNames(app.model.layout);
  }

  /**
   * The parameter lists: one layer's weights and biases at a time (a layer
   * has at most 4,160; a whole network up to 41,857, too many for one list),
   * built when the tools are open.
   */
  function fillParams() {
    nameParams();
    const sizes = app.model.config.layers;
    const bias = app.model.config.bias;
    if (!tools.open) return;
    if (paramLayer.dataset.for !== namesFor) {
      paramLayer.dataset.for = namesFor;
      const columns = sizes.length;
      paramLayer.replaceChildren(
        ...sizes
          .slice(1)
          .map(
            (_, l) =>
              new Option(
                words(l + 1 === columns - 1 ? 'inspector.output-parameters' : 'inspector.hidden-parameters', { n: l + 1 }),
                String(l),
              ),
          ),
      );
    }
    const layer = Math.min(Number(paramLayer.value) || 0, sizes.length - 2);
    paramLayer.value = String(layer);
    const key = `${namesFor}:${bias}:${layer}`;
    if (paramSelect.dataset.for === key) return;
    paramSelect.dataset.for = key;
    const { weights, biases, nOut } = parameterOffsets(app.model.layout)[layer];
    const options = [];
    for (let i = weights; i < biases + (bias ? nOut : 0); i++) options.push(new Option(names[i], String(i)));
    paramSelect.replaceChildren(...options);
    paramValue.value = String(app.frameParams()[weights]);
  }
  tools.addEventListener('toggle', fillParams);
  paramLayer.addEventListener('change', fillParams);

  return {
    /** The parameters' names (the flat layout's order), for the current network and inputs. */
    names() {
      nameParams();
      return names;
    },
    /** The lists made for the current network, when the tools are open. */
    fill: fillParams,
    /** Another language: the lists are made again in its words. */
    forget() {
      delete paramLayer.dataset.for;
      namesFor = '';
    },
  };
}
