// "Why does it (not) learn?": gradient health flags a deep sigmoid net's
// vanishing gradients and not a tanh/Xavier one's; the learning-rate finder
// leaves the run where it was and its suggestion, used, trains better than
// the ends of its range; the landscape's centre is the Loss readout exactly.
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { test, expect, readout, train, settled, moons, alerts } from './fixtures.js';
import { cli } from './cli.js';

/** @typedef {import('@playwright/test').Page} Page */

/** XOR's page network with `hidden` layers of 8 of one activation and an initialisation. @param {Page} page @param {string} activation @param {string} init @param {number} hidden */
async function deepXor(page, activation, init, hidden) {
  const ok = await page.evaluate(
    ([activation, init, hidden]) =>
      /** @type {any} */ (window).backpropLab.change((/** @type {any} */ c) => {
        c.layers = [2, ...Array(hidden).fill(8), 1];
        c.activations = [...Array(hidden).fill(activation), 'sigmoid'];
        c.init = init;
      }, document.body),
    /** @type {const} */ ([activation, init, hidden]),
  );
  expect(ok).toBe(true);
}

/** Opens the section, and waits for its code (loaded when first opened). @param {Page} page */
async function openDiagnosis(page) {
  await page.getByText('Why does it (not) learn?').click();
  await expect(page.getByRole('img', { name: 'Gradient health' })).toBeVisible();
  await expect(page.locator('#health-notes li').first()).toBeVisible();
}

test('gradient health: a deep sigmoid net flags vanishing gradients in its first layer; tanh with Xavier does not', async ({ page }) => {
  await deepXor(page, 'sigmoid', 'uniform', 10);
  await train(page, 100);
  await openDiagnosis(page);
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  const notes = page.locator('#health-notes');
  await expect(notes.locator('li').first()).toContainText('Layer 1: its gradients vanish');
  await expect(notes.locator('li')).toHaveCount(11);

  await deepXor(page, 'tanh', 'xavier', 10);
  await train(page, 100);
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(notes.locator('li')).toHaveCount(11);
  await expect(notes.locator('li').first()).toContainText('Layer 1: gradients');
  await expect(notes).not.toContainText('vanish');
  // Two lines per layer over the epochs sampled: the chart has ink.
  expect(
    await page.getByRole('img', { name: 'Gradient health' }).evaluate((c) => /** @type {HTMLCanvasElement} */ (c).toDataURL().length),
  ).toBeGreaterThan(2000);
});

test('the learning-rate finder leaves the run as it was; its rate, used, trains XOR with Adam better than η = 10 and η = 1e-5', async ({
  page,
}) => {
  await page.getByLabel('Optimizer').selectOption('adam');
  await settled(page);
  const loss = await readout(page, 'Loss');
  await openDiagnosis(page);
  await page.getByRole('button', { name: 'Find a learning rate' }).click();
  const use = page.getByRole('button', { name: /^Use η = / });
  await expect(use).toBeVisible();
  await expect(page.locator('#finder-result')).toContainText('is suggested');
  expect(await readout(page, 'Iteration')).toBe(0);
  expect(await readout(page, 'Loss')).toBe(loss);
  const rate = Number((await use.textContent())?.replace('Use η = ', ''));
  await use.click();
  await expect(page.getByLabel('Learning rate', { exact: true })).not.toHaveValue('0.01');
  const chosen = Number(await page.getByLabel('Learning rate', { exact: true }).inputValue());
  expect(Math.abs(chosen - rate) / rate).toBeLessThan(1e-3); // the button shows 4 significant digits
  await train(page, 500);
  await expect.poll(() => readout(page, 'Iteration')).toBe(500);
  const suggested = await readout(page, 'Loss');
  // The same network and data with the ends of the finder's range, by the command line.
  const config = await page.evaluate(() => /** @type {any} */ (window).backpropLab.model.config);
  const dir = mkdtempSync(join(tmpdir(), 'backprop-lab-finder-'));
  for (const ends of [10, 1e-5]) {
    const path = join(dir, `rate-${ends}.json`);
    writeFileSync(path, JSON.stringify({ ...config, optimizer: { ...config.optimizer, learning_rate: ends } }));
    expect(suggested, `η = ${ends}`).toBeLessThan(cli(['train', '--config', path, '--iterations', '500']).loss);
  }
});

test("the loss landscape's centre is the Loss readout exactly, and it follows the run when paused", async ({ page }) => {
  await page.getByLabel('Dataset').selectOption({ label: 'Points: moons' });
  await train(page, 30);
  await settled(page);
  await openDiagnosis(page);
  const text = page.locator('#landscape-text');
  await expect(text).toContainText('at the centre');
  const centre = async () =>
    page.evaluate(() => {
      const l = /** @type {any} */ (window).backpropLab.model.landscape;
      const c = Math.floor(l.cells / 2);
      return { loss: l.losses[c * l.cells + c], iteration: l.iteration };
    });
  expect(await centre()).toEqual({ loss: await readout(page, 'Loss'), iteration: 30 });
  await expect(text).toContainText("the run's path through");
  // A Step while paused draws it again at the new weights.
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect.poll(async () => (await centre()).iteration).toBe(31);
  expect((await centre()).loss).toBe(await readout(page, 'Loss'));
  expect(
    await page.getByRole('img', { name: 'Loss landscape' }).evaluate((c) => /** @type {HTMLCanvasElement} */ (c).toDataURL().length),
  ).toBeGreaterThan(5000);
});

test('the section is reachable by keyboard and axe finds no violation in it', async ({ page }) => {
  await page.locator('#diagnosis > summary').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('img', { name: 'Gradient health' })).toBeVisible();
  // Its code loads when it is first opened: the notes say it is there.
  await expect(page.locator('#health-notes li').first()).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Find a learning rate' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: /^Use η = / })).toBeVisible();
  await expect(page.locator('#landscape-text')).toContainText('at the centre');
  const results = await new AxeBuilder({ page }).include('#diagnosis').analyze();
  expect(results.violations).toEqual([]);
});

test('the README picture of the section (docs/diagnosis.png)', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 1400 });
  await page.getByLabel('Dataset').selectOption({ label: 'Points: spiral' });
  await train(page, 300);
  await openDiagnosis(page);
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForTimeout(1500);
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.getByRole('button', { name: 'Find a learning rate' }).click();
  await expect(page.getByRole('button', { name: /^Use η = / })).toBeVisible();
  await expect(page.locator('#landscape-text')).toContainText("the run's path");
  await page.waitForTimeout(300);
  await page.locator('#diagnosis').screenshot({ path: 'docs/diagnosis.png' });
});

test('a run opened while the landscape is being drawn does not stop the engine', async ({ page }) => {
  await moons(page, 2000, [16, 16]);
  await train(page, 300);
  const state = await page.evaluate(() => /** @type {any} */ (window).backpropLab.state());
  await page.getByRole('button', { name: 'Reset' }).click();
  await page.getByText('Why does it (not) learn?').click();
  await expect(page.locator('#landscape-text')).toContainText('Computing');
  // Opening a run past iteration 0 replays it in another engine, which takes the model's place.
  await page.evaluate((s) => /** @type {any} */ (window).backpropLab.open(s), state);
  await expect.poll(() => readout(page, 'Iteration')).toBe(300);
  await expect(page.locator('#landscape-text')).toContainText('The loss on a plane through the weights at iteration 300', {
    timeout: 30_000,
  });
  expect(await alerts(page)).toEqual([]);
});
