// Shared set-up of the browser tests: every test opens the lab and fails if
// the page logs an error, throws, or sends a request to any other origin.
import { test as base, expect } from '@playwright/test';

/** @typedef {import('@playwright/test').Page} Page */

export const test = base.extend({
  page: async ({ page, baseURL }, use) => {
    /** @type {string[]} */
    const problems = [];
    const origin = new URL(baseURL ?? 'http://127.0.0.1:4173').origin;
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('request', (r) => {
      const url = r.url();
      if (!url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).origin !== origin) {
        problems.push(`request to another origin: ${url}`);
      }
    });
    await page.goto('/');
    await expect(page.getByLabel('Loss', { exact: true })).toHaveText(/\d/);
    await use(page);
    expect(problems, problems.join('\n')).toEqual([]);
  },
});

export { expect };

/**
 * Waits until every change asked of the engine has been answered and drawn
 * (the page answers asynchronously: the engine trains in a worker).
 * @param {Page} page
 */
export async function settled(page) {
  // After a load the page is started when the store is on `window` (main.js).
  await page.waitForFunction(() => /** @type {any} */ (window).backpropLab !== undefined);
  await page.evaluate(() => /** @type {any} */ (window).backpropLab.settled());
}

/**
 * The number a readout shows, once the engine has answered every change asked
 * so far and the page has drawn that answer (NaN before the first frame fills it).
 * @param {Page} page @param {string} name
 */
export async function readout(page, name) {
  await settled(page);
  const text = await page.getByLabel(name, { exact: true }).textContent();
  return text ? Number(text) : NaN;
}

/** A region of the page by its name. @param {Page} page @param {string} name */
export function region(page, name) {
  return page.getByRole('region', { name, exact: true });
}

/** Fills a field and commits it (as leaving the field does). @param {import('@playwright/test').Locator} field @param {string} value */
export async function commit(field, value) {
  await field.fill(value);
  await field.press('Enter');
  await field.blur();
}

/** How many pixels of a canvas are not blank. @param {Page} page @param {string} name */
export async function inkOf(page, name) {
  return page.getByRole('img', { name, exact: true }).evaluate((canvas) => {
    const c = /** @type {HTMLCanvasElement} */ (canvas);
    const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? new Uint8ClampedArray();
    let ink = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) ink++;
    return ink;
  });
}

/** The accessible description of the network diagram. @param {Page} page */
export async function diagramText(page) {
  return page.locator('#network-description').textContent();
}

/** The alerts currently shown. @param {Page} page */
export async function alerts(page) {
  return page.getByRole('alert').allTextContents();
}

/** Runs n iterations in the page's engine, as Play would. @param {Page} page @param {number} n */
export const train = (page, n) =>
  page.evaluate(async (n) => {
    const app = /** @type {any} */ (window).backpropLab;
    await app.model.request('run', { n });
    app.render();
  }, n);

/**
 * A link to a state (or, with prefix "#lesson=", a lesson) of the page's format but chosen contents.
 * @param {Page} page @param {object} state @param {string} [prefix]
 */
export const linkOf = (page, state, prefix = '#s=') =>
  page.evaluate(async ([state, prefix]) => {
    const body = new Blob([JSON.stringify(state)]).stream().pipeThrough(new CompressionStream('deflate-raw'));
    const packed = new Uint8Array(await new Response(body).arrayBuffer());
    const b64 = btoa(String.fromCharCode(...packed))
      .replaceAll('+', '-')
      .replaceAll('/', '_')
      .replace(/=+$/, '');
    return `${location.origin}/${prefix}${b64}`;
  }, /** @type {const} */ ([state, prefix]));

/** Opens a link afresh (a new fragment alone would not reload the page). @param {Page} page @param {string} url */
export async function openLink(page, url) {
  await page.goto('about:blank');
  await page.goto(url);
  await expect(page.getByLabel('Loss', { exact: true })).toHaveText(/\d/);
}

/** Moons (the point set) with every point a training row, full batch, and the given hidden layers. @param {Page} page @param {number} points @param {number[]} hidden */
export async function moons(page, points, hidden) {
  await page.getByLabel('Dataset').selectOption({ label: 'Points: moons' });
  await commit(page.getByLabel('Test share (%)'), '0');
  await commit(page.getByLabel('Points', { exact: true }), String(points));
  await page.getByLabel('Update mode').selectOption('batch');
  const ok = await page.evaluate(async (hidden) => {
    const app = /** @type {any} */ (window).backpropLab;
    return await app.change((/** @type {any} */ c) => {
      c.layers = [2, ...hidden, 1];
      c.activations = [...hidden.map(() => 'tanh'), 'sigmoid'];
    }, document.body);
  }, hidden);
  expect(ok).toBe(true);
}
