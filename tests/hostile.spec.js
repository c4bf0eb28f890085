// What a careless or hostile user tried, and what must hold (README,
// "Reliability"): a bad link, a full or disabled storage, or another
// version's data never costs the saved work; the loss chart draws any loss;
// text too long never reaches the page; target columns are plain numbers;
// every message says what is wrong and goes once something else works.
import { test, expect, readout, commit, inkOf, train, linkOf, openLink } from './fixtures.js';

/** @typedef {import('@playwright/test').Page} Page */

const KEY = 'backprop-lab:state';
/** Random extreme series through the loss chart (`npm run fuzz` sets more). */
const CHART_CASES = Number(process.env.CHART_FUZZ_CASES ?? 300);

/** What the browser holds for the page. @param {Page} page */
const stored = (page) => page.evaluate((key) => localStorage.getItem(key), KEY);

/** The iteration of the work the browser holds. @param {Page} page */
const storedIteration = async (page) => JSON.parse((await stored(page)) ?? '{}').saved?.iteration ?? 0;

/** Steps once with the button, as a learner does. @param {Page} page */
const step = (page) => page.getByRole('button', { name: 'Step', exact: true }).click();

test('a damaged link leaves the saved work as it was, and offers it back', async ({ page }) => {
  await train(page, 37);
  await expect.poll(() => storedIteration(page)).toBe(37);
  const saved = await stored(page);

  await openLink(page, '/#s=not-a-real-state');
  const linkAlert = page.getByRole('alert').filter({ hasText: 'This link could not be opened' });
  await expect(linkAlert).toContainText('damaged');
  await expect(linkAlert).toContainText('saved in this browser is kept');
  expect(await readout(page, 'Iteration')).toBe(0);
  await expect(page.getByText('Autosave is off')).toBeVisible();
  // Working on the defaults does not save over the kept work...
  await step(page);
  await expect.poll(() => readout(page, 'Iteration')).toBe(1);
  await expect(linkAlert).toHaveCount(0); // a later success makes the link's alert stale
  await page.waitForTimeout(800);
  expect(await stored(page)).toBe(saved);
  // ...and a reload brings it back.
  await page.reload();
  await expect.poll(() => readout(page, 'Iteration')).toBe(37);

  // Or the offer opens it at once, and saving goes on from there.
  await openLink(page, '/#s=AAAA');
  await page.getByRole('button', { name: 'Open saved work' }).click();
  await expect.poll(() => readout(page, 'Iteration')).toBe(37);
  await expect(page.getByText('Autosave is off')).toHaveCount(0);
  await step(page);
  await expect.poll(() => storedIteration(page)).toBe(38);
});

test('a full storage is said once, and a reload never passes the older save for the current work', async ({ page }) => {
  await train(page, 10);
  await expect.poll(() => storedIteration(page)).toBe(10);
  // Fill the origin's storage with other data, as another version or tab might.
  await page.evaluate(() => {
    for (let size = 1 << 20, i = 0; size >= 16;) {
      try {
        localStorage.setItem(`other-data-${i++}`, 'x'.repeat(size));
      } catch {
        size >>= 1;
      }
    }
  });
  // A larger network: its state no longer fits where the old one was.
  await commit(page.getByLabel('Neurons in hidden layer 1'), '32');
  await train(page, 20);
  const failed = page.getByRole('alert').filter({ hasText: 'no longer saved in this browser' });
  await expect(failed).toHaveCount(1);
  await expect(failed).toContainText('full');
  await expect(failed).toContainText('Export JSON');
  await failed.evaluate((e) => e.setAttribute('data-seen', 'yes'));
  // Saving keeps failing while playing: the same one message, not one per save.
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForTimeout(2500);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(failed).toHaveCount(1);
  await expect(failed).toHaveAttribute('data-seen', 'yes');
  expect(await storedIteration(page)).toBe(10);

  await page.reload();
  await expect.poll(() => readout(page, 'Iteration')).toBe(10);
  await expect(page.getByLabel('Neurons in hidden layer 1')).toHaveValue('4');
  await expect(page.getByRole('alert').filter({ hasText: 'as saved in this browser at iteration 10' })).toContainText('could not be saved');

  // Room again: the next save succeeds and the warnings go.
  await page.evaluate(() => {
    for (const key of Object.keys(localStorage)) if (key.startsWith('other-data-')) localStorage.removeItem(key);
  });
  await step(page);
  await expect.poll(() => storedIteration(page)).toBe(11);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await page.reload();
  await expect.poll(() => readout(page, 'Iteration')).toBe(11);
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a disabled storage: the page works and says once that it cannot save', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('The user has disabled storage for this site.', 'SecurityError');
      },
    });
  });
  await page.reload();
  await expect(page.getByLabel('Loss', { exact: true })).toHaveText(/\d/);
  await step(page);
  await expect.poll(() => readout(page, 'Iteration')).toBe(1);
  await step(page);
  await expect.poll(() => readout(page, 'Iteration')).toBe(2);
  const failed = page.getByRole('alert').filter({ hasText: 'no longer saved in this browser' });
  await expect(failed).toHaveCount(1);
  await expect(failed).toContainText('refused');
});

test("another version's saved work is kept until the learner chooses to save over it", async ({ page }) => {
  const other = JSON.stringify({ app: 'backprop-lab', format: 2, saved: { from: 'the future' }, points: null });
  // Planted before the page's scripts run (the page being left saves its own work first).
  await page.addInitScript(
    ([key, value]) => {
      if (sessionStorage.getItem('planted')) return;
      sessionStorage.setItem('planted', 'yes');
      localStorage.setItem(key, value);
    },
    [KEY, other],
  );
  await page.reload();
  await expect(page.getByRole('alert').filter({ hasText: 'could not be opened' })).toContainText('another version');
  await expect(page.getByText('Autosave is off')).toBeVisible();
  await step(page);
  await page.waitForTimeout(800);
  expect(await stored(page)).toBe(other);
  await page.getByRole('button', { name: 'Save this instead' }).click();
  await expect.poll(() => storedIteration(page)).toBe(1);
});

test('the loss chart draws any finite loss, down to the smallest double, and zero, on either scale', async ({ page }) => {
  test.setTimeout(60_000 + CHART_CASES * 100);
  // A linear neuron halving its one weight each step: the loss falls by 4x an
  // iteration through every magnitude (1e-237 near iteration 390) into
  // subnormals and then to exactly 0.
  const config = {
    version: 1,
    seed: 1,
    layers: [1, 1],
    activations: 'linear',
    bias: false,
    loss: 'sse',
    optimizer: { kind: 'sgd', learning_rate: 0.5 },
    data: { inputs: [[1]], targets: [[0]] },
  };
  await page
    .getByLabel('Import JSON')
    .setInputFiles({ name: 'halving.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(config)) });
  await expect(page.getByText('Imported halving.json')).toBeVisible();
  const log = page.getByLabel('Log scale');
  for (const n of [390, 700, 1000]) {
    await train(page, n - (await readout(page, 'Iteration')));
    await expect.poll(() => readout(page, 'Iteration')).toBe(n);
    for (const checked of [false, true]) {
      await log.setChecked(checked);
      await expect.poll(() => inkOf(page, 'Loss curve')).toBeGreaterThan(500);
    }
  }
  expect(await readout(page, 'Loss')).toBe(0);
  await expect(page.locator('#loss-description')).toContainText('lowest 0');

  // Extreme series straight into the chart, on both scales: none throws.
  const errors = await page.evaluate(async (count) => {
    const chart = /** @type {any} */ (window).backpropLab.chart;
    const random = (() => {
      let s = 12345;
      return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
    })();
    const extremes = [0, 5e-324, 1e-323, 2.2250738585072014e-308, 1e-237, 1e-32, 1, 1e32, 1e300, 1.7976931348623157e308, NaN, Infinity];
    const cases = [[1e-237], [5e-324], [0], [0, 0, 0], [1.7976931348623157e308, 5e-324], [NaN, Infinity, 1], [1e300, 1e-300, 0]];
    for (let i = 0; i < count; i++) {
      const n = 1 + Math.floor(random() * 40);
      cases.push(
        Array.from({ length: n }, () => (random() < 0.3 ? extremes[Math.floor(random() * extremes.length)] : 10 ** (random() * 632 - 324))),
      );
    }
    const problems = [];
    for (const losses of cases) {
      for (const log of [true, false]) {
        try {
          chart.setLog(log);
          const epochs = Float64Array.from(losses, (_, i) => i);
          chart.update({ epochs, losses: Float64Array.from(losses) }, { epochs, losses: Float64Array.from(losses).reverse() });
          await new Promise((r) => setTimeout(r));
        } catch (e) {
          problems.push(`${log ? 'log' : 'linear'} ${JSON.stringify(losses.map(String))}: ${e}`);
        }
      }
    }
    return problems;
  }, CHART_CASES);
  expect(errors).toEqual([]);
});

test('CSV text too long never reaches the text area; a long upload loads without it', async ({ page, context }) => {
  await page.getByText('Your own data').click();
  const csv = page.getByLabel(/^CSV/);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.evaluate(() => navigator.clipboard.writeText('1,2,3\n'.repeat(3_500_000)));
  await csv.focus();
  await page.keyboard.press('Control+V');
  await expect(csv).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('alert').filter({ hasText: 'CSV: the text would be 21.0 MB' })).toContainText('at most 16 MB');
  expect(await csv.inputValue()).toBe('');

  // 15.9 MB of real data (10,000 rows of long numbers) loads, and is not laid out in the page.
  const digits = '1.' + '0123456789'.repeat(15) + '0123';
  const row = Array(10).fill(digits).join(',') + ',1\n';
  const file = Buffer.from('a,b,c,d,e,f,g,h,i,j,y\n' + row.repeat(10_000));
  expect(file.length).toBeGreaterThan(15_000_000);
  await page.getByLabel('Upload CSV').setInputFiles({ name: 'long.csv', mimeType: 'text/csv', buffer: file });
  await expect(page.locator('#csv-stats')).toContainText('long.csv');
  await expect(page.locator('#csv-stats')).toContainText('Loaded 10000 rows');
  expect(await csv.inputValue()).toBe('');
  const layers = await page.evaluate(
    async () => (await /** @type {any} */ (window).backpropLab.idle(), /** @type {any} */ (window).backpropLab.model.config).layers,
  );
  expect(layers[0]).toBe(10);
});

test('target columns are plain column numbers of the CSV, refused by what was typed', async ({ page }) => {
  await page.getByText('Your own data').click();
  const csv = page.getByLabel(/^CSV/);
  await csv.fill('a,b,c\n1,0,1\n0,1,0\n');
  const targets = page.getByLabel('Target columns');
  const config = () =>
    page.evaluate(async () =>
      JSON.stringify((await /** @type {any} */ (window).backpropLab.idle(), /** @type {any} */ (window).backpropLab.model.config).data),
    );
  const before = await config();
  for (const [typed, said] of [
    ['4294967297', 'there is no column 4294967297; this CSV has 3 columns'],
    ['4294967298', 'there is no column 4294967298'],
    ['1e10', '"1e10" is not a column number'],
    ['0x2', '"0x2" is not a column number'],
    ['1e0', '"1e0" is not a column number'],
    ['0', 'there is no column 0'],
    ['2, 4', 'there is no column 4'],
  ]) {
    await commit(targets, typed);
    await page.getByRole('button', { name: 'Load CSV', exact: true }).click();
    await expect(targets).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByRole('alert').filter({ hasText: 'Target columns' })).toContainText(said);
    expect(await config()).toBe(before);
  }
  await commit(targets, '2');
  await page.getByRole('button', { name: 'Load CSV', exact: true }).click();
  await expect.poll(async () => JSON.parse(await config()).targets).toEqual([[0], [1]]);
});

test('the widest CSV (64 columns) loads; one input column more than 64 is refused as the inputs', async ({ page }) => {
  await page.getByText('Your own data').click();
  const header = Array.from({ length: 64 }, (_, i) => `c${i + 1}`).join(',');
  const row = Array.from({ length: 64 }, (_, i) => i % 2).join(',');
  await page.getByLabel(/^CSV/).fill(`${header}\n${row}\n${row}\n`);
  await page.getByRole('button', { name: 'Load CSV', exact: true }).click();
  await expect.poll(() => page.locator('#network-description').textContent()).toContain('Layers 63-');
  await page.getByLabel('Dataset').selectOption({ label: 'Digits (1,797 handwritten 8×8)' });
  await expect.poll(() => page.locator('#network-description').textContent()).toContain('Layers 64-32-10:');
  await page.getByRole('button', { name: 'Add input column' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'the number of inputs' })).toContainText('from 1 to 64');
});

test('Export JSON after a divergence says the file holds the settings only', async ({ page }) => {
  await page.getByLabel('Output activation').selectOption('linear');
  await page.getByLabel('Hidden activation').selectOption('linear');
  await commit(page.getByLabel('Learning rate'), '1e6');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'diverged' })).toBeVisible();
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
  const text = await (await file.createReadStream()).toArray();
  const saved = JSON.parse(Buffer.concat(text).toString('utf8'));
  expect(saved.weights).toBeUndefined();
  const said = page.getByRole('alert').filter({ hasText: 'Exported' });
  await expect(said).toContainText('settings and data only');
  await expect(said).toContainText('diverged');
});

test('a far-off learning rate is accepted with a word on what it does', async ({ page }) => {
  await commit(page.getByLabel('Learning rate'), '1e300');
  const advice = page.getByRole('status').filter({ hasText: 'Learning rate 1e+300 is accepted' });
  await expect(advice).toContainText('saturate');
  await expect(advice).toContainText('try 1');
  await commit(page.getByLabel('Learning rate'), '0.5');
  await expect(advice).toHaveCount(0);
});

test("a link's unusable point settings are named, not dropped silently", async ({ page }) => {
  const saved = await page.evaluate(async () => {
    const app = /** @type {any} */ (window).backpropLab;
    return JSON.parse(await app.model.request('save'));
  });
  await openLink(
    page,
    await linkOf(page, { app: 'backprop-lab', format: 1, saved, points: { generator: 'nowhere', points: 100, noise: 0, testShare: 0.5 } }),
  );
  await expect(page.getByRole('alert').filter({ hasText: "point set's settings could not be used" })).toContainText(
    'without the held-out test rows',
  );
});

test('the iteration count is exact up to 2^53 and stops there with a message', async ({ page }) => {
  await train(page, 3);
  const saved = await page.evaluate(async () => JSON.parse(await /** @type {any} */ (window).backpropLab.model.request('save')));
  saved.iteration = 2 ** 53 - 1;
  await openLink(page, await linkOf(page, { app: 'backprop-lab', format: 1, saved, points: null }));
  const iteration = page.getByLabel('Iteration', { exact: true });
  await expect(iteration).toHaveText('9007199254740991');
  await step(page);
  await expect(iteration).toHaveText('9007199254740992');
  await step(page);
  await expect(page.getByRole('alert').filter({ hasText: 'iteration count reached 9007199254740992' })).toContainText('reset');
  await expect(iteration).toHaveText('9007199254740992');
});

test("a file in the page's own formats opens: a state as the autosave keeps it, and a copied link", async ({ page }) => {
  await train(page, 12);
  await expect.poll(() => readout(page, 'Iteration')).toBe(12);
  const loss = await readout(page, 'Loss');
  const state = await page.evaluate(async () => JSON.stringify(await /** @type {any} */ (window).backpropLab.state()));
  await page.getByRole('button', { name: 'Copy link' }).click();
  const link = await page.getByLabel('Link to this state').inputValue();
  for (const [name, text] of [
    ['state.json', state],
    ['link.txt', `${link}\n`],
  ]) {
    await page.getByRole('button', { name: 'Start over' }).click();
    await expect.poll(() => readout(page, 'Iteration')).toBe(0);
    await page.getByLabel('Import JSON').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
    await expect.poll(() => readout(page, 'Iteration')).toBe(12);
    expect(await readout(page, 'Loss')).toBe(loss);
  }
});

test("an import's error replaces its earlier news, and goes once something works", async ({ page }) => {
  const saved = await page.evaluate(() => /** @type {any} */ (window).backpropLab.model.request('save'));
  await page.getByLabel('Import JSON').setInputFiles({ name: 'good.json', mimeType: 'application/json', buffer: Buffer.from(saved) });
  await expect(page.getByText('Imported good.json')).toBeVisible();
  await page
    .getByLabel('Import JSON')
    .setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"version": 1,') });
  await expect(page.getByRole('alert').filter({ hasText: 'bad.json' })).toContainText('not valid JSON');
  await expect(page.getByText('Imported good.json')).toHaveCount(0);
  await expect(page.getByLabel('Import JSON')).toHaveAttribute('aria-invalid', 'true');
  await step(page);
  await expect(page.getByRole('alert').filter({ hasText: 'bad.json' })).toHaveCount(0);
  await expect(page.getByLabel('Import JSON')).not.toHaveAttribute('aria-invalid', 'true');
});
