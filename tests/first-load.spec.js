// docs/ui.md, "On first load": XOR, one hidden layer of 4, sigmoid,
// biases, SSE, full batch, SGD with learning rate 1, seed 1, iteration 0.
import { test, expect, readout, region, inkOf, diagramText } from './fixtures.js';
import { cli } from './cli.js';

test('the page opens on the XOR network, untrained', async ({ page }) => {
  await expect(page).toHaveTitle('Backprop Lab');
  for (const name of ['Training data', 'Network', 'Training']) await expect(region(page, name)).toBeVisible();

  const table = page.getByRole('table', { name: 'Training data' });
  await expect(table.getByRole('columnheader')).toHaveText(['x1', 'x2', 'y1', 'ŷ1', 'Remove']);
  const cells = [];
  for (let r = 1; r <= 4; r++) {
    cells.push([
      await page.getByLabel(`x1 of row ${r}`).inputValue(),
      await page.getByLabel(`x2 of row ${r}`).inputValue(),
      await page.getByLabel(`y1 of row ${r}`).inputValue(),
    ]);
  }
  expect(cells).toEqual([
    ['0', '0', '0'],
    ['0', '1', '1'],
    ['1', '0', '1'],
    ['1', '1', '0'],
  ]);
  await expect(page.getByLabel('Dataset')).toHaveValue('xor');
  await expect(page.getByRole('option', { name: 'XOR', exact: true })).toBeAttached();

  await expect(page.getByLabel('Neurons in hidden layer 1')).toHaveValue('4');
  await expect(page.getByLabel('Neurons in hidden layer 2')).toHaveCount(0);
  await expect(page.getByLabel('Hidden activation')).toHaveValue('sigmoid');
  await expect(page.getByLabel('Output activation')).toHaveValue('sigmoid');
  await expect(page.getByLabel('Biases')).toBeChecked();
  await expect(page.getByLabel('Loss function')).toHaveValue('sse');
  await expect(page.getByLabel('Loss function').locator('option:checked')).toHaveText('Sum of squares (SSE)');
  await expect(page.getByLabel('Update mode').locator('option:checked')).toHaveText('Full batch');
  await expect(page.getByLabel('Optimizer').locator('option:checked')).toHaveText('SGD');
  await expect(page.getByLabel('Learning rate')).toHaveValue('1');
  await expect(page.getByLabel('Seed', { exact: true })).toHaveValue('1');
  await expect(page.getByLabel('Initialisation').locator('option:checked')).toHaveText('Uniform (NumPy seed)');

  expect(await readout(page, 'Iteration')).toBe(0);
  expect(await readout(page, 'Epoch')).toBe(0);
  // The untrained loss is the engine's, digit for digit.
  expect(await readout(page, 'Loss')).toBe(cli(['train', '--preset', 'xor', '--iterations', '0']).loss);

  // The ŷ column already shows the untrained predictions.
  const predictions = await table.locator('td.prediction').allTextContents();
  expect(predictions).toHaveLength(4);
  for (const p of predictions) expect(Number(p)).toBeGreaterThan(0);
});

test('the diagram is drawn and described', async ({ page }) => {
  expect(await inkOf(page, 'Network diagram')).toBeGreaterThan(5000);
  await expect(page.getByRole('img', { name: 'Loss curve' })).toBeVisible();
  const text = await diagramText(page);
  expect(text).toContain('2-4-1');
  expect(text).toContain('Loss');
  const canvas = page.getByRole('img', { name: 'Network diagram' });
  await expect(canvas).toHaveAttribute('aria-describedby', 'network-description');
});
