// The activation curve's neuron: chosen in its list or by clicking a neuron
// on the diagram. The worker sends that neuron's z for the rows of the next
// update; the view, fetched when a neuron is first chosen, draws f and f′
// through them.

import { byId } from '../ui/dom.js';
import { activationsOf } from '../../common/lab.js';
import { neuronName } from '../views/network-words.js';
import { onLanguage, t } from '../i18n.js';

/**
 * @typedef {import('../store.js').App} App
 * @typedef {import('../engine.js').Engine} Engine
 */

/** @param {App} app @param {Engine} engine @param {import('../views/network.js').NetworkView} network */
export function setupCurve(app, engine, network) {
  const select = byId('curve-neuron', HTMLSelectElement);
  /** @type {import('../views/activation-curve.js').CurveView | null} */
  let view = null;
  /** @type {Promise<unknown> | null} */
  let loading = null;
  const load = () =>
    (loading ??= import('../views/activation-curve.js').then(({ CurveView }) => {
      view = new CurveView(byId('curve-canvas', HTMLCanvasElement), byId('curve-description'));
      app.render();
    }));
  /** The neuron chosen (weight layer from 0, index), or none. @type {{ layer: number, neuron: number } | null} */
  let chosen = null;
  let listed = '';
  let drawn = /** @type {object | null} */ (null);

  const choose = (/** @type {string} */ value) => {
    const [layer, neuron] = value.split(':').map(Number);
    chosen = value ? { layer, neuron } : null;
    drawn = null;
    if (!chosen) view?.show(null, '');
    else void load();
    app.render();
  };
  select.addEventListener('change', () => choose(select.value));
  network.onNeuron = (column, j) => {
    const value = `${column - 1}:${j}`;
    if (![...select.options].some((o) => o.value === value)) return;
    select.value = value;
    choose(value);
  };
  onLanguage(() => {
    listed = '';
    drawn = null;
  });

  /** The list of neurons, as the network has them now (a choice that no longer exists is dropped). */
  function list() {
    const layout = engine.layout;
    const key = `${layout.sizes.join('-')}:${t('curve.none')}`;
    if (key === listed) return;
    listed = key;
    const columns = layout.sizes.length;
    const options = [new Option(t('curve.none'), '')];
    layout.layers.forEach((l, layer) => {
      for (let j = 0; j < l.outputs; j++) options.push(new Option(neuronName(layer + 1, j, columns), `${layer}:${j}`));
    });
    select.replaceChildren(...options);
    const value = chosen ? `${chosen.layer}:${chosen.neuron}` : '';
    if (options.some((o) => o.value === value)) select.value = value;
    else choose('');
  }

  /** Draws the newest z that the worker sent for the chosen neuron. */
  function update() {
    list();
    const curve = engine.curve;
    if (!view || !chosen || !curve || curve === drawn || curve.layer !== chosen.layer || curve.neuron !== chosen.neuron) return;
    drawn = curve;
    const activation = activationsOf(engine.config).list[curve.layer];
    const name = neuronName(curve.layer + 1, curve.neuron, engine.layout.sizes.length);
    if (curve.why) return view.show(null, curve.why);
    if (activation === 'softmax') return view.show(null, t('curve.softmax', { name }));
    view.show({ name, activation, z: curve.z, rows: curve.rows }, '');
  }

  return { wants: () => chosen, update };
}
