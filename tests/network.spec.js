// The Network panel: hidden layers, their sizes, activations, biases, and the
// diagram's hover readouts.
import { test, expect, readout, commit, diagramText, alerts } from './fixtures.js';
import { cli } from './cli.js';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

test('add, resize and remove hidden layers', async ({ page }) => {
  await page.getByRole('button', { name: 'Add hidden layer' }).click();
  await expect(page.getByLabel('Neurons in hidden layer 2')).toHaveValue('4');
  await commit(page.getByLabel('Neurons in hidden layer 2'), '7');
  await expect.poll(() => diagramText(page)).toContain('2-4-7-1');
  expect(await readout(page, 'Iteration')).toBe(0);

  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect.poll(() => readout(page, 'Iteration')).toBe(1);
  // Changing the network starts it again from the seed.
  await commit(page.getByLabel('Neurons in hidden layer 1'), '3');
  await expect.poll(() => diagramText(page)).toContain('2-3-7-1');
  expect(await readout(page, 'Iteration')).toBe(0);

  await page.getByRole('button', { name: 'Remove hidden layer' }).click();
  await expect(page.getByLabel('Neurons in hidden layer 2')).toHaveCount(0);
  await expect.poll(() => diagramText(page)).toContain('2-3-1');
  await page.getByRole('button', { name: 'Remove hidden layer' }).click();
  await expect(page.getByLabel('Neurons in hidden layer 1')).toHaveCount(0);
  await expect.poll(() => diagramText(page)).toContain('Layers 2-1');
  // A single-layer net trains too.
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect.poll(() => readout(page, 'Iteration')).toBe(1);
  // There is nothing left to remove: refused, with a message.
  await page.getByRole('button', { name: 'Remove hidden layer' }).click();
  await expect(page.getByRole('alert')).toContainText('no hidden layer');
  expect(await readout(page, 'Iteration')).toBe(1);
});

test('a hidden layer size that cannot be used is refused where it was typed', async ({ page }) => {
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect.poll(() => readout(page, 'Iteration')).toBe(1);
  const loss = await readout(page, 'Loss');
  const field = page.getByLabel('Neurons in hidden layer 1');
  for (const bad of ['0', '65', '', '2.5']) {
    await commit(field, bad);
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByRole('alert')).toBeVisible();
    expect(await readout(page, 'Loss')).toBe(loss);
    expect(await readout(page, 'Iteration')).toBe(1);
    expect(await diagramText(page)).toContain('2-4-1');
  }
  expect((await alerts(page)).join(' ')).toMatch(/1 to 64|whole number|enter a number/);
  await commit(field, '5');
  await expect(field).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect.poll(() => diagramText(page)).toContain('2-5-1');
});

test('activations and biases change the network; softmax needs cross-entropy', async ({ page }) => {
  await page.getByLabel('Hidden activation').selectOption('tanh');
  await expect.poll(() => diagramText(page)).toContain('(tanh)');
  await page.getByLabel('Output activation').selectOption('softmax');
  await expect(page.getByRole('alert')).toContainText(/Cross-entropy|softmax/i);
  await expect(page.getByLabel('Output activation')).toHaveValue('sigmoid');
  await page.getByLabel('Output activation').selectOption('linear');
  await expect.poll(() => diagramText(page)).toContain('output: 1 neuron (linear)');
  const before = await readout(page, 'Loss');
  await page.getByLabel('Biases').uncheck();
  await expect.poll(() => readout(page, 'Loss')).not.toBe(before);
});

test('hovering a neuron and a weight shows their numbers', async ({ page }) => {
  const canvas = page.getByRole('img', { name: 'Network diagram' });
  const box = await canvas.boundingBox();
  if (!box) throw new Error('no diagram');
  const spot = (/** @type {number} */ c, /** @type {number} */ j) =>
    page.evaluate(([c, j]) => /** @type {any} */ (window).backpropLab.network.placement.columns[c][j], [c, j]);
  const tooltip = page.getByRole('tooltip');
  const output = await spot(2, 0);
  await page.mouse.move(box.x + output.x, box.y + output.y);
  await expect(tooltip).toBeVisible();
  await expect(tooltip).toContainText('Neuron ŷ1');
  await expect(tooltip).toContainText('z = ');
  await expect(tooltip).toContainText('bias = ');
  // Halfway along the line from x1 to hidden 1.1 lies that weight.
  const [x1, h11] = [await spot(0, 0), await spot(1, 0)];
  await page.mouse.move(box.x + (x1.x + h11.x) / 2, box.y + (x1.y + h11.y) / 2);
  await expect(tooltip).toContainText('Weight from x1 to hidden 1.1');
  await expect(tooltip).toContainText('gradient ∂L/∂w');
});

test('each hidden layer has its own activation; "Hidden activation" sets them all; the loss is the command line\'s', async ({ page }) => {
  const config = () => page.evaluate(() => /** @type {any} */ (window).backpropLab.model.config);
  await page.getByRole('button', { name: 'Add hidden layer' }).click();
  await expect(page.getByLabel('Activation of hidden layer 2')).toBeVisible();
  await page.getByLabel('Activation of hidden layer 2').selectOption('relu');
  await expect.poll(async () => (await config()).activations).toEqual(['sigmoid', 'relu', 'sigmoid']);
  await expect(page.getByLabel('Hidden activation')).toHaveValue('mixed');
  // The output's activation leaves the hidden layers' as they are.
  await page.getByLabel('Output activation').selectOption('tanh');
  await expect.poll(async () => (await config()).activations).toEqual(['sigmoid', 'relu', 'tanh']);
  await commit(page.getByLabel('Train to iteration'), '20');
  await page.getByRole('button', { name: 'Train to', exact: true }).click();
  await expect.poll(() => readout(page, 'Iteration')).toBe(20);
  const file = join(mkdtempSync(join(tmpdir(), 'backprop-lab-activations-')), 'config.json');
  writeFileSync(file, JSON.stringify(await config()));
  expect(await readout(page, 'Loss')).toBe(cli(['train', '--config', file, '--iterations', '20']).loss);
  // One choice for all of them.
  await page.getByLabel('Hidden activation').selectOption('tanh');
  await expect.poll(async () => (await config()).activations).toEqual('tanh'); // one for all, as the engine writes it
  await expect(page.getByLabel('Activation of hidden layer 1')).toHaveValue('tanh');
});
