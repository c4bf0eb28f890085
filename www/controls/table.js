// The Training data panel: the truth table (inputs x, targets y and the
// network's predictions ŷ, tinted by |y − ŷ|), its rows and columns, and the
// dataset presets.

import { Model } from '../lab.js';
import { errorTint } from '../colors.js';
import { short, exact } from '../format.js';
import { parseNumber } from '../fields.js';

/**
 * @typedef {import('../lab.js').Config} Config
 * @typedef {import('../lab.js').Frame} Frame
 * @typedef {import('../main.js').App} App
 */

/** The presets the Dataset select offers: label and engine preset name. */
const DATASETS = [
  ['XOR', 'xor'],
  ['AND', 'and'],
  ['OR', 'or'],
  ['NAND', 'nand'],
  ['XNOR', 'xnor'],
  ["Siraj's 3-input example", 'siraj-neuron'],
];

/** @param {App} app */
export function setupTable(app) {
  const table = /** @type {HTMLTableElement} */ (document.getElementById('data-table'));
  const select = /** @type {HTMLSelectElement} */ (document.getElementById('dataset'));
  const errors = /** @type {HTMLElement} */ (document.getElementById('data-errors'));
  /** @type {Map<string, string>} preset name -> its data as JSON */
  const presetData = new Map(DATASETS.map(([, name]) => [name, JSON.stringify(Model.presetConfig(name).data)]));

  for (const [label, name] of DATASETS) select.add(new Option(label, name));
  const custom = new Option('Custom', 'custom');
  custom.disabled = true;
  select.add(custom);

  select.addEventListener('change', () => {
    const data = JSON.parse(presetData.get(select.value) ?? 'null');
    if (!data) return;
    const ok = app.change((c) => {
      c.data = data;
      c.layers[0] = data.inputs[0].length;
      c.layers[c.layers.length - 1] = data.targets[0].length;
    }, select);
    if (!ok) select.value = datasetOf(app.model.config);
  });

  /** @param {Config} config */
  function datasetOf(config) {
    const json = JSON.stringify(config.data);
    for (const [name, data] of presetData) if (data === json) return name;
    return 'custom';
  }

  /** @param {string} id @param {(c: Config) => string | null} refusal @param {(c: Config) => void} edit */
  function button(id, refusal, edit) {
    const b = /** @type {HTMLButtonElement} */ (document.getElementById(id));
    b.addEventListener('click', () => {
      const why = refusal(app.model.config);
      if (why) return app.refuse(b, why, errors);
      app.change(edit, b, errors);
    });
  }

  button('add-row', () => null, (c) => {
    c.data.inputs.push(Array(c.layers[0]).fill(0));
    c.data.targets.push(Array(c.layers[c.layers.length - 1]).fill(0));
  });
  button('add-input', () => null, (c) => {
    c.data.inputs.forEach((row) => row.push(0));
    c.layers[0] += 1;
  });
  button('remove-input', (c) => (c.layers[0] <= 1 ? 'The table needs at least one input column.' : null), (c) => {
    c.data.inputs.forEach((row) => row.pop());
    c.layers[0] -= 1;
  });
  button('add-output', () => null, (c) => {
    c.data.targets.forEach((row) => row.push(0));
    c.layers[c.layers.length - 1] += 1;
  });
  button('remove-output', (c) => (c.layers[c.layers.length - 1] <= 1 ? 'The table needs at least one output column.' : null), (c) => {
    c.data.targets.forEach((row) => row.pop());
    c.layers[c.layers.length - 1] -= 1;
  });

  // Clicks on a row select it for the diagram; cells and remove buttons act here too.
  table.addEventListener('click', (e) => {
    const target = /** @type {HTMLElement} */ (e.target);
    const row = target.closest('tr[data-row]');
    if (!row) return;
    const r = Number(/** @type {HTMLElement} */ (row).dataset.row);
    if (target.closest('button')) {
      if (app.model.config.data.inputs.length <= 1) {
        return app.refuse(/** @type {HTMLElement} */ (target.closest('button')), 'The table needs at least one row.', errors);
      }
      const ok = app.change((c) => {
        c.data.inputs.splice(r, 1);
        c.data.targets.splice(r, 1);
      }, /** @type {HTMLElement} */ (target.closest('button')), errors);
      if (ok && app.selectedRow >= app.model.config.data.inputs.length) app.selectRow(app.model.config.data.inputs.length - 1);
      return;
    }
    app.selectRow(r);
  });

  table.addEventListener('change', (e) => {
    const input = /** @type {HTMLInputElement} */ (e.target);
    if (!(input instanceof HTMLInputElement) || !input.dataset.side) return;
    const r = Number(input.dataset.r);
    const c = Number(input.dataset.c);
    const side = /** @type {'inputs' | 'targets'} */ (input.dataset.side);
    const label = input.getAttribute('aria-label') ?? 'Cell';
    const value = parseNumber(input.value, label);
    if (value instanceof Error) return app.refuse(input, value.message);
    app.change((config) => {
      config.data[side][r][c] = value;
    }, input);
  });

  /** @type {HTMLTableCellElement[][]} */
  let predictionCells = [];
  let shape = '';
  // Only rows in view are refreshed: a long table costs nothing per frame.
  /** @type {Set<number>} */
  const visible = new Set();
  const wrap = /** @type {HTMLElement} */ (table.parentElement);
  const observer = new IntersectionObserver(
    (entries) => {
      for (const e of entries) {
        const r = Number(/** @type {HTMLElement} */ (e.target).dataset.row);
        if (e.isIntersecting) visible.add(r);
        else visible.delete(r);
      }
      if (entries.some((e) => e.isIntersecting)) app.render();
    },
    { root: wrap, rootMargin: '200px 0px' },
  );

  /** Rebuilds the table when its shape changed, else refreshes its values. @param {Config} config */
  function render(config) {
    const { inputs, targets } = config.data;
    const nx = inputs[0].length;
    const ny = targets[0].length;
    const next = `${inputs.length}x${nx}x${ny}`;
    if (next !== shape) {
      shape = next;
      build(inputs.length, nx, ny);
    }
    table.querySelectorAll('input[data-side]').forEach((el) => {
      const input = /** @type {HTMLInputElement} */ (el);
      if (input.getAttribute('aria-invalid') === 'true') return;
      const rows = input.dataset.side === 'inputs' ? inputs : targets;
      const value = String(rows[Number(input.dataset.r)][Number(input.dataset.c)]);
      if (input.value !== value) input.value = value;
    });
    select.value = datasetOf(config);
  }

  /** @param {number} rows @param {number} nx @param {number} ny */
  function build(rows, nx, ny) {
    const head = document.createElement('thead');
    const hr = head.insertRow();
    /** @param {string} text @param {string} [cls] */
    const th = (text, cls) => {
      const cell = document.createElement('th');
      cell.scope = 'col';
      cell.textContent = text;
      if (cls) cell.className = cls;
      hr.append(cell);
    };
    for (let c = 0; c < nx; c++) th(`x${c + 1}`);
    for (let c = 0; c < ny; c++) th(`y${c + 1}`, c === 0 ? 'target first' : 'target');
    for (let c = 0; c < ny; c++) th(`ŷ${c + 1}`, c === 0 ? 'prediction' : '');
    const remove = document.createElement('th');
    remove.scope = 'col';
    const hiddenText = document.createElement('span');
    hiddenText.className = 'visually-hidden';
    hiddenText.textContent = 'Remove';
    remove.append(hiddenText);
    hr.append(remove);

    const body = document.createElement('tbody');
    predictionCells = [];
    observer.disconnect();
    visible.clear();
    for (let r = 0; r < rows; r++) {
      const tr = body.insertRow();
      tr.dataset.row = String(r);
      /** @param {'inputs' | 'targets'} side @param {number} c @param {string} name */
      const cell = (side, c, name) => {
        const input = document.createElement('input');
        input.type = 'number';
        input.step = 'any';
        input.inputMode = 'decimal';
        input.dataset.side = side;
        input.dataset.r = String(r);
        input.dataset.c = String(c);
        input.setAttribute('aria-label', `${name}${c + 1} of row ${r + 1}`);
        tr.insertCell().append(input);
      };
      for (let c = 0; c < nx; c++) cell('inputs', c, 'x');
      for (let c = 0; c < ny; c++) cell('targets', c, 'y');
      const predictions = [];
      for (let c = 0; c < ny; c++) {
        const td = tr.insertCell();
        td.className = c === 0 ? 'prediction' : 'prediction-more';
        // The number lives in a box of fixed size, so that a new ŷ never
        // makes the browser lay out the whole table again.
        const value = document.createElement('span');
        value.className = 'y-hat';
        td.append(value);
        predictions.push(td);
      }
      predictionCells.push(predictions);
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'small quiet';
      button.textContent = '×';
      button.setAttribute('aria-label', `Remove row ${r + 1}`);
      button.title = `Remove row ${r + 1}`;
      tr.insertCell().append(button);
      observer.observe(tr);
      // Until the observer reports, assume the first rows are in view.
      if (r < 40) visible.add(r);
    }
    table.replaceChildren(head, body);
    shown = { texts: [], tints: [], row: -1, next: '' };
  }

  /** What each ŷ cell and row shows, so that only changes touch the DOM. */
  let shown = { texts: /** @type {string[]} */ ([]), tints: /** @type {string[]} */ ([]), row: -1, next: '' };

  /** Writes ŷ and the |y − ŷ| tints, and marks the selected and next rows. @param {Frame} frame */
  function update(frame) {
    const targets = app.model.config.data.targets;
    const predictions = app.model.predictions();
    const k = frame.sizes[frame.sizes.length - 1];
    if (shown.texts.length !== predictionCells.length * k) shown = { texts: [], tints: [], row: -1, next: '' };
    visible.forEach((r) => {
      const cells = predictionCells[r];
      if (!cells) return;
      cells.forEach((td, c) => {
        const at = r * k + c;
        const yHat = predictions[at];
        const text = short(yHat);
        if (shown.texts[at] !== text) {
          shown.texts[at] = text;
          /** @type {HTMLElement} */ (td.firstElementChild).textContent = text;
          td.title = exact(yHat);
        }
        // Tints in 20 steps: enough to see, few enough to rarely change.
        const tint = errorTint(Math.round(Math.abs(targets[r][c] - yHat) * 20) / 20);
        if (shown.tints[at] !== tint) {
          shown.tints[at] = tint;
          td.style.background = tint;
        }
      });
    });
    const next = frame.nextRows.join('-');
    if (shown.row !== frame.row || shown.next !== next) {
      // Touch only the rows whose marks change.
      const rows = table.tBodies[0]?.rows;
      const [from, to] = shown.next ? shown.next.split('-').map(Number) : [0, 0];
      const touched = new Set([shown.row, frame.row]);
      for (let r = from; r < to; r++) touched.add(r);
      for (let r = frame.nextRows[0]; r < frame.nextRows[1]; r++) touched.add(r);
      touched.forEach((r) => {
        const tr = rows?.[r];
        if (!tr) return;
        tr.classList.toggle('selected', r === frame.row);
        tr.classList.toggle('next-rows', r >= frame.nextRows[0] && r < frame.nextRows[1]);
      });
      shown.row = frame.row;
      shown.next = next;
    }
  }

  return { render, update };
}
