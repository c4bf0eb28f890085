// The Training data panel: cells, rows, columns and presets.
import { readFileSync } from 'node:fs';
import { test, expect, readout, commit, diagramText } from './fixtures.js';

const tableOf = (/** @type {import('@playwright/test').Page} */ page) => page.getByRole('table', { name: 'Training data' });

test('editing a cell changes the data and the predictions follow', async ({ page }) => {
  const before = await readout(page, 'Loss');
  // (Setting it to 1 would make NAND, which the Dataset select would name.)
  await commit(page.getByLabel('y1 of row 1'), '0.5');
  await expect(page.getByLabel('Dataset')).toHaveValue('custom');
  await expect.poll(() => readout(page, 'Loss')).not.toBe(before);
  await expect(page.getByLabel('y1 of row 1')).toHaveValue('0.5');
  // Real-valued inputs are fine too.
  await commit(page.getByLabel('x2 of row 3'), '0.25');
  await expect(page.getByLabel('x2 of row 3')).toHaveValue('0.25');
  expect(await page.getByLabel('y1 of row 1').getAttribute('aria-invalid')).toBeNull();
});

test('a cell that is not a number is refused and nothing changes', async ({ page }) => {
  const loss = await readout(page, 'Loss');
  const cell = page.getByLabel('x1 of row 2');
  await commit(cell, '');
  await expect(cell).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('alert')).toContainText('x1 of row 2');
  expect(await readout(page, 'Loss')).toBe(loss);
  await expect(page.getByLabel('Dataset')).toHaveValue('xor');
  // Cross-entropy needs targets from 0 to 1.
  await page.getByLabel('Loss function').selectOption('cross_entropy');
  const target = page.getByLabel('y1 of row 4');
  await commit(target, '2');
  await expect(target).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('alert').filter({ hasText: '0 to 1' })).toBeVisible();
});

test('rows and columns can be added and removed', async ({ page }) => {
  const table = tableOf(page);
  await page.getByRole('button', { name: 'Add row' }).click();
  await expect(table.locator('tbody tr[data-row]')).toHaveCount(5);
  await expect(page.getByLabel('x1 of row 5')).toHaveValue('0');
  await page.getByRole('button', { name: 'Remove row 5' }).click();
  await expect(table.locator('tbody tr[data-row]')).toHaveCount(4);
  await expect(page.getByLabel('Dataset')).toHaveValue('xor');

  await page.getByRole('button', { name: 'Add input column' }).click();
  await expect(page.getByLabel('x3 of row 1')).toBeVisible();
  await expect.poll(() => diagramText(page)).toContain('3-4-1');
  await page.getByRole('button', { name: 'Remove input column' }).click();
  await expect(page.getByLabel('x3 of row 1')).toHaveCount(0);
  await page.getByRole('button', { name: 'Remove input column' }).click();
  await expect.poll(() => diagramText(page)).toContain('1-4-1');
  // The last input column stays: refused, with a message.
  await page.getByRole('button', { name: 'Remove input column' }).click();
  await expect(page.getByRole('alert')).toContainText('at least one input column');
  await expect.poll(() => diagramText(page)).toContain('1-4-1');

  await page.getByRole('button', { name: 'Add output column' }).click();
  await expect(table.getByRole('columnheader', { name: 'ŷ2' })).toBeVisible();
  await expect(page.getByLabel('y2 of row 4')).toBeVisible();
  await expect.poll(() => diagramText(page)).toContain('1-4-2');
  await page.getByRole('button', { name: 'Remove output column' }).click();
  await page.getByRole('button', { name: 'Remove output column' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'at least one output column' })).toBeVisible();

  for (let r = 4; r > 1; r--) await page.getByRole('button', { name: `Remove row ${r}` }).click();
  await expect(table.locator('tbody tr[data-row]')).toHaveCount(1);
  await page.getByRole('button', { name: 'Remove row 1' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'at least one row' })).toBeVisible();
  await expect(table.locator('tbody tr[data-row]')).toHaveCount(1);
});

test('every preset fills the table with its truth table', async ({ page }) => {
  const expected = {
    XOR: ['0', '1', '1', '0'],
    AND: ['0', '0', '0', '1'],
    OR: ['0', '1', '1', '1'],
    NAND: ['1', '1', '1', '0'],
    XNOR: ['1', '0', '0', '1'],
    "Siraj's 3-input example": ['0', '1', '1', '0'],
  };
  for (const [label, targets] of Object.entries(expected)) {
    await page.getByLabel('Dataset').selectOption({ label });
    const column = async () => {
      const got = [];
      for (let r = 1; r <= 4; r++) got.push(await page.getByLabel(`y1 of row ${r}`).inputValue());
      return got;
    };
    await expect.poll(column, label).toEqual(targets);
  }
  await expect(page.getByLabel('x3 of row 2')).toHaveValue('1');
  await expect.poll(() => diagramText(page)).toContain('3-4-1');
});

test('clicking a row shows it on the diagram', async ({ page }) => {
  await tableOf(page).locator('tbody tr[data-row]').nth(2).locator('td.prediction').click();
  await expect(tableOf(page).locator('tbody tr[data-row]').nth(2)).toHaveClass(/selected/);
  const box = await page.getByRole('img', { name: 'Network diagram' }).boundingBox();
  if (!box) throw new Error('no diagram');
  const x1 = await page.evaluate(() => /** @type {any} */ (window).backpropLab.network.placement.columns[0][0]);
  await page.mouse.move(box.x + x1.x, box.y + x1.y);
  await expect(page.getByRole('tooltip')).toContainText('Input x1 = 1 (row 3)');
});

test('a long table keeps only the rows in view in the page, and every row is reachable', async ({ page }) => {
  // 500 rows: the speed workload's point set.
  const config = JSON.parse(readFileSync('bench/workloads.json', 'utf8'))['bench-w1'];
  await page.evaluate(async (config) => {
    const app = /** @type {any} */ (window).backpropLab;
    await app.change((/** @type {any} */ c) => Object.assign(c, config), document.body);
  }, config);
  const table = tableOf(page);
  await expect(table).toHaveAttribute('aria-rowcount', '501');
  const rendered = await table.locator('tbody tr[data-row]').count();
  expect(rendered).toBeGreaterThan(5);
  expect(rendered).toBeLessThan(80);
  await expect(page.getByLabel('x1 of row 500')).toHaveCount(0);

  // Scrolled to the end, the last rows are there with the data's values.
  const data = await page.evaluate(
    async () => (await /** @type {any} */ (window).backpropLab.idle(), /** @type {any} */ (window).backpropLab.model.config).data.inputs,
  );
  await table.evaluate((t) => t.parentElement?.scrollTo(0, t.parentElement.scrollHeight));
  await expect(page.getByLabel('x1 of row 500')).toHaveValue(String(data[499][0]));
  await expect(page.getByLabel('x1 of row 1', { exact: true })).toHaveCount(0);
  await expect(table.locator('tbody tr[data-row]').last().locator('.y-hat')).toHaveText(/\d/);

  // An edit far down the table changes that row of the data.
  await commit(page.getByLabel('x2 of row 498'), '0.5');
  await expect
    .poll(() =>
      page.evaluate(
        async () =>
          (await /** @type {any} */ (window).backpropLab.idle(), /** @type {any} */ (window).backpropLab.model.config).data.inputs[497][1],
      ),
    )
    .toBe(0.5);

  // The keyboard walks on past the rows in view: the table follows the focus.
  await table.evaluate((t) => t.parentElement?.scrollTo(0, 0));
  await page.getByLabel('x1 of row 1', { exact: true }).focus();
  for (let i = 0; i < 4 * 40; i++) await page.keyboard.press('Tab');
  await expect(page.getByLabel('x1 of row 41')).toBeVisible();
});
