// The seed's programs in the page: each sets up the command line's preset,
// "Train to" reaches an iteration exactly (forward, and back), and "Ask the
// network" answers the seed's question as the command line does.
import { test, expect, readout, commit, settled } from './fixtures.js';
import { cli } from './cli.js';
import { sig4 } from '../www/page/ui/format.js';

/** @typedef {import('@playwright/test').Page} Page */

/** The exact number a readout shows (NaN when empty). @param {Page} page @param {string} name */
const exactly = async (page, name) => (await settled(page), Number((await page.getByLabel(name, { exact: true }).textContent()) || NaN));

for (const [label, preset] of [
  ["Siraj's single neuron", 'siraj-neuron'],
  ['The 3-layer challenge', 'three-layer-challenge'],
]) {
  test(`${label}: Train to 10,000, and "Answer ŷ1" for [1, 0, 0] is the command line's, every digit`, async ({ page }) => {
    await page.getByLabel('Seed program').selectOption({ label });
    await expect(page.getByLabel('Question x3')).toHaveValue('0');
    await expect(page.getByLabel('Question x1')).toHaveValue('1');
    await expect(page.getByLabel('Train to iteration')).toHaveValue('10000');
    await page.getByRole('button', { name: 'Train to', exact: true }).click();
    await expect.poll(() => readout(page, 'Iteration'), { timeout: 30_000 }).toBe(10_000);
    await expect(page.getByRole('status').filter({ hasText: 'Reached iteration 10000' })).toBeVisible();
    const expected = cli(['train', '--preset', preset, '--iterations', '10000', '--predict', '1,0,0']);
    await expect.poll(() => exactly(page, 'Answer ŷ1')).toBe(expected.predictions[0][0]);
    expect(await readout(page, 'Loss')).toBe(expected.loss);
    await expect(page.locator('#seed-printed')).toContainText(preset === 'siraj-neuron' ? '0.99993704' : '0.99650838');
  });
}

test("Siraj's neuron answers 0.9999370428352157 after 10,000 iterations", async ({ page }) => {
  await page.getByLabel('Seed program').selectOption({ label: "Siraj's single neuron" });
  await page.getByRole('button', { name: 'Train to', exact: true }).click();
  await expect.poll(() => exactly(page, 'Answer ŷ1'), { timeout: 30_000 }).toBe(0.9999370428352157);
});

test("Ludo's n-layer network stops at its stop loss at the command line's iteration", async ({ page }) => {
  test.setTimeout(180_000); // hundreds of thousands of iterations: slow on a busy machine
  await page.getByLabel('Seed program').selectOption({ label: "Ludo's n-layer network" });
  const stopped = cli(['train', '--preset', 'ludo-xor', '--iterations', '10000000']);
  await commit(page.getByLabel('Train to iteration'), '10000000');
  await page.getByRole('button', { name: 'Train to', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Stopped: the loss reached the stop value' })).toContainText(
    `after iteration ${stopped.iterations}`,
    { timeout: 60_000 },
  );
  await settled(page);
  expect(await readout(page, 'Iteration')).toBe(stopped.iterations);
  expect(await readout(page, 'Loss')).toBe(stopped.loss);
});

test('Train to goes back exactly, through the kept epochs; Pause stops it', async ({ page }) => {
  const target = page.getByLabel('Train to iteration');
  await commit(target, '3000');
  await page.getByRole('button', { name: 'Train to', exact: true }).click();
  await expect.poll(() => readout(page, 'Iteration')).toBe(3000);
  await commit(target, '1234');
  await page.getByRole('button', { name: 'Train to', exact: true }).click();
  await expect.poll(() => readout(page, 'Iteration')).toBe(1234);
  expect(await readout(page, 'Loss')).toBe(cli(['train', '--preset', 'xor', '--iterations', '1234']).loss);
  // A long way, stopped by Pause: it stands still where it stopped.
  await commit(target, '100000000');
  await page.getByRole('button', { name: 'Train to', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect(page.getByLabel('Progress to the iteration')).toBeVisible();
  await expect.poll(() => readout(page, 'Iteration')).toBeGreaterThan(2000);
  await page.getByRole('button', { name: 'Pause' }).click();
  await settled(page);
  const stopped = await readout(page, 'Iteration');
  expect(stopped).toBeLessThan(100_000_000);
  await page.waitForTimeout(300);
  expect(await readout(page, 'Iteration')).toBe(stopped);
  await expect(page.getByLabel('Progress to the iteration')).toBeHidden();
  // Refused in place.
  await commit(target, '-3');
  await expect(target).toHaveAttribute('aria-invalid', 'true');
});

test('Ask the network: one question field per input column, answers as it trains, a bad number refused in place', async ({ page }) => {
  await expect(page.getByLabel('Question x2')).toBeVisible();
  await expect(page.getByLabel('Question x3')).toHaveCount(0);
  const ask = page.getByRole('region', { name: 'Ask the network' });
  await commit(ask.getByLabel('Question x1'), '1');
  await commit(ask.getByLabel('Question x2'), '0.5');
  // The command line's prediction for the same question, untrained and after one iteration.
  const at = (/** @type {number} */ n) =>
    cli(['train', '--preset', 'xor', '--iterations', String(n), '--predict', '1,0.5']).predictions[0][0];
  await expect.poll(() => exactly(page, 'Answer ŷ1')).toBe(at(0));
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect.poll(() => exactly(page, 'Answer ŷ1')).toBe(at(1));
  const field = ask.getByLabel('Question x2');
  await commit(field, 'abc');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(ask.getByRole('alert')).toContainText('Question x2');
  // The columns follow the table.
  await page.getByRole('button', { name: 'Add input column' }).click();
  await expect(page.getByLabel('Question x3')).toBeVisible();
  // On the diagram: the question's values flow like a row's.
  await commit(ask.getByLabel('Question x2'), '0');
  await ask.getByLabel('Show the question on the diagram').check();
  await expect.poll(() => page.locator('#network-description').textContent()).toContain('The question (1, 0, 0) gives');
});

test("the question is walked in the Step inspector's forward pass, by the network's own weights", async ({ page }) => {
  await page.getByLabel('Seed program').selectOption({ label: "Siraj's single neuron" });
  await expect
    .poll(() => exactly(page, 'Answer ŷ1'))
    .toBe(cli(['train', '--preset', 'siraj-neuron', '--iterations', '0', '--predict', '1,0,0']).predictions[0][0]);
  const inspector = page.getByRole('region', { name: 'Step inspector' });
  await inspector.getByRole('button', { name: 'Forward pass' }).click();
  await inspector.getByLabel('Row').selectOption({ label: 'the question' });
  const body = page.locator('#inspector-body');
  await expect(body).toContainText('the question (1, 0, 0), which no iteration trains on');
  await expect(body).toContainText(`a1 = σ(z) = ${sig4(await exactly(page, 'Answer ŷ1'))}`);
  await inspector.getByRole('button', { name: 'Backward pass' }).click();
  await expect(body).toContainText('only its forward pass can be walked');
});
