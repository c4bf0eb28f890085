// Compare: run A pinned, run B from A's first weights with one setting
// changed; both train in step and each is exactly the command line's run of
// its config; a link holds both; Keep A ends it with A.
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { test, expect, readout, train, commit, settled, linkOf, openLink } from './fixtures.js';
import { cli } from './cli.js';

/** @typedef {import('@playwright/test').Page} Page */

/** The command line's loss for a config after n iterations. @param {object} config @param {number} n */
function cliLoss(config, n) {
  const path = join(mkdtempSync(join(tmpdir(), 'backprop-lab-compare-')), 'config.json');
  writeFileSync(path, JSON.stringify(config));
  return cli(['train', '--config', path, '--iterations', String(n)]).loss;
}

/** @param {Page} page */
const lossOfA = async (page) => (await settled(page), Number(await page.getByLabel('Loss of A').textContent()));

test("B from A's first weights with only η changed: each run is the command line's, in step; a link holds both; Keep A", async ({
  page,
}) => {
  await train(page, 50);
  await page.getByRole('button', { name: 'Compare' }).click();
  await expect(page.locator('#compare-summary')).toContainText("B has A's settings");
  // From A's first weights: both back at iteration 0.
  await expect.poll(() => readout(page, 'Iteration')).toBe(0);
  const configA = await page.evaluate(() => /** @type {any} */ (window).backpropLab.model.config);
  await commit(page.getByLabel('Learning rate', { exact: true }), '0.5');
  await expect(page.locator('#compare-summary')).toContainText('learning rate 1 → 0.5');
  await train(page, 200);
  await expect.poll(() => readout(page, 'Iteration')).toBe(200);
  await settled(page);
  const configB = await page.evaluate(() => /** @type {any} */ (window).backpropLab.model.config);
  expect(await readout(page, 'Loss')).toBe(cliLoss(configB, 200));
  await expect.poll(() => lossOfA(page)).toBe(cliLoss(configA, 200));
  await expect(page.locator('#loss-chart')).toContainText('Loss of A');
  // The README's picture: the readouts, the summary and both curves.
  await page.setViewportSize({ width: 1280, height: 1600 });
  const top = await page.locator('.readouts').boundingBox();
  const chart = await page.locator('#loss-chart').boundingBox();
  if (top && chart)
    await page.screenshot({
      path: 'docs/compare.png',
      clip: { x: top.x, y: top.y, width: top.width, height: chart.y + chart.height - top.y },
    });

  // The diagram can show B − A.
  const before = await page.getByRole('img', { name: 'Network diagram' }).evaluate((c) => /** @type {HTMLCanvasElement} */ (c).toDataURL());
  await page.getByLabel('Show B − A on the diagram').check();
  await expect
    .poll(() => page.getByRole('img', { name: 'Network diagram' }).evaluate((c) => /** @type {HTMLCanvasElement} */ (c).toDataURL()))
    .not.toBe(before);

  // A link holds both runs.
  const state = await page.evaluate(() => /** @type {any} */ (window).backpropLab.state());
  expect(state.compare.saved.optimizer.learning_rate).toBe(1);
  const [lossB, lossA] = [await readout(page, 'Loss'), await lossOfA(page)];
  await openLink(page, await linkOf(page, state));
  await expect.poll(() => lossOfA(page)).toBe(lossA);
  expect(await readout(page, 'Loss')).toBe(lossB);
  await expect(page.locator('#compare-summary')).toContainText('learning rate 1 → 0.5');

  // Keep A: A is the run, at its iteration, with its settings.
  const axe = await new AxeBuilder({ page }).include('#compare-box').analyze();
  expect(axe.violations).toEqual([]);
  await page.getByRole('button', { name: 'Keep A' }).click();
  await expect(page.locator('#comparing')).toBeHidden();
  await expect(page.getByLabel('Learning rate', { exact: true })).toHaveValue('1');
  await expect.poll(() => readout(page, 'Loss')).toBe(lossA);
  expect(await readout(page, 'Iteration')).toBe(200);
});

test('B from where A stands: both go on from the same weights', async ({ page }) => {
  await train(page, 30);
  await settled(page);
  const loss = await readout(page, 'Loss');
  await page.getByLabel('B starts from').selectOption('here');
  await page.getByRole('button', { name: 'Compare' }).click();
  await expect(page.locator('#comparing')).toBeVisible();
  expect(await readout(page, 'Iteration')).toBe(30);
  await expect.poll(() => lossOfA(page)).toBe(loss);
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect.poll(() => readout(page, 'Iteration')).toBe(31);
  // The same settings, the same weights: the same step.
  await expect.poll(() => lossOfA(page)).toBe(await readout(page, 'Loss'));
  await page.getByRole('button', { name: 'Keep B' }).click();
  await expect(page.getByLabel('Loss of A')).toBeHidden();
});

test("a change made while Compare's code is still loading applies to B, not to A", async ({ page }) => {
  // Compare's code loads at its first click: hold it back so that the change below comes meanwhile.
  await page.route(/\/compare-[^/]*\.js$/, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 800));
    await route.continue();
  });
  await page.getByRole('button', { name: 'Compare' }).click();
  await commit(page.getByLabel('Learning rate', { exact: true }), '0.5');
  await expect(page.locator('#compare-summary')).toContainText('learning rate 1 → 0.5');
  const state = await page.evaluate(() => /** @type {any} */ (window).backpropLab.state());
  expect(state.compare.saved.optimizer.learning_rate).toBe(1);
  expect(state.saved.optimizer.learning_rate).toBe(0.5);
});
