// "Ask the network": an input that is not a row of the data, and the
// network's answer to it, updated as it trains (Siraj's program asks its
// neuron about [1, 0, 0], a situation it was never shown). The question can
// flow through the diagram instead of the selected row.

import { byId, el } from '../ui/dom.js';
import { parseNumber } from '../ui/fields.js';
import { exact } from '../ui/format.js';
import { isPicture } from '../picture.js';
import { t } from '../i18n.js';
import { rawWidth } from '../../common/lab.js';

/**
 * @typedef {import('../../common/lab.js').Config} Config
 * @typedef {import('../../common/protocol.js').Asked} Asked
 * @typedef {import('../store.js').App} App
 */

/** @param {App} app */
export function setupAsk(app) {
  const questions = byId('ask-questions');
  const answers = byId('ask-answers');
  const onDiagram = byId('ask-on-diagram', HTMLInputElement);
  const errors = byId('ask-errors');
  /** @type {HTMLInputElement[]} */
  let fields = [];
  /** @type {HTMLOutputElement[]} */
  let readouts = [];

  onDiagram.addEventListener('change', () => app.showQuestion(onDiagram.checked));
  // The drawing pad's code loads with the first picture dataset (Digits).
  /** @type {ReturnType<typeof import('./digit-pad.js').setupDigitPad> | null} */
  let pad = null;
  let padLoading = false;
  /** @param {number} inputs */
  function renderPad(inputs) {
    if (pad || !isPicture(inputs)) return pad?.render(inputs);
    if (padLoading) return;
    padLoading = true;
    void import('./digit-pad.js').then(({ setupDigitPad }) => {
      pad = setupDigitPad((values) => ask(values));
      pad.render(app.model.config.layers[0]);
    });
  }

  /** The fields' numbers, or a refusal at the first that is not one. */
  function read() {
    /** @type {number[]} */
    const values = [];
    for (const [i, field] of fields.entries()) {
      const value = parseNumber(field.value, t('ask.question-n', { n: i + 1 }));
      if (value instanceof Error) {
        app.refuse(field, value.message, errors);
        return null;
      }
      app.accept(field);
      values.push(value);
    }
    return values;
  }

  /** One field per input and one readout per output; values already typed stay. @param {Config} config */
  function render(config) {
    const inputs = rawWidth(config);
    const outputs = config.layers[config.layers.length - 1];
    if (fields.length !== inputs) {
      const kept = app.question ?? [];
      fields = Array.from({ length: inputs }, (_, i) => {
        const field = /** @type {HTMLInputElement} */ (el('input'));
        field.type = 'text';
        field.inputMode = 'decimal';
        field.value = String(kept[i] ?? 0);
        field.addEventListener('change', () => {
          const values = read();
          if (values) app.setQuestion(values);
        });
        return field;
      });
      questions.replaceChildren(...fields.map((f, i) => el('label', `x${i + 1}`, f)));
      app.setQuestion(read());
    }
    renderPad(inputs);
    if (readouts.length !== outputs) {
      readouts = Array.from({ length: outputs }, () => /** @type {HTMLOutputElement} */ (el('output')));
      answers.replaceChildren(...readouts.map((o, j) => el('div', el('span', `ŷ${j + 1} = `), o)));
    }
    // Named at each render: the language may have changed.
    fields.forEach((f, i) => setLabel(f, t('ask.question-n', { n: i + 1 })));
    readouts.forEach((o, j) => setLabel(o, t('ask.answer-n', { n: j + 1 })));
  }

  /** Shows the question's answer (every digit, as the Loss readout). @param {Asked | null} asked @param {number[] | null} question */
  function update(asked, question) {
    const current = asked && question && asked.question.join() === question.join();
    readouts.forEach((out, j) => {
      let text = '';
      if (current && asked.values) text = exact(asked.values[asked.values.length - readouts.length + j]);
      if (out.textContent !== text) out.textContent = text;
    });
    if (current && !asked.values && asked.why && fields[0]) app.refuse(fields[0], asked.why, errors);
  }

  /**
   * Asks the question given (a seed program's, a lesson's), in the fields and of the network. Before the
   * fields are made (a lesson link opens before the first frame) the question waits for them.
   * @param {number[]} values
   */
  function ask(values) {
    fields.forEach((f, i) => {
      f.value = String(values[i] ?? 0);
      app.accept(f);
    });
    app.setQuestion(fields.length > 0 ? read() : values);
  }

  return { render, update, ask };
}

/** Sets an accessible name when it changed. @param {HTMLElement} e @param {string} name */
function setLabel(e, name) {
  if (e.getAttribute('aria-label') !== name) e.setAttribute('aria-label', name);
}
