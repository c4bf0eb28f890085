// The Training data panel: the truth table (inputs x, targets y and the
// network's predictions ŷ, tinted by |y − ŷ|), only its rows in view in the
// page; its edits (table-edits.js) and the Dataset list (dataset-select.js).

import { byId } from '../ui/dom.js';
import { errorTint, sequentialRGB } from '../../common/colors.js';
import { short, exact } from '../ui/format.js';
import { isPicture, pictureSide } from '../picture.js';
import { onLanguage, t } from '../i18n.js';
import { setupDatasetSelect } from './dataset-select.js';
import { setupTableEdits } from './table-edits.js';

/**
 * @typedef {import('../../common/lab.js').Config} Config
 * @typedef {import('../../common/lab.js').Frame} Frame
 * @typedef {import('../store.js').App} App
 */

/** @param {App} app */
export function setupTable(app) {
  const table = byId('data-table', HTMLTableElement);
  const errors = byId('data-errors');
  const dataset = setupDatasetSelect(app, errors);
  setupTableEdits(app, table, errors);
  // Pictures (Digits) show as pictures; their 64 pixel columns, thousands of fields, only when asked for.
  const pixelValues = byId('pixel-values', HTMLInputElement);
  const pixelToggle = byId('pixel-values-toggle');
  // Only the rows in view (and a margin) are in the page, so that a table of
  // thousands of rows costs each frame what one of thirty does. Spacer rows
  // above and below keep the scroll bar true.
  const wrap = /** @type {HTMLElement} */ (table.parentElement);
  const head = table.createTHead();
  const body = table.createTBody();
  const topSpacer = spacerRow();
  const bottomSpacer = spacerRow();
  body.append(topSpacer, bottomSpacer);
  /** @type {Map<number, RowView>} rendered rows by index */
  const shownRows = new Map();
  /** @type {Shape} */
  let shape = { rows: 0, nx: 0, ny: 0, pixels: false };
  pixelValues.addEventListener('change', () => render(app.model.config));
  // Another language: the head and the rows are built again in its words.
  onLanguage(() => {
    shape = { rows: 0, nx: 0, ny: 0, pixels: false };
    render(app.model.config);
  });
  let rowHeight = 0;

  // New rows in view: the next frame writes their ŷ (the worker sends the rows in view).
  new ResizeObserver(() => {
    if (placeRows()) {
      fillValues(app.model.config);
      app.render();
    }
  }).observe(wrap);
  wrap.addEventListener(
    'scroll',
    () => {
      if (placeRows()) {
        fillValues(app.model.config);
        app.render();
      }
    },
    { passive: true },
  );

  /** Rebuilds the table when its shape changed, else refreshes its values. @param {Config} config */
  function render(config) {
    const { inputs, targets } = config.data;
    const next = { rows: inputs.length, nx: inputs[0].length, ny: targets[0].length, pixels: pixelValues.checked };
    pixelToggle.hidden = !isPicture(next.nx);
    if (next.rows !== shape.rows || next.nx !== shape.nx || next.ny !== shape.ny || next.pixels !== shape.pixels) {
      const columns = next.nx !== shape.nx || next.ny !== shape.ny || next.pixels !== shape.pixels;
      shape = next;
      if (columns) {
        buildHead();
        for (const r of [...shownRows.keys()]) removeRow(r);
      }
      table.setAttribute('aria-rowcount', String(shape.rows + 1));
    }
    placeRows();
    fillValues(config);
    dataset.show(config);
  }

  function buildHead() {
    const hr = document.createElement('tr');
    hr.setAttribute('aria-rowindex', '1');
    /** @param {string} text @param {string} [cls] */
    const th = (text, cls) => {
      const cell = document.createElement('th');
      cell.scope = 'col';
      cell.textContent = text;
      if (cls) cell.className = cls;
      hr.append(cell);
    };
    if (isPicture(shape.nx)) th(t('table.picture'));
    for (let c = 0; c < inputColumns(shape); c++) th(`x${c + 1}`);
    for (let c = 0; c < shape.ny; c++) th(`y${c + 1}`, c === 0 ? 'target first' : 'target');
    for (let c = 0; c < shape.ny; c++) th(`ŷ${c + 1}`, c === 0 ? 'prediction' : '');
    const remove = document.createElement('th');
    remove.scope = 'col';
    const hiddenText = document.createElement('span');
    hiddenText.className = 'visually-hidden';
    hiddenText.textContent = t('table.remove');
    remove.append(hiddenText);
    hr.append(remove);
    head.replaceChildren(hr);
    const span = String(2 * shape.ny + inputColumns(shape) + 1 + (isPicture(shape.nx) ? 1 : 0));
    for (const spacer of [topSpacer, bottomSpacer]) /** @type {HTMLTableCellElement} */ (spacer.cells[0]).colSpan = Number(span);
  }

  /**
   * Puts exactly the rows of the current window in the body. Returns whether
   * any row came or went.
   */
  function placeRows() {
    const n = shape.rows;
    const height = rowHeight || 29;
    // The wrap grows with its rows up to its max-height (60vh): place rows
    // for the height it will have, not the one it had with fewer rows.
    const view = Math.max(wrap.clientHeight, 0.6 * window.innerHeight, 10 * height);
    const top = wrap.scrollTop - head.offsetHeight;
    const first = Math.max(0, Math.min(n, Math.floor(top / height) - OVERSCAN));
    const last = Math.max(first, Math.min(n, Math.ceil((top + view) / height) + OVERSCAN));
    let changed = false;
    for (const r of [...shownRows.keys()]) {
      if (r < first || r >= last) {
        removeRow(r);
        changed = true;
      }
    }
    let next = /** @type {HTMLTableRowElement} */ (bottomSpacer);
    for (let r = last - 1; r >= first; r--) {
      let row = shownRows.get(r);
      if (!row) {
        row = buildRow(r, shape);
        shownRows.set(r, row);
        body.insertBefore(row.tr, next);
        changed = true;
      }
      next = row.tr;
    }
    // Measured each time: fonts and the panel's width can change a row's height.
    if (shownRows.size > 0) {
      const measured = next.getBoundingClientRect().height;
      if (measured > 0) rowHeight = measured;
    }
    sizeSpacer(topSpacer, first * height);
    sizeSpacer(bottomSpacer, (n - last) * height);
    return changed;
  }

  /** @param {number} r */
  function removeRow(r) {
    const row = shownRows.get(r);
    if (!row) return;
    // A cell being edited is committed (its change event) before it goes.
    if (row.tr.contains(document.activeElement)) /** @type {HTMLElement} */ (document.activeElement).blur();
    row.tr.remove();
    shownRows.delete(r);
  }

  /** The cells of the rows shown take the config's values, except one refused. @param {Config} config */
  function fillValues(config) {
    shownRows.forEach((row, r) => {
      for (const input of row.inputs) {
        if (input.getAttribute('aria-invalid') === 'true' || input === document.activeElement) continue;
        const side = input.dataset.side === 'inputs' ? config.data.inputs : config.data.targets;
        const value = String(side[r][Number(input.dataset.c)]);
        if (input.value !== value) input.value = value;
      }
      if (row.picture) drawPicture(row.picture, r, config.data.inputs[r], config.data.targets[r]);
    });
  }

  /** Writes ŷ and the |y − ŷ| tints, and marks the selected and next rows. @param {Frame} frame */
  function update(frame) {
    if (shownRows.size === 0) return;
    const targets = app.model.config.data.targets;
    const [first, end] = rowsShown();
    // The worker sends the rows in view with the next report (frame.js's view).
    const predictions = app.model.predictions(first, end);
    if (!predictions) return;
    const k = shape.ny;
    const [nextFrom, nextTo] = frame.nextRows;
    shownRows.forEach((row, r) => {
      row.yHats.forEach((td, c) => {
        const yHat = predictions[(r - first) * k + c];
        const text = short(yHat);
        if (row.texts[c] !== text) {
          row.texts[c] = text;
          /** @type {HTMLElement} */ (td.firstElementChild).textContent = text;
        }
        // Every digit on hover: it changes while the short text stands still.
        const digits = exact(yHat);
        if (td.title !== digits) td.title = digits;
        // Tints in 20 steps: enough to see, few enough to rarely change.
        const tint = errorTint(Math.round(Math.abs(targets[r][c] - yHat) * 20) / 20);
        if (row.tints[c] !== tint) {
          row.tints[c] = tint;
          td.style.background = tint;
        }
      });
      row.tr.classList.toggle('selected', r === frame.row);
      row.tr.classList.toggle('next-rows', r >= nextFrom && r < nextTo);
    });
  }

  /** The rows in the page, [first, end). @returns {[number, number]} */
  function rowsShown() {
    if (shownRows.size === 0) return [0, 0];
    const rows = [...shownRows.keys()];
    return [Math.min(...rows), Math.max(...rows) + 1];
  }

  return { render, update, rowsShown };
}

/** The table's shape: rows, input and target columns, and whether a picture's pixel values are shown. @typedef {{ rows: number, nx: number, ny: number, pixels: boolean }} Shape */

/** The input columns the table shows: none for pictures, unless their pixel values are asked for. @param {Shape} shape */
const inputColumns = (shape) => (isPicture(shape.nx) && !shape.pixels ? 0 : shape.nx);

/**
 * Row r's elements: its picture, its cells, its ŷ cells and its remove button.
 * @param {number} r @param {Shape} shape @returns {RowView}
 */
function buildRow(r, shape) {
  const tr = document.createElement('tr');
  tr.dataset.row = String(r);
  tr.setAttribute('aria-rowindex', String(r + 2));
  /** @type {HTMLInputElement[]} */
  const inputs = [];
  /** @param {'inputs' | 'targets'} side @param {number} c @param {string} name */
  const cell = (side, c, name) => {
    const input = document.createElement('input');
    input.type = 'number';
    input.step = 'any';
    input.inputMode = 'decimal';
    input.dataset.side = side;
    input.dataset.r = String(r);
    input.dataset.c = String(c);
    input.setAttribute('aria-label', t('table.cell', { name: `${name}${c + 1}`, row: r + 1 }));
    tr.insertCell().append(input);
    inputs.push(input);
  };
  /** @type {RowView['picture']} */
  let picture = null;
  if (isPicture(shape.nx)) {
    // An image, not a canvas: dozens of canvases in a scrolled table each cost the compositor every frame.
    const image = document.createElement('img');
    image.className = 'row-picture';
    image.width = image.height = 24;
    const label = document.createElement('span');
    label.className = 'row-label';
    const td = tr.insertCell();
    td.className = 'picture';
    td.append(image, label);
    picture = { image, label, drawn: '' };
  }
  for (let c = 0; c < inputColumns(shape); c++) cell('inputs', c, 'x');
  for (let c = 0; c < shape.ny; c++) cell('targets', c, 'y');
  /** @type {HTMLTableCellElement[]} */
  const yHats = [];
  for (let c = 0; c < shape.ny; c++) {
    const td = tr.insertCell();
    td.className = c === 0 ? 'prediction' : 'prediction-more';
    // The number lives in a box of fixed size, so that a new ŷ never
    // makes the browser lay out the table again.
    const value = document.createElement('span');
    value.className = 'y-hat';
    td.append(value);
    yHats.push(td);
  }
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'small quiet';
  button.textContent = '×';
  button.setAttribute('aria-label', t('table.remove-row', { row: r + 1 }));
  button.title = t('table.remove-row', { row: r + 1 });
  tr.insertCell().append(button);
  return { tr, inputs, yHats, texts: [], tints: [], picture };
}

/** Rows kept in the page above and below those in view. */
const OVERSCAN = 8;

/**
 * One row in the page: its element, cells, and what its ŷ cells show (so
 * that only changes touch the DOM).
 * @typedef {{
 *   tr: HTMLTableRowElement, inputs: HTMLInputElement[], yHats: HTMLTableCellElement[], texts: string[], tints: string[],
 *   picture: { image: HTMLImageElement, label: HTMLElement, drawn: string } | null,
 * }} RowView
 */

/** Where the rows' pictures are painted, one at a time, to become images. */
const painter = document.createElement('canvas');

/**
 * A row's picture (each input a pixel, on the diagram's scale) and its label:
 * the class its targets name (Digits: the digit), or its targets.
 * @param {NonNullable<RowView['picture']>} picture @param {number} r @param {number[]} inputs @param {number[]} targets
 */
function drawPicture(picture, r, inputs, targets) {
  const key = `${inputs.join()}|${targets.join()}`;
  if (picture.drawn === key) return;
  picture.drawn = key;
  const side = pictureSide();
  painter.width = painter.height = side;
  const ctx = painter.getContext('2d');
  if (ctx) {
    const image = ctx.createImageData(side, side);
    inputs.forEach((v, i) => {
      image.data.set([...sequentialRGB(v), 255], 4 * i);
    });
    ctx.putImageData(image, 0, 0);
    picture.image.src = painter.toDataURL();
  }
  const oneHot = targets.every((t) => t === 0 || t === 1) && targets.filter((t) => t === 1).length === 1;
  const label = oneHot ? String(targets.indexOf(1)) : targets.map(short).join(', ');
  picture.label.textContent = label;
  picture.image.alt = t(oneHot ? 'table.picture-of-digit' : 'table.picture-of-row', { row: r + 1, label });
}

/** A row that stands in for rows not in the page. */
function spacerRow() {
  const tr = document.createElement('tr');
  tr.className = 'spacer';
  tr.setAttribute('aria-hidden', 'true');
  tr.insertCell();
  tr.hidden = true;
  return tr;
}

/** @param {HTMLTableRowElement} spacer @param {number} px */
function sizeSpacer(spacer, px) {
  spacer.hidden = px <= 0;
  /** @type {HTMLTableCellElement} */ (spacer.cells[0]).style.height = `${px}px`;
}
