// The Step inspector: the next iteration phase by phase (forward, loss,
// backward, gradients, update), one layer at a time, lit on the diagram; a
// gradient check; editing one weight and going back to an epoch
// (inspector-tools.js). Every number comes from the engine's trace, which the worker sends with
// its report when the inspector wants it (`wants`), once per change.

import { byId, el } from '../ui/dom.js';
import { num } from '../views/formulas.js';
import { backwardView, forwardView, gradientsView, lossView, updateView } from '../views/phases.js';
import { setupInspectorTools } from './inspector-tools.js';
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
  const phaseButtons = /** @type {HTMLButtonElement[]} */ ([...document.querySelectorAll('.phases button')]);
  // Editing one weight, going back to an epoch; a weight set shows the phase again.
  const tools = setupInspectorTools(app, () => show());

  /** @type {Phase | null} */
  let phase = null;
  /** The lit layer: a column of the diagram, 1 … L. */
  let layer = 1;
  /** Which of the iteration's rows the forward and backward lines show. */
  let pick = 0;
  /** What "Apply update" applied: shown until another phase is chosen. */
  let applied = /** @type {Trace | null} */ (null);
  let appliedVersion = -1;
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
    tools.forget();
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

  /**
   * Shows the current phase (or what was just applied) for the current model.
   * @param {boolean} [redraw] whether the diagram must be drawn again (not when called from a draw)
   */
  function show(redraw = true) {
    layer = Math.min(Math.max(1, layer), layers());
    phaseButtons.forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.phase === phase)));
    const walking = phase === 'forward' || phase === 'backward' || phase === 'gradients';
    app.lightLayer(walking ? layer : null);
    tools.fill();
    showCheck();
    if (applied) {
      body.replaceChildren(...updateView(applied, walkState()));
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
    const w = walkState();
    const parts =
      phase === 'forward'
        ? forwardView(t, w)
        : walkingQuestion
          ? [el('p', words('inspector.question-no-target'))]
          : phase === 'loss'
            ? lossView(t, w)
            : phase === 'backward'
              ? backwardView(t, w)
              : gradientsView(t, w);
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

  /** What the phases' views show (views/phases.js). @returns {import('../views/phases.js').Walk} */
  function walkState() {
    const { config, layout, checked, version } = app.model;
    const check = gradientCheck.checked && checked.version === version ? checked.check : null;
    return {
      config,
      layout,
      names: tools.names(),
      layer,
      pick,
      walkingQuestion,
      question: app.question,
      questionValues: questionValues(),
      check,
    };
  }

  /** The question's values through every layer (as the layout places a row's), if it has been answered. */
  function questionValues() {
    const asked = app.model.asked;
    const question = app.question;
    return asked?.values && question && asked.question.join() === question.join() ? asked.values : null;
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
        at: tools.names()[check.worst_at] ?? words('inspector.parameter'),
      }),
    );
    p.id = 'gradient-check-error';
    p.dataset.value = String(check.worst_relative_error);
    checkResult.replaceChildren(p);
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
