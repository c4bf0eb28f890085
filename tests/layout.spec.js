// The layout at a desktop size and on a phone, light and dark, and the
// screenshot that the README shows.
import { test, expect, readout, inkOf } from './fixtures.js';

test('desktop: data left, network middle, training right; the screenshot', async ({ page }) => {
  const x = async (/** @type {string} */ name) => (await page.getByRole('region', { name, exact: true }).boundingBox())?.x ?? -1;
  expect(await x('Training data')).toBeLessThan(await x('Network'));
  expect(await x('Network')).toBeLessThan(await x('Training'));
  await page.getByLabel('Iterations per frame').fill('20');
  await page.getByLabel('Iterations per frame').press('Enter');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect.poll(() => readout(page, 'Iteration')).toBeGreaterThan(1500);
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.getByRole('table', { name: 'Training data' }).locator('tbody tr[data-row]').nth(1).locator('td.prediction').click();
  await page.screenshot({ path: 'docs/screenshot.png' });
});

test('phone: the panels stack and nothing spills sideways', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(200);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const data = await page.getByRole('region', { name: 'Training data' }).boundingBox();
  const network = await page.getByRole('region', { name: 'Network', exact: true }).boundingBox();
  expect(network?.y ?? 0).toBeGreaterThan((data?.y ?? 0) + (data?.height ?? 0) - 1);
  expect(await inkOf(page, 'Network diagram')).toBeGreaterThan(2000);
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect.poll(() => readout(page, 'Iteration')).toBe(1);
});

test('dark mode follows the system', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ colorScheme: 'dark', baseURL });
  const page = await context.newPage();
  await page.goto('/');
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).toBe('rgb(19, 22, 28)');
  await context.close();
});

test('phone: Step, Play and Reset stay on screen, at the bottom, while the network or the loss curve is in view', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  /** The transport's buttons are inside the screen. */
  const onScreen = async () => {
    for (const name of ['Step', 'Play', 'Reset']) {
      const box = await page.getByRole('button', { name, exact: true }).boundingBox();
      expect(box, name).not.toBeNull();
      expect(box?.y ?? -1, name).toBeGreaterThanOrEqual(0);
      expect((box?.y ?? 0) + (box?.height ?? 0), name).toBeLessThanOrEqual(844);
    }
  };
  await page.getByRole('img', { name: 'Network diagram' }).scrollIntoViewIfNeeded();
  await onScreen();
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect.poll(() => readout(page, 'Iteration')).toBe(1);
  await page.locator('#loss-chart').scrollIntoViewIfNeeded();
  await onScreen();
  // The bar covers neither the loss curve nor the page's end: the page scrolls past it.
  const chart = await page.locator('#loss-chart').boundingBox();
  const bar = await page.locator('.transport').boundingBox();
  expect((chart?.y ?? 0) + (chart?.height ?? 0)).toBeLessThanOrEqual(bar?.y ?? 0);
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await page.getByRole('button', { name: 'Pause' }).click();
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
});
