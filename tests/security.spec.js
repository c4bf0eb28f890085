// What a learner types, pastes, imports or opens from a link is shown as
// text, never run as HTML; the page runs under a Content-Security-Policy
// that allows no inline script and no other origin.
import { test, expect, commit } from './fixtures.js';

const PAYLOAD = '<img src=x onerror="window.__pwned=1">';

/** No element was made from the payload and it ran nothing. @param {import('@playwright/test').Page} page */
async function expectInert(page) {
  expect(await page.evaluate(() => /** @type {any} */ (window).__pwned)).toBeUndefined();
  expect(await page.locator('img[src="x"]').count()).toBe(0);
}

test('the page runs under a Content-Security-Policy without inline script, and breaks none of it', async ({ page }) => {
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  expect(csp).toContain("default-src 'self'");
  // Loading, training, the boundary, the inspector and an export raise no violation.
  await page.evaluate(() => {
    const w = /** @type {any} */ (window);
    w.__violations = 0;
    document.addEventListener('securitypolicyviolation', () => w.__violations++);
  });
  await page.reload();
  await page.evaluate(() => {
    const w = /** @type {any} */ (window);
    w.__violations = 0;
    document.addEventListener('securitypolicyviolation', () => w.__violations++);
  });
  await page.getByLabel('Dataset').selectOption({ label: 'Points: moons' });
  await page.getByRole('button', { name: 'Step epoch' }).click();
  await page.getByRole('button', { name: 'Forward pass' }).click();
  await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export PNG' }).click()]);
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByLabel('Link to this state')).toBeVisible();
  expect(await page.evaluate(() => /** @type {any} */ (window).__violations)).toBe(0);
});

test('markup typed, pasted, imported or linked is shown as text', async ({ page }) => {
  await page.getByText('Your own data').click();
  const expression = page.getByLabel('Boolean expression');
  await expression.fill(PAYLOAD);
  await expression.press('Enter');
  await expect(page.getByRole('alert')).toContainText('"<" cannot be read');
  await expectInert(page);

  await page.getByLabel(/^CSV/).fill(`${PAYLOAD},y\n1,0\n2,1\n`);
  await page.getByLabel('Normalise inputs').check();
  await page.getByRole('button', { name: 'Load CSV', exact: true }).click();
  await expect(page.locator('#csv-stats')).toContainText('<img');
  await expectInert(page);
  await page.getByLabel(/^CSV/).fill(`a,b\n1,${PAYLOAD}\n`);
  await page.getByRole('button', { name: 'Load CSV', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'is not a number' })).toBeVisible();
  await expectInert(page);

  await commit(page.getByLabel('Target columns'), PAYLOAD);
  await page.getByRole('button', { name: 'Load CSV', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Target columns' })).toContainText('<img');
  await expectInert(page);

  await page.getByLabel('Import JSON').setInputFiles({
    name: `${PAYLOAD}.json`,
    mimeType: 'application/json',
    buffer: Buffer.from(`{"version": 1, "layers": "${PAYLOAD.replaceAll('"', '\\"')}"}`),
  });
  await expect(page.getByRole('alert').filter({ hasText: 'Import JSON' })).toContainText('<img');
  await expectInert(page);
});
