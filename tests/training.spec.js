// The Training panel: Step, Step epoch, Play, Reset, the keys, every
// setting, refused values, and divergence.
import { test, expect, readout, commit, alerts, settled } from './fixtures.js';
import { cli } from './cli.js';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

test('Step adds one iteration and changes the loss; Reset brings back the first loss', async ({ page }) => {
  const first = await readout(page, 'Loss');
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect.poll(() => readout(page, 'Iteration')).toBe(1);
  const after = await readout(page, 'Loss');
  expect(after).not.toBe(first);
  expect(after).toBe(cli(['train', '--preset', 'xor', '--iterations', '1']).loss);
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect.poll(() => readout(page, 'Iteration')).toBe(2);
  await page.getByRole('button', { name: 'Reset' }).click();
  await expect.poll(() => readout(page, 'Iteration')).toBe(0);
  expect(await readout(page, 'Loss')).toBe(first);
});

test('Step epoch is one pass over all rows in every update mode', async ({ page }) => {
  await page.getByRole('button', { name: 'Step epoch' }).click();
  await expect.poll(() => readout(page, 'Iteration')).toBe(1);
  expect(await readout(page, 'Epoch')).toBe(1);

  await page.getByLabel('Update mode').selectOption({ label: 'One row at a time' });
  await expect.poll(() => readout(page, 'Iteration')).toBe(0);
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect.poll(() => readout(page, 'Iteration')).toBe(1);
  expect(await readout(page, 'Epoch')).toBe(0);
  await page.getByRole('button', { name: 'Step epoch' }).click();
  await expect.poll(() => readout(page, 'Iteration')).toBe(5);
  expect(await readout(page, 'Epoch')).toBe(1);

  await commit(page.getByLabel('Batch size'), '3');
  await page.getByLabel('Update mode').selectOption({ label: 'Mini-batch' });
  await page.getByRole('button', { name: 'Step epoch' }).click();
  await expect.poll(() => readout(page, 'Iteration')).toBe(2);
  expect(await readout(page, 'Epoch')).toBe(1);
});

test('Play trains until Pause', async ({ page }) => {
  await page.getByRole('button', { name: 'Play' }).click();
  const pause = page.getByRole('button', { name: 'Pause' });
  await expect(pause).toBeVisible();
  await expect.poll(() => readout(page, 'Iteration')).toBeGreaterThan(30);
  await pause.click();
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  await settled(page);
  const stopped = await readout(page, 'Iteration');
  await page.waitForTimeout(300);
  expect(await readout(page, 'Iteration')).toBe(stopped);
  // Every number on the page is the engine's: the command line agrees.
  expect(await readout(page, 'Loss')).toBe(cli(['train', '--preset', 'xor', '--iterations', String(stopped)]).loss);
  // Step still works while paused.
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect.poll(() => readout(page, 'Iteration')).toBe(stopped + 1);
});

test('Auto fills each frame and trains far faster than one iteration a frame', async ({ page }) => {
  await page.getByLabel('Auto').check();
  await expect(page.getByLabel('Iterations per frame')).toBeDisabled();
  await page.getByRole('button', { name: 'Play' }).click();
  await expect.poll(() => readout(page, 'Iteration'), { timeout: 15_000 }).toBeGreaterThan(20_000);
  await page.getByRole('button', { name: 'Pause' }).click();
  expect(await readout(page, 'Loss')).toBeLessThan(0.01);
});

test('the keys play, step, step an epoch, reset and show the list', async ({ page }) => {
  await page.locator('body').click({ position: { x: 5, y: 790 } });
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => readout(page, 'Iteration')).toBe(1);
  await page.keyboard.press('s');
  await expect.poll(() => readout(page, 'Iteration')).toBe(2);
  await page.keyboard.press('e');
  await expect.poll(() => readout(page, 'Iteration')).toBe(3);
  await page.keyboard.press('r');
  await expect.poll(() => readout(page, 'Iteration')).toBe(0);
  await page.keyboard.press(' ');
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  // Playing, the iterations count (on a busy machine the first chunk may come a while after the key).
  await expect.poll(() => readout(page, 'Iteration')).toBeGreaterThan(0);
  await page.keyboard.press(' ');
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keys' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Keys' })).toBeHidden();
  // Keys typed into a field stay in the field.
  const rate = page.getByLabel('Learning rate');
  await rate.focus();
  const iteration = await readout(page, 'Iteration');
  await page.keyboard.press('s');
  expect(await readout(page, 'Iteration')).toBe(iteration);
});

test("five Steps of Siraj's example match the command line's single neuron", async ({ page }) => {
  await page.getByLabel('Dataset').selectOption({ label: "Siraj's 3-input example" });
  await page.getByRole('button', { name: 'Remove hidden layer' }).click();
  await page.getByLabel('Biases').uncheck();
  for (let i = 0; i < 5; i++) await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect.poll(() => readout(page, 'Iteration')).toBe(5);
  const expected = cli(['train', '--preset', 'siraj-neuron', '--iterations', '5']).loss;
  expect(await readout(page, 'Loss')).toBe(expected);
  await expect(page.getByLabel('Loss', { exact: true })).toHaveText(String(expected));
});

test('every setting of the config can be chosen', async ({ page }) => {
  await page.getByLabel('Optimizer').selectOption({ label: 'Adam' });
  await expect(page.getByLabel('Learning rate')).toHaveValue('0.01');
  await page.getByLabel('Optimizer').selectOption({ label: 'Momentum' });
  await expect(page.getByLabel('Learning rate')).toHaveValue('0.1');
  await page.getByLabel('Loss function').selectOption({ label: 'Mean squared error' });
  await page.getByLabel('Loss function').selectOption({ label: 'Cross-entropy' });
  await page.getByLabel('Initialisation').selectOption({ label: 'Xavier' });
  await page.getByLabel('Initialisation').selectOption({ label: 'He' });
  await commit(page.getByLabel('Seed', { exact: true }), '42');
  await commit(page.getByLabel('Iterations per frame'), '100');
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect.poll(() => readout(page, 'Iteration')).toBe(1);
  const config = await page.evaluate(
    async () => (await /** @type {any} */ (window).backpropLab.idle(), /** @type {any} */ (window).backpropLab.model.config),
  );
  expect(config).toMatchObject({ seed: 42, init: 'he', loss: 'cross_entropy', optimizer: { kind: 'momentum', learning_rate: 0.1 } });
  expect(await alerts(page)).toEqual([]);
});

test('lowering the learning rate mid-run keeps the weights; other changes start again', async ({ page }) => {
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect.poll(() => readout(page, 'Iteration')).toBe(3);
  await commit(page.getByLabel('Learning rate'), '0.5');
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect.poll(() => readout(page, 'Iteration')).toBe(4);
  await commit(page.getByLabel('Seed', { exact: true }), '2');
  await expect.poll(() => readout(page, 'Iteration')).toBe(0);
});

test('values that cannot be used are refused where they were typed', async ({ page }) => {
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect.poll(() => readout(page, 'Iteration')).toBe(1);
  const loss = await readout(page, 'Loss');
  const cases = [
    ['Learning rate', '0', /greater than 0/],
    ['Learning rate', '-3', /greater than 0/],
    ['Learning rate', '', /enter a number/],
    ['Seed', '-1', /0 to 4294967295/],
    ['Seed', '1.5', /whole number/],
    ['Seed', '99999999999', /0 to 4294967295/],
    ['Batch size', '0', /1 to 10000/],
    ['Iterations per frame', '0', /1 to 100000/],
    ['Iterations per frame', '100001', /1 to 100000/],
  ];
  for (const [label, value, message] of cases) {
    const field = page.getByLabel(/** @type {string} */ (label), { exact: true });
    await commit(field, /** @type {string} */ (value));
    await expect(field, `${label} = ${value}`).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByRole('alert').filter({ hasText: /** @type {RegExp} */ (message) })).toBeVisible();
    expect(await readout(page, 'Loss')).toBe(loss);
    expect(await readout(page, 'Iteration')).toBe(1);
  }
  const config = await page.evaluate(
    async () => (await /** @type {any} */ (window).backpropLab.idle(), /** @type {any} */ (window).backpropLab.model.config),
  );
  expect(config).toMatchObject({ seed: 1, optimizer: { learning_rate: 1 } });
  // A good value clears the message.
  await commit(page.getByLabel('Learning rate'), '2');
  await expect(page.getByLabel('Learning rate')).not.toHaveAttribute('aria-invalid', 'true');
});

test('a diverging run stops by itself with an alert, and Reset recovers', async ({ page }) => {
  await page.getByLabel('Hidden activation').selectOption('linear');
  await page.getByLabel('Output activation').selectOption('linear');
  await commit(page.getByLabel('Learning rate'), '1e6');
  await page.getByRole('button', { name: 'Play' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'diverged' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText(/iteration \d+/);
  await expect(alert).toContainText('smaller learning rate');
  // Where it broke: the failed iteration and a layer, as the command line's trace of that iteration shows.
  const [, iteration, layer] = (/diverged at iteration (\d+): layer (\d+)'s/.exec((await alert.textContent()) ?? '') ?? []).map(Number);
  expect(iteration).toBeGreaterThan(0);
  const dir = mkdtempSync(join(tmpdir(), 'backprop-lab-diverged-'));
  const config = join(dir, 'config.json');
  writeFileSync(config, JSON.stringify(await page.evaluate(() => /** @type {any} */ (window).backpropLab.model.config)));
  expect(layer).toBe(brokenLayer(cli(['trace', '--config', config, '--iterations', String(iteration - 1)])));
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(alert).toHaveCount(0);
  await expect.poll(() => readout(page, 'Iteration')).toBe(0);
  await expect.poll(async () => Number.isFinite(await readout(page, 'Loss'))).toBe(true);
});

test('New seed draws a fresh seed, shows it, starts from it, and its link replays the run', async ({ page, context }) => {
  const seedField = page.getByLabel('Seed', { exact: true });
  const first = await readout(page, 'Loss');
  await page.getByRole('button', { name: 'New seed' }).click();
  await expect(seedField).not.toHaveValue('1');
  const a = await seedField.inputValue();
  await page.getByRole('button', { name: 'New seed' }).click();
  await expect(seedField).not.toHaveValue(a);
  const b = Number(await seedField.inputValue());
  expect(Number.isInteger(b) && b >= 0 && b <= 4294967295).toBe(true);
  expect(await readout(page, 'Iteration')).toBe(0);
  expect(await readout(page, 'Loss')).not.toBe(first);
  expect(
    await page.evaluate(
      async () => (await /** @type {any} */ (window).backpropLab.idle(), /** @type {any} */ (window).backpropLab.model.config).seed,
    ),
  ).toBe(b);
  for (let i = 0; i < 7; i++) await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect.poll(() => readout(page, 'Iteration')).toBe(7);
  const loss = await readout(page, 'Loss');
  // The command line makes the same run from the seed the page shows.
  const config = await page.evaluate(
    async () => (await /** @type {any} */ (window).backpropLab.idle(), /** @type {any} */ (window).backpropLab.model.config),
  );
  expect(cli(['train', '--preset', 'xor', '--seed', String(b), '--iterations', '7']).loss).toBe(loss);
  expect(config.seed).toBe(b);
  await page.getByRole('button', { name: 'Copy link' }).click();
  const other = await context.newPage();
  await other.goto(await page.getByLabel('Link to this state').inputValue());
  await expect.poll(() => readout(other, 'Iteration')).toBe(7);
  expect(await readout(other, 'Loss')).toBe(loss);
  await expect(other.getByLabel('Seed', { exact: true })).toHaveValue(String(b));
  await other.close();
});

/**
 * The layer (1-based) where a traced iteration broke, by the rule the page states: the first whose
 * gradient is not finite (JSON writes such numbers as null), else the first whose weights became so,
 * else the one whose weights moved most for their size.
 * @param {any} trace
 */
function brokenLayer(trace) {
  /** @param {any} v @returns {boolean} */
  const bad = (v) => (Array.isArray(v) ? v.some(bad) : typeof v !== 'number' || !Number.isFinite(v));
  const layers = /** @type {any[]} */ (trace.layers);
  const gradient = layers.findIndex((l) => bad(l.grad_weights) || bad(l.grad_biases));
  if (gradient >= 0) return gradient + 1;
  const weights = layers.findIndex((l) => bad(l.weights_after) || bad(l.biases_after));
  if (weights >= 0) return weights + 1;
  const rms = (/** @type {number[]} */ xs) => Math.sqrt(xs.reduce((s, x) => s + x * x, 0) / xs.length);
  const growth = layers.map((l) => {
    const before = l.weights_before.flat();
    return rms(l.weights_after.flat().map((/** @type {number} */ a, /** @type {number} */ i) => a - before[i])) / rms(before);
  });
  return growth.indexOf(Math.max(...growth)) + 1;
}

test("regularisation: None, L1 or L2 at one rate; the loss is the command line's; mid-run it keeps the weights; a negative rate is refused", async ({
  page,
}) => {
  const config = () => page.evaluate(() => /** @type {any} */ (window).backpropLab.model.config);
  const regulariser = page.getByLabel('Regularisation', { exact: true });
  const rate = page.getByLabel('Regularisation rate');
  await expect(regulariser).toHaveValue('none');
  // L1 chosen with no rate typed takes TFP's smallest, 0.001; a rate typed then applies to it.
  await regulariser.selectOption('l1');
  await expect.poll(async () => [(await config()).l1, (await config()).l2]).toEqual([0.001, 0]);
  await commit(rate, '0.01');
  await expect.poll(async () => (await config()).l1).toBe(0.01);
  await commit(page.getByLabel('Train to iteration'), '30');
  await page.getByRole('button', { name: 'Train to', exact: true }).click();
  await expect.poll(() => readout(page, 'Iteration')).toBe(30);
  const file = join(mkdtempSync(join(tmpdir(), 'backprop-lab-l1-')), 'config.json');
  writeFileSync(file, JSON.stringify({ ...(await config()), l1: 0.01 }));
  expect(await readout(page, 'Loss')).toBe(cli(['train', '--config', file, '--iterations', '30']).loss);
  // L2 in its place, mid-run: the weights and the iteration stay; l1 is gone from the config.
  await regulariser.selectOption('l2');
  await expect.poll(async () => [(await config()).l1, (await config()).l2]).toEqual([undefined, 0.01]);
  expect(await readout(page, 'Iteration')).toBe(30);
  // A negative rate is refused where it was typed, and nothing changes.
  await commit(rate, '-1');
  await expect(rate).toHaveAttribute('aria-invalid', 'true');
  expect(await alerts(page)).toContain('Regularisation rate: expected a number of at least 0, got -1');
  expect((await config()).l2).toBe(0.01);
  await regulariser.selectOption('none');
  await expect.poll(async () => [(await config()).l1, (await config()).l2]).toEqual([undefined, 0]);
});
