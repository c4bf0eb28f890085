// "Your own data": a Boolean expression that fills the truth table, or a CSV
// pasted or uploaded, with its target columns and an optional z-score of the
// inputs. The engine reads both; a mistake is shown where it was typed (with
// its column, or line and column) and the data stays as it was.

import { Model } from '../lab.js';
import { el, num } from '../views/formulas.js';

/**
 * @typedef {import('../lab.js').Config} Config
 * @typedef {import('../main.js').App} App
 */

/** The largest file read (the engine refuses more than 10,000 rows anyway). */
const MAX_FILE_BYTES = 16_000_000;

/** @param {string} id */
const byId = (id) => /** @type {HTMLInputElement} */ (document.getElementById(id));

/** @param {App} app */
export function setupOwnData(app) {
  const expression = byId('expression');
  const csvText = /** @type {HTMLTextAreaElement} */ (/** @type {unknown} */ (byId('csv-text')));
  const csvFile = byId('csv-file');
  const targets = byId('csv-targets');
  const normalise = byId('csv-normalise');
  const stats = /** @type {HTMLElement} */ (document.getElementById('csv-stats'));

  /** New data with the network's first and last layers fitted to it. @param {{ inputs: number[][], targets: number[][] }} data */
  const withData = (data) => (/** @type {Config} */ c) => {
    c.data = { inputs: data.inputs, targets: data.targets };
    c.layers[0] = data.inputs[0].length;
    c.layers[c.layers.length - 1] = data.targets[0].length;
  };

  const fillFromExpression = () => {
    let table;
    try {
      table = Model.expressionTable(expression.value);
    } catch (e) {
      return app.refuse(expression, `Boolean expression: ${/** @type {Error} */ (e).message}`);
    }
    app.change(withData(table), expression);
  };
  byId('fill-expression').addEventListener('click', fillFromExpression);
  expression.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') fillFromExpression();
  });

  /** The target columns typed ("last", or 1-based numbers like "4, 5"), 0-based; or an Error. @param {number} columns */
  const targetColumns = (columns) => {
    const text = targets.value.trim();
    if (text === '' || text.toLowerCase() === 'last') return [columns - 1];
    const parts = text.split(/[\s,;]+/).filter(Boolean);
    const numbers = parts.map(Number);
    const bad = parts.find((_, i) => !Number.isInteger(numbers[i]) || numbers[i] < 1);
    if (bad !== undefined) return new Error(`Target columns: "${bad}" is not a column number (1, 2, …)`);
    return numbers.map((n) => n - 1);
  };

  const loadCsv = () => {
    const firstLine = csvText.value.split('\n', 1)[0] ?? '';
    const columns = Math.max(1, firstLine.split(/[,;\t]/).length);
    const chosen = targetColumns(columns);
    if (chosen instanceof Error) return app.refuse(targets, chosen.message);
    app.accept(targets);
    let data;
    try {
      data = Model.csvData(csvText.value, chosen, normalise.checked);
    } catch (e) {
      const message = /** @type {Error} */ (e).message;
      const field = message.startsWith('target column') || message.startsWith('choose') ? targets : csvText;
      return app.refuse(field, `CSV: ${message}`);
    }
    if (app.change(withData(data), csvText)) showStats(data);
  };
  byId('load-csv').addEventListener('click', loadCsv);

  csvFile.addEventListener('change', async () => {
    const file = csvFile.files?.[0];
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      return app.refuse(csvFile, `Upload CSV: the file is ${(file.size / 1e6).toFixed(1)} MB; at most 16 MB can be read`);
    }
    app.accept(csvFile);
    csvText.value = await file.text();
    loadCsv();
  });

  /** What "Normalise inputs" did: each input column's mean and standard deviation. @param {{ stats: { name: string, mean: number, sd: number }[] | null, inputs: number[][] }} data */
  function showStats(data) {
    if (!data.stats) {
      stats.replaceChildren(el('p', `Loaded ${data.inputs.length} rows.`));
      return;
    }
    const rows = data.stats.map((s) => el('tr', el('td', s.name), el('td', num(s.mean)), el('td', num(s.sd))));
    const table = el('table', el('thead', el('tr', el('th', 'input'), el('th', 'mean'), el('th', 'sd'))), el('tbody', ...rows));
    stats.replaceChildren(el('p', `Loaded ${data.inputs.length} rows; inputs normalised to (x − mean) / sd:`), table);
  }
}
