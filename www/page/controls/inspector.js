// The Step inspector: the next iteration phase by phase (forward, loss,
// backward, gradients, update), one layer at a time, lit on the diagram; a
// gradient check; editing one weight; going back to an epoch. Every number
// comes from the engine's trace (`Model.trace`), which the worker sends with
// its report when the inspector wants it (`wants`), once per change.

import { byId, el } from '../ui/dom.js';
import { parseNumber } from '../ui/fields.js';
import { activationsOf } from '../../common/lab.js';
import { neuronName, parameterNames, parameterOffsets } from '../views/network.js';
import { fName, fPrimeRule, forwardLine, hiddenDeltaLine, lossLine, num, outputDeltaLine } from '../views/formulas.js';
import { yoursView } from './yours.js';
import { t as words, tNodes, onLanguage, addEnglish, reason } from '../i18n.js';
import english from '../i18n/en/inspector.json' with { type: 'json' };

addEnglish(english);

/**
 * @typedef {import('../../common/lab.js').Trace} Trace
 * @typedef {import('../../common/lab.js').GradientCheck} GradientCheck
 * @typedef {import('../store.js').App} App
 * @typedef {'forward' | 'loss' | 'backward' | 'gradients' | 'update'} Phase
 */

/** The row list's entry for the question asked of the network. */
const QUESTION = 'question';

/** @param {App} app */
export function setupInspector(app) {
  const body = byId('inspector-body');
  const checkResult = byId('gradient-check-result');
  const rowSelect = /** @type {HTMLSelectElement} */ (byId('inspector-row'));
  const showGradients = /** @type {HTMLInputElement} */ (byId('show-gradients'));
  const gradientCheck = /** @type {HTMLInputElement} */ (byId('gradient-check'));
  const paramSelect = /** @type {HTMLSelectElement} */ (byId('param-select'));
  const paramLayer = /** @type {HTMLSelectElement} */ (byId('param-layer'));
  const paramValue = /** @type {HTMLInputElement} */ (byId('param-value'));
  const travelEpoch = /** @type {HTMLInputElement} */ (byId('travel-epoch'));
  const tools = /** @type {HTMLDetailsElement} */ (travelEpoch.closest('details'));
  const errors = byId('inspector-errors');
  const phaseButtons = /** @type {HTMLButtonElement[]} */ ([...document.querySelectorAll('.phases button')]);

  /** @type {Phase | null} */
  let phase = null;
  /** The lit layer: a column of the diagram, 1 … L. */
  let layer = 1;
  /** Which of the iteration's rows the forward and backward lines show. */
  let pick = 0;
  /** What "Apply update" applied: shown until another phase is chosen. */
  let applied = /** @type {Trace | null} */ (null);
  let appliedVersion = -1;
  let namesFor = '';
  /** @type {string[]} */
  let names = [];
  /** A learner's numbers to show beside the lab's ("Check my code"), or null. @type {import('./yours.js').Yours | null} */
  let yours = null;

  const layers = () => app.model.config.layers.length - 1;

  /**
   * The trace of the next iteration, or null: not here yet (the next
   * report brings it, and the inspector is shown again), or none (the reason shown).
   */
  function trace() {
    const traced = app.model.traced;
    if (traced.version !== app.model.version) {
      app.render(); // the frame loop asks the worker for it
      return null;
    }
    if (!traced.trace) body.replaceChildren(el('p', reason(traced)));
    return traced.trace;
  }

  phaseButtons.forEach((b) => b.addEventListener('click', () => choose(/** @type {Phase} */ (b.dataset.phase))));
  // Another language: the lists are made again in its words, and what is shown is worded again.
  onLanguage(() => {
    delete rowSelect.dataset.rows;
    delete paramLayer.dataset.for;
    namesFor = '';
    show();
  });

  /** @param {Phase} next */
  function choose(next) {
    app.pause();
    if (next === 'update') return applyUpdate();
    applied = null;
    if (next === 'forward') layer = 1;
    if (next === 'backward') layer = layers();
    phase = next;
    show();
  }

  async function applyUpdate() {
    let t;
    try {
      t = await app.model.request('trace');
    } catch (e) {
      body.replaceChildren(el('p', /** @type {Error} */ (e).message));
      return;
    }
    const before = Float64Array.from(app.frameParams());
    await app.step();
    if (app.model.iteration !== t.iteration + 1) return; // refused: the alert says why
    applied = t;
    appliedVersion = app.model.version;
    phase = null;
    app.animateFrom(before);
    show();
  }

  byId('next-layer').addEventListener('click', () => walk(phase === 'backward' ? -1 : 1));
  byId('previous-layer').addEventListener('click', () => walk(phase === 'backward' ? 1 : -1));
  /** @param {number} by */
  function walk(by) {
    layer = Math.min(layers(), Math.max(1, layer + by));
    if (!phase || phase === 'loss') phase = 'forward';
    applied = null;
    show();
  }

  /** The question asked of the network is walked instead of a row ("Ask the network"; forward pass only). */
  let walkingQuestion = false;
  rowSelect.addEventListener('change', () => {
    walkingQuestion = rowSelect.value === QUESTION;
    if (walkingQuestion) return show();
    pick = Number(rowSelect.value);
    const t = trace();
    if (t) app.selectRow(t.rows[pick]);
    show();
  });

  // Shown, the diagram's gradients are the next iteration's (the trace's).
  showGradients.addEventListener('change', () => app.showGradients(showGradients.checked));
  gradientCheck.addEventListener('change', () => show());

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
    show();
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

  /** The parameters' names, for the current layer sizes. */
  function nameParams() {
    const key = app.model.config.layers.join('-');
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

  /**
   * Shows the current phase (or what was just applied) for the current model.
   * @param {boolean} [redraw] whether the diagram must be drawn again (not when called from a draw)
   */
  function show(redraw = true) {
    layer = Math.min(Math.max(1, layer), layers());
    phaseButtons.forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.phase === phase)));
    const walking = phase === 'forward' || phase === 'backward' || phase === 'gradients';
    app.lightLayer(walking ? layer : null);
    fillParams();
    showCheck();
    if (applied) {
      body.replaceChildren(...updateView(applied));
      if (redraw) app.render();
      return;
    }
    if (!phase) {
      body.replaceChildren(el('p', words('inspector.next-iteration', { n: app.model.iteration + 1 })));
      if (redraw) app.render();
      return;
    }
    const t = trace();
    if (!t) return;
    fillRows(t);
    const parts =
      phase === 'forward'
        ? forwardView(t)
        : walkingQuestion
          ? [el('p', words('inspector.question-no-target'))]
          : phase === 'loss'
            ? lossView(t)
            : phase === 'backward'
              ? backwardView(t)
              : gradientsView(t);
    if (yours && t.iteration === yours.iteration && !walkingQuestion) parts.push(...yoursView(t, layer, yours));
    body.replaceChildren(...parts);
    if (redraw) app.render();
  }

  /** @param {Trace} t */
  function fillRows(t) {
    const asking = questionValues() !== null;
    const key = `${t.rows.join(',')}:${asking}`;
    if (rowSelect.dataset.rows !== key) {
      rowSelect.dataset.rows = key;
      const rows = t.rows.map((r, i) => new Option(`${r + 1}`, String(i)));
      rowSelect.replaceChildren(...rows, ...(asking ? [new Option(words('inspector.the-question'), QUESTION)] : []));
      pick = 0;
    }
    walkingQuestion &&= asking;
    pick = Math.min(pick, t.rows.length - 1);
    rowSelect.value = walkingQuestion ? QUESTION : String(pick);
    rowSelect.disabled = t.rows.length < 2 && !asking;
  }

  /** The question's values through every layer (as the layout places a row's), if it has been answered. */
  function questionValues() {
    const asked = app.model.asked;
    const question = app.question;
    return asked?.values && question && asked.question.join() === question.join() ? asked.values : null;
  }

  const columns = () => app.model.config.layers.length;
  const heading = (/** @type {string} */ text) => el('h3', text);
  const rowNote = (/** @type {Trace} */ t) =>
    walkingQuestion
      ? words('inspector.question-note', { values: (app.question ?? []).join(', ') })
      : t.rows.length > 1
        ? words('inspector.row-of-many', { row: t.rows[pick] + 1, rows: t.rows.length })
        : words('inspector.row-n', { row: t.rows[pick] + 1 });

  /** @param {Trace} t */
  function forwardView(t) {
    const { list } = activationsOf(app.model.config);
    const L = t.layers[layer - 1];
    const bias = app.model.config.bias;
    // A row's numbers come from the trace; the question's from its own forward pass, by the same weights.
    const values = walkingQuestion ? questionValues() : null;
    const at = (/** @type {number} */ l, /** @type {'z' | 'a'} */ which) => {
      const { values_at: start, outputs } = app.model.layout.layers[l];
      const from = start + (which === 'z' ? 0 : outputs);
      return Array.from(/** @type {Float64Array} */ (values).subarray(from, from + outputs));
    };
    const inputs = values
      ? layer === 1
        ? /** @type {number[]} */ (app.question)
        : at(layer - 2, 'a')
      : layer === 1
        ? app.model.config.data.inputs[t.rows[pick]]
        : t.layers[layer - 2].a[pick];
    const zs = values ? at(layer - 1, 'z') : L.z[pick];
    const as = values ? at(layer - 1, 'a') : L.a[pick];
    const lines = zs.map((z, j) =>
      forwardLine({
        column: layer,
        columns: columns(),
        j,
        inputs,
        weights: L.weights_before,
        bias: bias ? L.biases_before[j] : null,
        z,
        a: as[j],
        activation: list[layer - 1],
      }),
    );
    return [
      heading(words('inspector.forward-heading', { layer, layers: layers(), name: layerName(layer), row: rowNote(t) })),
      el('p', words(bias ? 'inspector.forward-rule-bias' : 'inspector.forward-rule', { f: fName(list[layer - 1]) })),
      el('ol', ...lines),
    ];
  }

  /** @param {Trace} t */
  function lossView(t) {
    const { output } = activationsOf(app.model.config);
    const last = t.layers[t.layers.length - 1];
    const y = t.rows.map((r) => app.model.config.data.targets[r]);
    return [
      heading(
        words(t.rows.length === 1 ? 'inspector.loss-heading-row' : 'inspector.loss-heading-rows', {
          rows: t.rows.length,
          n: t.iteration + 1,
        }),
      ),
      el('ol', lossLine({ loss: app.model.config.loss, outputActivation: output, yHat: last.a, y, value: t.rows_loss })),
      el('p', ...tNodes('inspector.loss-over-all', { before: num(t.loss_before), after: num(t.loss_after) })),
      ...(app.model.config.l2 > 0 ? [el('p', words('inspector.l2-term'))] : []),
      ...((app.model.config.l1 ?? 0) > 0 ? [el('p', words('inspector.l1-term'))] : []),
    ];
  }

  /** @param {Trace} t */
  function backwardView(t) {
    const { list } = activationsOf(app.model.config);
    const L = t.layers[layer - 1];
    const n = t.rows.length;
    const k = L.delta[0].length;
    const name = (/** @type {number} */ j) => neuronName(layer, j, columns());
    let lines;
    if (layer === layers()) {
      const y = app.model.config.data.targets[t.rows[pick]];
      lines = L.delta[pick].map((delta, j) =>
        outputDeltaLine({
          name: name(j),
          j,
          loss: app.model.config.loss,
          yHat: L.a[pick][j],
          y: y[j],
          fprime: L.fprime[pick][j],
          delta,
          n,
          k,
        }),
      );
    } else {
      const above = t.layers[layer];
      lines = L.delta[pick].map((delta, j) =>
        hiddenDeltaLine({
          name: name(j),
          j,
          weights: above.weights_before[j],
          deltas: above.delta[pick],
          sum: L.back_sums[pick][j],
          fprime: L.fprime[pick][j],
          delta,
        }),
      );
    }
    return [
      heading(words('inspector.backward-heading', { layer, layers: layers(), name: layerName(layer), row: rowNote(t) })),
      el('p', `δ = ∂L/∂z. ${fPrimeRule(list[layer - 1])}.`),
      el('ol', ...lines),
    ];
  }

  /** @param {Trace} t */
  function gradientsView(t) {
    const L = t.layers[layer - 1];
    const offsets = parameterOffsets(app.model.layout)[layer - 1];
    const checked = app.model.checked;
    const check = gradientCheck.checked && checked.version === app.model.version ? checked.check : null;
    const header = el(
      'tr',
      el('th', words('inspector.parameter')),
      el('th', '∂L/∂p'),
      ...(check ? [el('th', words('inspector.finite-difference'))] : []),
    );
    /** @type {HTMLElement[]} */
    const rows = [];
    const add = (/** @type {number} */ index, /** @type {number} */ g) =>
      rows.push(el('tr', el('td', names[index]), el('td', num(g)), ...(check ? [el('td', num(check.numeric[index]))] : [])));
    L.grad_weights.forEach((row, i) => row.forEach((g, j) => add(offsets.weights + i * offsets.nOut + j, g)));
    if (app.model.config.bias) L.grad_biases.forEach((g, j) => add(offsets.biases + j, g));
    const [l1, l2] = [(app.model.config.l1 ?? 0) > 0, app.model.config.l2 > 0];
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
      heading(words('inspector.gradients-heading', { layer, layers: layers(), name: layerName(layer) })),
      el('p', words('inspector.gradients-note', { rule })),
      el('table', el('thead', header), el('tbody', ...rows)),
    ];
  }

  /** @param {Trace} t */
  function updateView(t) {
    const opt = app.model.config.optimizer;
    const offsets = parameterOffsets(app.model.layout);
    const rule = {
      sgd: 'p ← p − η·g',
      momentum: 'v ← μ·v − η·g; p ← p + v',
      adam: 't ← t + 1; m ← β₁·m + (1 − β₁)·g; s ← β₂·s + (1 − β₂)·g²; p ← p − η·(m/(1 − β₁ᵗ)) / (√(s/(1 − β₂ᵗ)) + ε)',
    }[opt.kind];
    const stepName = words(
      opt.kind === 'momentum' ? 'inspector.step-v' : opt.kind === 'adam' ? 'inspector.step-adam' : 'inspector.step-sgd',
    );
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
          el('tr', el('td', names[index]), el('td', num(old)), el('td', num(g)), ...state, el('td', num(step)), el('td', num(next))),
        );
      };
      L.weights_before.forEach((row, i) =>
        row.forEach((w, j) => each(o.weights + i * o.nOut + j, w, L.grad_weights[i][j], L.step_weights[i][j], L.weights_after[i][j])),
      );
      if (app.model.config.bias)
        L.biases_before.forEach((b, j) => each(o.biases + j, b, L.grad_biases[j], L.step_biases[j], L.biases_after[j]));
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

  function showCheck() {
    if (!gradientCheck.checked) return checkResult.replaceChildren();
    const checked = app.model.checked;
    if (checked.version !== app.model.version) return app.render(); // the next report brings it
    const check = checked.check;
    if (!check) return checkResult.replaceChildren(el('p', words('inspector.no-check', { why: reason(checked) })));
    const p = el(
      'p',
      ...tNodes('inspector.check-result', {
        error: num(check.worst_relative_error),
        at: names[check.worst_at] ?? words('inspector.parameter'),
      }),
    );
    p.id = 'gradient-check-error';
    p.dataset.value = String(check.worst_relative_error);
    checkResult.replaceChildren(p);
  }

  /** @param {number} c */
  function layerName(c) {
    return c === layers() ? words('network.output-layer') : words('inspector.hidden-c', { c });
  }

  return {
    /** What the inspector needs of the next report: the next iteration's trace, the gradient check. */
    wants() {
      return { trace: phase !== null, check: gradientCheck.checked };
    },
    /**
     * Shows a learner's numbers beside the lab's at their iteration, from `phase` at `layer` (null: no more).
     * @param {{ yours: import('./yours.js').Yours, layer: number, phase: Phase } | null} comparison
     */
    showYours(comparison) {
      yours = comparison?.yours ?? null;
      if (comparison) [phase, layer, applied] = [comparison.phase, comparison.layer, null];
      show();
    },
    /** Refreshes what is shown after the model changed (called from a draw, not while playing). */
    update() {
      if (app.playing) return;
      // A change other than the update just shown ends its display.
      if (applied && (app.model.iteration !== applied.iteration + 1 || app.model.version !== appliedVersion)) applied = null;
      show(false);
    },
  };
}
