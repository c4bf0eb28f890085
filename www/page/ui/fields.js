// How a refused value shows where it was typed (docs/ui.md, "Errors"):
// the field is marked aria-invalid and a role="alert" message beside it says
// what is allowed. Messages are set as text, never as HTML.

import { reason, t, worded } from '../i18n.js';
import { reasonOf } from '../../common/lab.js';

let counter = 0;

/**
 * @param {HTMLElement} field the control that was used
 * @param {string} message
 * @param {HTMLElement} [after] where the message goes (default: after the field)
 */
export function showError(field, message, after) {
  if (field instanceof HTMLInputElement || field instanceof HTMLSelectElement || field instanceof HTMLTextAreaElement) {
    field.setAttribute('aria-invalid', 'true');
  }
  const known = field.dataset.errorId;
  let box = known ? document.getElementById(known) : null;
  if (!box) {
    box = document.createElement('p');
    box.id = `error-${++counter}`;
    box.className = 'error';
    box.setAttribute('role', 'alert');
    field.dataset.errorId = box.id;
    const anchor = after ?? field.closest('label') ?? field;
    anchor.insertAdjacentElement('afterend', box);
  }
  box.textContent = message;
  field.setAttribute('aria-describedby', box.id);
}

/** @param {HTMLElement} field */
export function clearError(field) {
  field.removeAttribute('aria-invalid');
  const id = field.dataset.errorId;
  if (id) {
    document.getElementById(id)?.remove();
    delete field.dataset.errorId;
    field.removeAttribute('aria-describedby');
  }
}

/**
 * The engine's message without its JSON path, for a field that has a name
 * of its own ("layers[1]: expected …" → "expected …").
 * @param {string} message
 */
export function withoutPath(message) {
  const m = /^(?:config|[A-Za-z_][\w.]*(?:\[\d+\])*(?:\.[\w]+)*):\s(.*)$/s.exec(message);
  return m ? m[1] : message;
}

/**
 * A number typed into a field, or an Error saying what is allowed.
 * @param {string} text @param {string} label the field's name, in the page's language
 * @param {{ integer?: boolean }} [options]
 */
export function parseNumber(text, label, options = {}) {
  const trimmed = text.trim();
  if (trimmed === '') return new Error(t('field.enter-number', { label }));
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return new Error(t('field.not-a-number', { label, text: trimmed }));
  if (options.integer && !Number.isInteger(value)) return new Error(t('field.enter-whole-number', { label }));
  return value;
}

/**
 * An engine's error in the page's language: its code's words when the language has them (English
 * keeps the engine's own sentence), else its English made friendly. @param {unknown} e
 */
export function explain(e) {
  const r = reasonOf(e);
  return worded(r) ?? friendly(r.why);
}

/** An engine's error in the page's language, or its English as it came (where it is shown after a name of its own). @param {unknown} e */
export function wordsOf(e) {
  return reason(reasonOf(e));
}

/** The engine's words for the page's: JSON names become the labels people see. @param {string} message */
export function friendly(message) {
  return withoutPath(message)
    .replaceAll('"cross_entropy"', t('training.cross-entropy'))
    .replaceAll('"sse"', t('training.sum-of-squares-sse'))
    .replaceAll('"mse"', t('training.mean-squared-error'))
    .replace(/^./, (c) => c.toUpperCase());
}
