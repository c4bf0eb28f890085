// The Step inspector: each phase shows the numbers of the command line's
// trace, Apply update is a Step, the gradient check, editing a weight, and
// time travel.
import { test, expect, readout, region, commit } from './fixtures.js';
import { cli } from './cli.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sig4 } from '../www/page/ui/format.js';

/**
 * @typedef {import('../www/common/lab.js').Trace} Trace
 * @typedef {import('@playwright/test').Page} Page
 */

/** @param {number} k @returns {Trace} */
const traceAt = (k) => /** @type {any} */ (cli(['trace', '--preset', 'xor', '--iterations', String(k)]));

/** @param {Page} page */
const inspector = (page) => region(page, 'Step inspector');
/** @param {Page} page @param {string} name */
const press = (page, name) => inspector(page).getByRole('button', { name, exact: true }).click();
/** The inspector's text, numbers as shown. @param {Page} page */
const shown = (page) => page.locator('#inspector-body').textContent();

/** @param {Page} page @param {number[]} numbers */
async function expectShown(page, numbers) {
  await expect
    .poll(async () => {
      const text = (await shown(page)) ?? '';
      return numbers.map(sig4).filter((n) => !text.includes(n));
    })
    .toEqual([]);
}

for (const k of [0, 5]) {
  test(`each phase in order shows the numbers of \`trace --preset xor --iterations ${k}\``, async ({ page }) => {
    for (let i = 0; i < k; i++) await page.getByRole('button', { name: 'Step', exact: true }).click();
    await expect.poll(() => readout(page, 'Iteration')).toBe(k);
    const t = traceAt(k);
    const [hidden, output] = t.layers;

    await press(page, 'Forward pass');
    await expect(inspector(page).getByRole('button', { name: 'Forward pass' })).toHaveAttribute('aria-pressed', 'true');
    await expect(page.locator('#inspector-body')).toContainText('layer 1 of 2');
    await expectShown(page, [...hidden.z[0], ...hidden.a[0], ...hidden.biases_before]);
    await press(page, 'Next layer');
    await expect(page.locator('#inspector-body')).toContainText('layer 2 of 2');
    await expectShown(page, [...output.z[0], ...output.a[0]]);
    // Another row of the batch.
    await inspector(page).getByLabel('Row').selectOption('3');
    await expectShown(page, [...output.z[2], ...output.a[2]]);
    await inspector(page).getByLabel('Row').selectOption('1');

    await press(page, 'Loss');
    await expectShown(page, [t.loss_before, t.loss_after, ...output.a.map((r) => r[0])]);

    await press(page, 'Backward pass');
    await expect(page.locator('#inspector-body')).toContainText('layer 2 of 2');
    await expectShown(page, [output.delta[0][0]]);
    await press(page, 'Next layer');
    await expect(page.locator('#inspector-body')).toContainText('layer 1 of 2');
    await expectShown(page, hidden.delta[0]);

    await press(page, 'Gradients');
    await expectShown(page, [...hidden.grad_weights.flat(), ...hidden.grad_biases]);
    await press(page, 'Next layer');
    await expectShown(page, [...output.grad_weights.flat(), ...output.grad_biases]);

    await press(page, 'Apply update');
    await expect.poll(() => readout(page, 'Iteration')).toBe(k + 1);
    await expectShown(page, [...hidden.weights_after.flat(), ...output.weights_after.flat(), ...output.biases_after]);
    expect(await readout(page, 'Loss')).toBe(t.loss_after);
    expect(await readout(page, 'Loss')).toBe(cli(['train', '--preset', 'xor', '--iterations', String(k + 1)]).loss);
  });
}

test('the whole walk works from the keyboard, and on a 3-5-4-1 net', async ({ page }) => {
  await page.getByRole('button', { name: 'Add hidden layer' }).click();
  await expect(page.getByLabel('Neurons in hidden layer 2')).toBeVisible();
  await commit(page.getByLabel('Neurons in hidden layer 1'), '5');
  await page.getByRole('button', { name: 'Add input column' }).click();
  await expect
    .poll(() =>
      page.evaluate(async () =>
        (await /** @type {any} */ (window).backpropLab.idle(), /** @type {any} */ (window).backpropLab.model.config).layers.join('-'),
      ),
    )
    .toBe('3-5-4-1');
  await inspector(page).getByRole('button', { name: 'Forward pass' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('#inspector-body')).toContainText('layer 1 of 3');
  const next = inspector(page).getByRole('button', { name: 'Next layer' });
  await next.focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect(page.locator('#inspector-body')).toContainText('layer 3 of 3 (output)');
  const t = await page.evaluate(() => /** @type {any} */ (window).backpropLab.model.request('trace'));
  await expectShown(page, t.layers[2].z[0]);
  await inspector(page).getByRole('button', { name: 'Backward pass' }).focus();
  await page.keyboard.press('Enter');
  await next.focus();
  await page.keyboard.press('Enter');
  await expectShown(page, [...t.layers[1].delta[0], ...t.layers[1].back_sums[0]]);
  await inspector(page).getByRole('button', { name: 'Apply update' }).focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => readout(page, 'Iteration')).toBe(1);
  expect(await readout(page, 'Loss')).toBe(t.loss_after);
});

test('the gradient check confirms backpropagation to better than 1e-6', async ({ page }) => {
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await inspector(page).getByLabel('Gradient check').check();
  const result = page.locator('#gradient-check-error');
  await expect(result).toContainText('largest relative error');
  expect(Number(await result.getAttribute('data-value'))).toBeLessThan(1e-6);
  await press(page, 'Gradients');
  await expect(page.locator('#inspector-body')).toContainText('finite difference');
});

test('a weight clicked on the diagram takes a typed value, and the loss is the engine’s', async ({ page }) => {
  const before = await readout(page, 'Loss');
  const box = await page.getByRole('img', { name: 'Network diagram' }).boundingBox();
  const line = await page.evaluate(() => /** @type {any} */ (window).backpropLab.network.placement.lines[0]);
  if (!box) throw new Error('no diagram');
  await page.mouse.click(box.x + (line.x1 + line.x2) / 2, box.y + (line.y1 + line.y2) / 2);
  const value = inspector(page).getByLabel('Value');
  await expect(value).toBeFocused();
  await expect(inspector(page).getByLabel('Parameter', { exact: true })).toHaveValue(String(line.index));
  expect(await inspector(page).getByLabel('Parameter', { exact: true }).locator('option:checked').textContent()).toBe(
    'Weight from x1 to hidden 1.1',
  );

  // Refused: nothing changes.
  await value.fill('1e999');
  await value.press('Enter');
  await expect(value).toHaveAttribute('aria-invalid', 'true');
  await expect(inspector(page).getByRole('alert')).toContainText('number');
  expect(await readout(page, 'Loss')).toBe(before);

  await value.fill('2.5');
  await value.press('Enter');
  await expect(value).not.toHaveAttribute('aria-invalid', 'true');
  await expect.poll(() => readout(page, 'Loss')).not.toBe(before);
  // The engine's loss for these weights, from the command line given the saved run.
  const saved = await page.evaluate(() => /** @type {any} */ (window).backpropLab.model.request('save'));
  expect(JSON.parse(saved).weights[0].weights[0][0]).toBe(2.5);
  const file = join(mkdtempSync(join(tmpdir(), 'lab-')), 'edited.json');
  writeFileSync(file, saved);
  expect(await readout(page, 'Loss')).toBe(cli(['train', '--config', file, '--iterations', '0']).loss);
});

test('time travel restores an epoch exactly, and training on repeats the run', async ({ page }) => {
  const play = async (/** @type {number} */ n) => {
    await page.evaluate(async (n) => {
      const app = /** @type {any} */ (window).backpropLab;
      await app.model.request('run', { n });
      app.render();
    }, n);
  };
  await play(50);
  await expect.poll(() => readout(page, 'Iteration')).toBe(50);
  await inspector(page).getByText('Edit a weight, go back to an epoch').click();
  await commit(inspector(page).getByLabel('Go back to epoch'), '20');
  await inspector(page).getByRole('button', { name: 'Go back' }).click();
  await expect.poll(() => readout(page, 'Iteration')).toBe(20);
  await expect(page.locator('#training-alerts')).toContainText('Went back to epoch 20');
  expect(await readout(page, 'Loss')).toBe(cli(['train', '--preset', 'xor', '--iterations', '20']).loss);
  await play(30);
  await expect.poll(() => readout(page, 'Iteration')).toBe(50);
  expect(await readout(page, 'Loss')).toBe(cli(['train', '--preset', 'xor', '--iterations', '50']).loss);

  // A click on the loss curve goes back to the epoch under the pointer.
  const over = page.locator('#loss-chart .u-over');
  const box = await over.boundingBox();
  if (!box) throw new Error('no chart');
  await page.mouse.move(box.x + box.width * 0.4, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.up();
  await expect(page.locator('#training-alerts')).toContainText('Went back to epoch');
  const epoch = Number(/epoch (\d+)/.exec((await page.locator('#training-alerts').textContent()) ?? '')?.[1]);
  expect(epoch).toBeGreaterThan(0);
  expect(epoch).toBeLessThan(50);
  await expect.poll(() => readout(page, 'Iteration')).toBe(epoch);
  expect(await readout(page, 'Loss')).toBe(cli(['train', '--preset', 'xor', '--iterations', String(epoch)]).loss);
});

test('the README picture of the inspector (docs/inspector.png)', async ({ page }) => {
  for (let i = 0; i < 5; i++) await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect.poll(() => readout(page, 'Iteration')).toBe(5);
  await press(page, 'Backward pass');
  await press(page, 'Next layer');
  await expect(page.locator('#inspector-body')).toContainText('layer 1 of 2');
  await page.setViewportSize({ width: 1280, height: 1700 });
  await page.waitForTimeout(300);
  const network = await region(page, 'Network').boundingBox();
  const panel = await inspector(page).boundingBox();
  if (!network || !panel) throw new Error('no panels');
  const bottom = panel.y + panel.height;
  await page.screenshot({ path: 'docs/inspector.png', clip: { x: panel.x, y: network.y, width: panel.width, height: bottom - network.y } });
});
