// The embedded page (?embed) in a course page's iframe, and the lessons'
// and embedded views' accessibility.
import AxeBuilder from '@axe-core/playwright';
import { test, expect, readout, train, linkOf, settled } from './fixtures.js';

/** @typedef {import('@playwright/test').Page} Page */

/** axe's violations, as "rule (n nodes)" lines. @param {Page} page */
async function violations(page) {
  const { violations: found } = await new AxeBuilder({ page }).analyze();
  return found.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes[0]?.target.join(' ')}`);
}

test('embedded at 640×400 in an iframe: the diagram, training and the loss curve, compact, and a link to the full lab', async ({
  page,
  context,
}) => {
  const lesson = {
    lesson: 1,
    title: 'Embedded XOR',
    text: 'Press *Play*.',
    run: { preset: 'xor' },
    question: null,
    goal: { what: 'loss', below: 0.05, within: 2000 },
    lock: [],
    hide: [],
  };
  const src = (await linkOf(page, lesson, '#lesson=')).replace('/#lesson=', '/?embed#lesson=');
  await page.setContent(`<h1>A course page</h1><iframe title="Backprop Lab" src="${src}" width="640" height="400"></iframe>`);
  const lab = page.frameLocator('iframe');
  await expect(lab.getByLabel('Loss', { exact: true })).toHaveText(/\d/);
  for (const name of ['Network diagram']) await expect(lab.getByRole('img', { name })).toBeVisible();
  await expect(lab.getByRole('button', { name: 'Play' })).toBeVisible();
  await expect(lab.locator('#loss-chart')).toBeVisible();
  await expect(lab.getByRole('region', { name: 'Lessons' }).getByRole('heading', { name: 'Embedded XOR' })).toBeVisible();
  await expect(lab.getByRole('region', { name: 'Training data' })).toBeHidden();
  await expect(lab.getByRole('region', { name: 'Step inspector' })).toBeHidden();
  const frame = page.frames().find((f) => f.url().includes('embed'));
  if (!frame) throw new Error('no embedded frame');
  // Nothing spills sideways out of the 640 px frame.
  expect(await frame.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(640);
  // It trains, and the full lab opens at the same run.
  await lab.getByRole('button', { name: 'Step', exact: true }).click();
  await lab.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(lab.getByLabel('Iteration', { exact: true })).toHaveText('2');
  const [full] = await Promise.all([context.waitForEvent('page'), lab.getByRole('link', { name: 'Open in Backprop Lab' }).click()]);
  await expect(full.getByLabel('Iteration', { exact: true })).toHaveText('2');
  expect(full.url()).not.toContain('embed');
  await full.close();
});

test("embedded, the page neither opens nor saves over the learner's work in this browser", async ({ page }) => {
  await train(page, 9);
  await expect.poll(() => readout(page, 'Iteration')).toBe(9);
  await page.waitForTimeout(600);
  const stored = () => page.evaluate(() => localStorage.getItem('backprop-lab:state'));
  const before = await stored();
  expect(before).not.toBeNull();
  await page.goto('/?embed');
  await expect(page.getByLabel('Loss', { exact: true })).toHaveText(/\d/);
  expect(await readout(page, 'Iteration')).toBe(0);
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect.poll(() => readout(page, 'Iteration')).toBe(1);
  await page.waitForTimeout(600);
  expect(await stored()).toBe(before);
});

test('axe finds no violation in the lessons, the lesson writer and the embedded view', async ({ page }) => {
  await page.getByRole('button', { name: 'Lessons' }).click();
  await page.getByRole('region', { name: 'Lessons' }).getByLabel('Lesson', { exact: true }).selectOption({ index: 1 });
  await settled(page);
  await page.getByText('Write a lesson').click();
  const found = await violations(page);
  await page.setViewportSize({ width: 640, height: 400 });
  await page.goto('/?embed');
  await expect(page.getByLabel('Loss', { exact: true })).toHaveText(/\d/);
  found.push(...(await violations(page)));
  expect(found).toEqual([]);
});
