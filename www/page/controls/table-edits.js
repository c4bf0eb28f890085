// Editing the truth table: rows and columns added and removed, a cell
// typed, a row selected for the diagram. Each edit is a change of the
// config that the engine takes or refuses (a refusal shows where it was
// made, and the table stays as it was).

import { byId } from '../ui/dom.js';
import { rawWidth } from '../../common/lab.js';
import { parseNumber } from '../ui/fields.js';
import { t } from '../i18n.js';

/**
 * @typedef {import('../../common/lab.js').Config} Config
 * @typedef {import('../store.js').App} App
 */

/** @param {App} app @param {HTMLTableElement} table @param {HTMLElement} errors */
export function setupTableEdits(app, table, errors) {
  /** @param {string} id @param {(c: Config) => string | null} refusal @param {(c: Config) => void} edit */
  function button(id, refusal, edit) {
    const b = byId(id, HTMLButtonElement);
    b.addEventListener('click', () => {
      const why = refusal(app.model.config);
      if (why) return app.refuse(b, why, errors);
      app.change(edit, b, errors);
    });
  }

  button(
    'add-row',
    () => null,
    (c) => {
      c.data.inputs.push(Array(rawWidth(c)).fill(0));
      c.data.targets.push(Array(c.layers[c.layers.length - 1]).fill(0));
    },
  );
  button(
    'add-input',
    () => null,
    (c) => {
      // Features are of x1, x2 alone: a third column turns them off.
      c.data.inputs.forEach((row) => row.push(0));
      delete c.features;
      c.layers[0] = c.data.inputs[0].length;
    },
  );
  button(
    'remove-input',
    (c) => (rawWidth(c) <= 1 ? t('table.needs-input') : null),
    (c) => {
      c.data.inputs.forEach((row) => row.pop());
      delete c.features;
      c.layers[0] = c.data.inputs[0].length;
    },
  );
  button(
    'add-output',
    () => null,
    (c) => {
      c.data.targets.forEach((row) => row.push(0));
      c.layers[c.layers.length - 1] += 1;
    },
  );
  button(
    'remove-output',
    (c) => (c.layers[c.layers.length - 1] <= 1 ? t('table.needs-output') : null),
    (c) => {
      c.data.targets.forEach((row) => row.pop());
      c.layers[c.layers.length - 1] -= 1;
    },
  );

  // Clicks on a row select it for the diagram; cells and remove buttons act here too.
  table.addEventListener('click', async (e) => {
    const target = /** @type {HTMLElement} */ (e.target);
    const row = target.closest('tr[data-row]');
    if (!row) return;
    const r = Number(/** @type {HTMLElement} */ (row).dataset.row);
    if (target.closest('button')) {
      if (app.model.config.data.inputs.length <= 1) {
        return app.refuse(/** @type {HTMLElement} */ (target.closest('button')), 'The table needs at least one row.', errors);
      }
      const ok = await app.change(
        (c) => {
          c.data.inputs.splice(r, 1);
          c.data.targets.splice(r, 1);
        },
        /** @type {HTMLElement} */ (target.closest('button')),
        errors,
      );
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
    const label = input.getAttribute('aria-label') ?? '';
    const value = parseNumber(input.value, label);
    if (value instanceof Error) return app.refuse(input, value.message);
    app.change((config) => {
      config.data[side][r][c] = value;
    }, input);
  });
}
