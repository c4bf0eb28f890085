// TensorFlow Playground's plane controls: input features (toggles on the
// network's input column, trained as the command line trains them), the
// output discretised, and the test points shown or not.
import { test, expect, readout, commit, diagramText, openLink, linkOf, settled } from './fixtures.js';
import { cli } from './cli.js';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** @typedef {import('@playwright/test').Page} Page */

/** The page's config. @param {Page} page */
const config = (page) => page.evaluate(() => /** @type {any} */ (window).backpropLab.model.config);

/** A feature's toggle. @param {Page} page @param {string} name as written on the page (x1², x1·x2) */
const feature = (page, name) => page.getByRole('checkbox', { name: `Input feature ${name}`, exact: true });

test('input features: the toggles set what the network sees, and it trains as the command line does', async ({ page }) => {
  // XOR's rows are points of the plane too: the toggles are there, x1 and x2 on.
  await expect(page.getByRole('group', { name: 'Input features' })).toBeVisible();
  await expect(feature(page, 'x1')).toBeChecked();
  await expect(feature(page, 'x2')).toBeChecked();
  await expect(feature(page, 'x1·x2')).not.toBeChecked();

  await page.getByLabel('Dataset').selectOption({ label: 'Points: circle' });
  await feature(page, 'x1²').check();
  await feature(page, 'x2²').check();
  await feature(page, 'x1').uncheck();
  await expect.poll(async () => (await config(page)).features).toEqual(['x2', 'x1^2', 'x2^2']);
  await feature(page, 'x2').uncheck();
  await expect.poll(async () => (await config(page)).features).toEqual(['x1^2', 'x2^2']);
  expect((await config(page)).layers[0]).toBe(2);
  await expect.poll(() => diagramText(page)).toContain('2 inputs, features of x1 and x2 (x1², x2²)');

  await commit(page.getByLabel('Train to iteration'), '30');
  await page.getByRole('button', { name: 'Train to', exact: true }).click();
  await expect.poll(() => readout(page, 'Iteration')).toBe(30);
  const file = join(mkdtempSync(join(tmpdir(), 'backprop-lab-features-')), 'config.json');
  writeFileSync(file, JSON.stringify(await config(page)));
  expect(await readout(page, 'Loss')).toBe(cli(['train', '--config', file, '--iterations', '30']).loss);

  // The last feature on cannot go: a network needs an input. Nothing changes.
  await feature(page, 'x1²').uncheck();
  await feature(page, 'x2²').click();
  await expect(page.getByRole('group', { name: 'Input features' }).getByRole('alert')).toContainText('Keep at least one input feature');
  await expect(feature(page, 'x2²')).toBeChecked();
  expect((await config(page)).features).toEqual(['x2^2']);

  // Back to x1 and x2 alone: the config says nothing of features (the same bytes as before).
  await feature(page, 'x1').check();
  await feature(page, 'x2').check();
  await feature(page, 'x2²').uncheck();
  await expect.poll(async () => 'features' in (await config(page))).toBe(false);
});

test('input features: another point set keeps them, a share link carries them, a table of 3 columns has none', async ({ page }) => {
  await page.getByLabel('Dataset').selectOption({ label: 'Points: spiral' });
  await feature(page, 'sin(x1)').check();
  await feature(page, 'sin(x2)').check();
  await expect.poll(async () => (await config(page)).layers[0]).toBe(4);
  await page.getByLabel('Dataset').selectOption({ label: 'Points: moons' });
  await expect.poll(async () => (await config(page)).data.inputs.length).not.toBe(0);
  await expect.poll(async () => (await config(page)).features).toEqual(['x1', 'x2', 'sin(x1)', 'sin(x2)']);
  await commit(page.getByLabel('Train to iteration'), '12');
  await page.getByRole('button', { name: 'Train to', exact: true }).click();
  await expect.poll(() => readout(page, 'Iteration')).toBe(12);
  const loss = await readout(page, 'Loss');
  const state = await page.evaluate(() => /** @type {any} */ (window).backpropLab.state());
  await openLink(page, await linkOf(page, state));
  await expect(feature(page, 'sin(x2)')).toBeChecked();
  expect(await readout(page, 'Iteration')).toBe(12);
  expect(await readout(page, 'Loss')).toBe(loss);

  // A truth table of 3 inputs: no plane, no features.
  await page.getByLabel('Dataset').selectOption({ label: '3-bit parity' });
  await expect(page.getByRole('group', { name: 'Input features' })).toBeHidden();
  expect('features' in (await config(page))).toBe(false);
});

test('Discretize output paints the plane in two colours; Show test data hides and shows the hollow points', async ({ page }) => {
  await page.getByLabel('Dataset').selectOption({ label: 'Points: circle' });
  await commit(page.getByLabel('Test share (%)'), '30');
  /** The distinct colours of the engine's picture of the plane, once one has come. */
  const colours = () =>
    page.evaluate(() => {
      const b = /** @type {any} */ (window).backpropLab.model.boundary;
      if (!b) return -1;
      const seen = new Set();
      for (let i = 0; i < b.image.length; i += 4) seen.add((b.image[i] << 16) | (b.image[i + 1] << 8) | b.image[i + 2]);
      return seen.size;
    });
  await expect.poll(colours).toBeGreaterThan(2);
  await page.getByLabel('Discretize output').check();
  await expect.poll(colours).toBeLessThanOrEqual(2);
  await page.getByLabel('Discretize output').uncheck();
  await expect.poll(colours).toBeGreaterThan(2);

  const description = page.locator('#plane-description');
  await expect(description).toContainText('test points (hollow)');
  await page.getByLabel('Show test data').uncheck();
  await expect(description).not.toContainText('test points');
  await page.getByLabel('Show test data').check();
  await expect(description).toContainText('test points (hollow)');
});

test("the activation curve: a neuron's f and f′ through its rows' z, chosen in the list or on the diagram", async ({ page }) => {
  const description = page.locator('#curve-description');
  const curve = page.getByRole('img', { name: 'Activation curve' });
  await expect(curve).toBeHidden();
  await page.getByRole('combobox', { name: 'Neuron', exact: true }).selectOption({ label: 'hidden 1.2' });
  await expect(curve).toBeVisible();
  await expect(description).toContainText('hidden 1.2 (sigmoid): the z of the 4 rows of the next update run from');
  // XOR updates on all four rows: each mark is that row's z in the diagram's forward pass, bit for bit.
  const marked = await page.evaluate(() => Array.from(/** @type {any} */ (window).backpropLab.model.curve.z));
  expect(marked).toHaveLength(4);
  for (let row = 0; row < 4; row++) {
    await page.evaluate((row) => /** @type {any} */ (window).backpropLab.selectRow(row), row);
    await settled(page);
    // The row's values come with the worker's next report after the selection.
    const rowZ = () =>
      page.evaluate(() => {
        const model = /** @type {any} */ (window).backpropLab.model;
        return { row: model.row, z: model.rowValues[model.layout.layers[0].values_at + 1] };
      });
    await expect.poll(async () => (await rowZ()).row).toBe(row);
    expect((await rowZ()).z, `row ${row + 1}`).toBe(marked[row]);
  }

  // Clicking the output neuron on the diagram chooses it.
  const box = await page.getByRole('img', { name: 'Network diagram' }).boundingBox();
  const spot = await page.evaluate(() => {
    const s = /** @type {any} */ (window).backpropLab.network.placement.columns[2][0];
    return { x: s.x, y: s.y };
  });
  if (!box) throw new Error('no diagram');
  await page.mouse.click(box.x + spot.x, box.y + spot.y);
  await expect(page.getByRole('combobox', { name: 'Neuron', exact: true })).toHaveValue('1:0');
  await expect(description).toContainText('ŷ1 (sigmoid)');

  // A softmax output has no curve of its own: the reason is said instead.
  await page.getByLabel('Dataset').selectOption({ label: 'Iris (150 flowers, 3 species)' });
  await page.getByRole('combobox', { name: 'Neuron', exact: true }).selectOption({ label: 'ŷ1' });
  await expect(description).toContainText('softmax');
  await expect(curve).toBeHidden();
});

test('a lesson carries input features: its run sees them, its question is x1, x2, and its lock holds the toggles', async ({ page }) => {
  const run = {
    version: 1,
    layers: [2, 1],
    features: ['x1^2', 'x2^2'],
    data: {
      inputs: [
        [0, 0],
        [2, 0],
        [0, 2],
        [0.1, 0.1],
      ],
      targets: [[0], [1], [1], [0]],
    },
  };
  const lesson = {
    lesson: 1,
    title: 'Features, not neurons',
    text: 'A circle with x1² and x2².',
    run,
    question: [1, 1],
    goal: { what: 'loss', below: 0.1 },
    lock: ['layers'],
    hide: [],
  };
  await openLink(page, await linkOf(page, lesson, '#lesson='));
  await expect(page.getByRole('checkbox', { name: 'Input feature x1²' })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Input feature x1', exact: true })).not.toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Input feature x1²' })).toBeDisabled();
  expect((await config(page)).features).toEqual(['x1^2', 'x2^2']);
  await expect(page.getByLabel('Question x2')).toHaveValue('1');
});

test("the inspector's lists name a weight by the feature it comes from, also after a run of the same sizes with other features", async ({
  page,
}) => {
  const inspector = page.getByRole('region', { name: 'Step inspector' });
  await inspector.getByText('Edit a weight, go back to an epoch').click();
  const first = () => inspector.getByLabel('Parameter', { exact: true }).locator('option').first();
  await expect(first()).toHaveText('Weight from x1 to hidden 1.1');
  // A run of the same sizes that sees other features (imported): the names are its features'.
  const saved = await page.evaluate(async () => JSON.parse(await /** @type {any} */ (window).backpropLab.model.request('save')));
  const run = JSON.stringify({ ...saved, features: ['x1^2', 'x2^2'] });
  await page.getByLabel('Import JSON').setInputFiles({ name: 'run.json', mimeType: 'application/json', buffer: Buffer.from(run) });
  await expect.poll(async () => (await config(page)).features).toEqual(['x1^2', 'x2^2']);
  await expect(first()).toHaveText('Weight from x1² to hidden 1.1');
});

test('Compare names the input features in which B differs from A, also when the count of inputs is the same', async ({ page }) => {
  await page.getByRole('button', { name: 'Compare' }).click();
  const summary = page.locator('#compare-summary');
  await expect(summary).toContainText("B has A's settings");
  await feature(page, 'x1²').check();
  await expect(summary).toHaveText(
    'Comparing: B differs from A in layers 2-4-1 → 3-4-1; input features none (the raw inputs) → x1, x2, x1².',
  );
  // x1², x2² for x1, x2: the same sizes, other inputs.
  await feature(page, 'x2²').check();
  await feature(page, 'x1').uncheck();
  await feature(page, 'x2').uncheck();
  await expect(summary).toHaveText('Comparing: B differs from A in input features none (the raw inputs) → x1², x2².');
});
