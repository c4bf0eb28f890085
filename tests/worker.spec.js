// The engine's worker: training runs there and nowhere else, and the page's
// thread stays free to answer the learner while it does.
import { test, expect, readout, moons } from './fixtures.js';

/** @typedef {import('@playwright/test').Page} Page */

test("the page's thread runs no training: while playing it spends no time in the engine, the worker does it all", async ({ page }) => {
  await moons(page, 200, [8, 8]);
  expect(
    page
      .workers()
      .map((w) => w.url())
      .filter((u) => u.includes('engine-worker')),
  ).toHaveLength(1);
  await page.getByLabel('Auto').check();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForTimeout(2000);
  await page.getByRole('button', { name: 'Pause' }).click();
  const { profile } = await cdp.send('Profiler.stop');
  // Samples of the page's thread by where they were: in wasm code, and in all.
  let wasm = 0;
  let all = 0;
  for (const node of profile.nodes) {
    all += node.hitCount ?? 0;
    if (node.callFrame.url.startsWith('wasm://')) wasm += node.hitCount ?? 0;
  }
  expect(all).toBeGreaterThan(1000);
  expect(wasm).toBe(0);
  // …and the network trained meanwhile, in the worker.
  expect(await readout(page, 'Iteration')).toBeGreaterThan(1000);
});

test('the page answers every click while the worker plays the largest network the page allows', async ({ page }) => {
  const limits = await page.evaluate(() => /** @type {any} */ (window).backpropLab.limits);
  // The most hidden layers of the most neurons, on a plane (so its boundary and neuron maps are drawn too).
  await moons(page, 100, Array(limits.weight_layers - 1).fill(limits.neurons));
  await page.getByLabel('Auto').check();
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForTimeout(1000);
  // Each click toggles "Log scale" and is handled; how long a click waits is a figure of `npm run bench`.
  const log = page.getByLabel('Log scale');
  const first = await log.isChecked();
  for (let i = 1; i <= 10; i++) {
    await log.click();
    await expect(log).toBeChecked({ checked: i % 2 === 1 ? !first : first });
  }
  // Still playing, and training: the clicks did not stop it.
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  const before = await readout(page, 'Iteration');
  await expect.poll(() => readout(page, 'Iteration')).toBeGreaterThan(before);
  await page.getByRole('button', { name: 'Pause' }).click();
});

test('edits faster than the engine answers all land, each on the one before', async ({ page }) => {
  const accepted = await page.evaluate(async () => {
    const app = /** @type {any} */ (window).backpropLab;
    const grow = () =>
      app.change((/** @type {any} */ c) => {
        c.layers[1] += 1;
      }, document.body);
    return Promise.all([grow(), grow(), grow(), grow(), grow()]);
  });
  expect(accepted).toEqual([true, true, true, true, true]);
  const config = await page.evaluate(
    async () => (await /** @type {any} */ (window).backpropLab.idle(), /** @type {any} */ (window).backpropLab.model.config),
  );
  expect(config.layers).toEqual([2, 9, 1]);
  await expect(page.getByLabel('Neurons in hidden layer 1')).toHaveValue('9');
});
