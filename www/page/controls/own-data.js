// "Your own data": a Boolean expression that fills the truth table, or a CSV
// pasted or uploaded, with its target columns and an optional z-score of the
// inputs. The engine reads both; a mistake is shown where it was typed (with
// its column, or line and column) and the data stays as it was.

import { byId, el } from '../ui/dom.js';
import { limits, expressionTable, csvData, reasonOf } from '../../common/lab.js';
import { num } from '../views/formulas.js';
import { t, addEnglish } from '../i18n.js';
import english from '../i18n/en/own-data.json' with { type: 'json' };
import { wordsOf } from '../ui/fields.js';

addEnglish(english);

/**
 * @typedef {import('../../common/lab.js').Config} Config
 * @typedef {import('../store.js').App} App
 */

/** The most CSV text read, pasted or uploaded: the engine's own limit (it refuses more than 10,000 rows anyway). */
const maxCsvChars = () => limits.csv_chars;
/** An uploaded file up to this size is shown in the text area to edit; a larger one is loaded without (laying out megabytes of text holds the page for seconds). */
const SHOWN_CSV_CHARS = 1_000_000;

/** @param {App} app */
export function setupOwnData(app) {
  const expression = byId('expression', HTMLInputElement);
  const csvText = byId('csv-text', HTMLTextAreaElement);
  const csvFile = byId('csv-file', HTMLInputElement);
  const targets = byId('csv-targets', HTMLInputElement);
  const normalise = byId('csv-normalise', HTMLInputElement);
  const stats = byId('csv-stats');

  /** New data with the network's first and last layers fitted to it. @param {{ inputs: number[][], targets: number[][] }} data */
  const withData = (data) => (/** @type {Config} */ c) => {
    c.data = { inputs: data.inputs, targets: data.targets };
    delete c.features;
    c.layers[0] = data.inputs[0].length;
    c.layers[c.layers.length - 1] = data.targets[0].length;
  };

  const fillFromExpression = () => {
    let table;
    try {
      table = expressionTable(expression.value);
    } catch (e) {
      return app.refuse(expression, t('own.expression-refused', { why: wordsOf(e) }));
    }
    app.change(withData(table), expression);
  };
  byId('fill-expression').addEventListener('click', fillFromExpression);
  expression.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') fillFromExpression();
  });

  /** A CSV's text as data, or a refusal shown at `field` (the text area, or the file it came from). @param {string} text @param {HTMLElement} field */
  const loadCsv = async (text, field) => {
    const end = text.indexOf('\n');
    const firstLine = text.slice(0, Math.min(end < 0 ? text.length : end, 100_000));
    const columns = Math.max(1, firstLine.split(/[,;\t]/).length);
    const chosen = targetColumns(targets.value, columns);
    if (chosen instanceof Error) return app.refuse(targets, chosen.message);
    app.accept(targets);
    let data;
    try {
      data = csvData(text, chosen, normalise.checked);
    } catch (e) {
      // The choice of columns is refused at Target columns, the file's text where it came from.
      const { code } = reasonOf(e);
      const at = code === 'csv.no-target-column' || code === 'csv.choose-columns' ? targets : field;
      return app.refuse(at, t('own.csv-refused', { why: wordsOf(e) }));
    }
    if (await app.change(withData(data), field)) showStats(data);
  };
  byId('load-csv').addEventListener('click', () => {
    if (csvText.value.length > maxCsvChars()) return app.refuse(csvText, tooLong(csvText.value.length));
    loadCsv(csvText.value, csvText);
  });

  // Text too long is refused before it reaches the text area: laying out
  // megabytes of text (or marking such a field invalid) holds the page for seconds.
  /** @param {string} incoming @param {Event} e */
  const guard = (incoming, e) => {
    const selected = csvText.selectionEnd - csvText.selectionStart;
    const length = csvText.value.length - selected + incoming.length;
    if (length <= maxCsvChars()) return;
    e.preventDefault();
    app.refuse(csvText, tooLong(length));
  };
  csvText.addEventListener('paste', (e) => guard(e.clipboardData?.getData('text/plain') ?? '', e));
  csvText.addEventListener('drop', (e) => guard(e.dataTransfer?.getData('text/plain') ?? '', e));

  csvFile.addEventListener('change', async () => {
    const file = csvFile.files?.[0];
    if (!file) return;
    if (file.size > maxCsvChars()) {
      return app.refuse(csvFile, t('own.file-too-large', { size: (file.size / 1e6).toFixed(1), most: maxCsvChars() / 1e6 }));
    }
    app.accept(csvFile);
    const text = await file.text();
    if (text.length <= SHOWN_CSV_CHARS) {
      csvText.value = text;
      loadCsv(text, csvText);
      return;
    }
    csvText.value = '';
    app.accept(csvText);
    loadCsv(text, csvFile);
    if (!csvFile.hasAttribute('aria-invalid')) {
      stats.prepend(el('p', t('own.loaded-unshown', { name: file.name, size: (file.size / 1e6).toFixed(1) })));
    }
  });

  /** What "Normalise inputs" did: each input column's mean and standard deviation. @param {{ stats: { name: string, mean: number, sd: number }[] | null, inputs: number[][] }} data */
  function showStats(data) {
    if (!data.stats) {
      stats.replaceChildren(el('p', t('own.loaded-rows', { rows: data.inputs.length })));
      return;
    }
    const rows = data.stats.map((s) => el('tr', el('td', s.name), el('td', num(s.mean)), el('td', num(s.sd))));
    const head = el('tr', el('th', t('own.input')), el('th', t('own.mean')), el('th', t('own.sd')));
    const table = el('table', el('thead', head), el('tbody', ...rows));
    stats.replaceChildren(el('p', t('own.loaded-normalised', { rows: data.inputs.length })), table);
  }
}

/** @param {number} length */
function tooLong(length) {
  return t('own.text-too-long', { size: (length / 1e6).toFixed(1), most: maxCsvChars() / 1e6 });
}

/**
 * The target columns typed ("last", or column numbers like "4, 5", counted
 * from 1), 0-based; or an Error naming what was typed. Only plain numbers of
 * this CSV's columns count: "1e0", "0x2" or "4294967297" are refused, never
 * read as another number.
 * @param {string} typed @param {number} columns the CSV's columns
 */
function targetColumns(typed, columns) {
  const text = typed.trim();
  if (text === '' || text.toLowerCase() === 'last' || text === t('own.last.placeholder')) return [columns - 1];
  const chosen = [];
  for (const part of text.split(/[\s,;]+/).filter(Boolean)) {
    if (!/^[0-9]+$/.test(part)) return new Error(t('own.not-a-column', { part }));
    const n = Number(part);
    if (n < 1 || n > columns) {
      return new Error(t(columns === 1 ? 'own.no-column-one' : 'own.no-column', { part, columns }));
    }
    chosen.push(n - 1);
  }
  return chosen;
}
