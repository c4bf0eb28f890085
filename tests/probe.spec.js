// What a hostile probe of the newer surfaces found (lessons, lesson links,
// embed, Compare, the Worker, autosave, tables, share links), one test each:
// every one of them failed before its fix.
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, readout, settled, linkOf, openLink, train } from './fixtures.js';
import { cli } from './cli.js';

/** @typedef {import('@playwright/test').Page} Page */

/** A lesson of the format, with its parts replaced by `parts`. @param {object} parts */
const lessonOf = (parts) => ({
  lesson: 1,
  title: 'Probe',
  text: 'x',
  run: { preset: 'xor' },
  question: null,
  goal: { what: 'iteration', above: 0 },
  lock: [],
  hide: [],
  ...parts,
});

/** Opens a lesson link; resolves to the alert it gave, if any. @param {Page} page @param {object} lesson */
async function openLesson(page, lesson) {
  await openLink(page, await linkOf(page, lesson, '#lesson='));
  await settled(page);
}

const lessonAlert = (/** @type {Page} */ page) => page.getByRole('alert').filter({ hasText: 'This lesson link could not be opened' });

/** The engine's worker. @param {Page} page */
const engineWorker = (page) => {
  const worker = page.workers().find((w) => w.url().includes('engine-worker'));
  if (!worker) throw new Error('no engine worker');
  return worker;
};

/** The config the engine holds. @param {Page} page */
const config = (page) =>
  page.evaluate(
    async () => (await /** @type {any} */ (window).backpropLab.settled(), /** @type {any} */ (window).backpropLab.model.config),
  );

/** The iteration of the work the browser holds for this tab (what a reload opens). @param {Page} page */
const savedIteration = (page) =>
  page.evaluate(() => {
    const tab = sessionStorage.getItem('backprop-lab:tab');
    const own = tab && localStorage.getItem('backprop-lab:owner') !== tab ? localStorage.getItem(`backprop-lab:state:${tab}`) : null;
    return JSON.parse(own ?? localStorage.getItem('backprop-lab:state') ?? '{}').saved?.iteration ?? 0;
  });

test('1. a lesson that locks "__proto__" or "toString" is refused, and the page starts', async ({ page }) => {
  for (const name of ['__proto__', 'toString', 'constructor']) {
    await openLesson(page, lessonOf({ lock: [name] }));
    await expect(lessonAlert(page)).toContainText('lesson.lock[0]: expected one of learning-rate');
    expect(await readout(page, 'Iteration')).toBe(0);
  }
  await openLesson(page, lessonOf({ hide: ['hasOwnProperty'] }));
  await expect(lessonAlert(page)).toContainText('lesson.hide[0]: expected one of data, inspector');
});

test('2. a worker that closes itself is found, said, and restarted from the last state; Step and Play go on', async ({ page }) => {
  await train(page, 5);
  await expect.poll(() => savedIteration(page)).toBe(5);
  await engineWorker(page).evaluate(() => self.close());
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  const said = page.getByRole('alert').filter({ hasText: 'The engine stopped' });
  await expect(said).toContainText('was started again: the run is back at iteration 5', { timeout: 20_000 });
  expect(await readout(page, 'Iteration')).toBe(5);
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect.poll(() => readout(page, 'Iteration')).toBe(6);
  expect(await readout(page, 'Loss')).toBe(cli(['train', '--preset', 'xor', '--iterations', '6']).loss);
  // Silent while playing: found too.
  await expect.poll(() => savedIteration(page)).toBe(6);
  await engineWorker(page).evaluate(() => self.close());
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'The engine stopped' })).toContainText('back at iteration 6', { timeout: 20_000 });
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  await page.getByRole('button', { name: 'Play' }).click();
  await expect.poll(() => readout(page, 'Iteration')).toBeGreaterThan(6);
  await page.getByRole('button', { name: 'Pause' }).click();
});

test('3. two tabs keep their own work: each reload reopens its own run', async ({ page, context }) => {
  await train(page, 12);
  await expect.poll(() => savedIteration(page)).toBe(12);
  const other = await context.newPage();
  await other.goto('/');
  // A new tab opens the work saved last, and from then on it is its own.
  await expect.poll(() => readout(other, 'Iteration')).toBe(12);
  await other.getByRole('button', { name: 'Reset' }).click();
  await other.getByRole('button', { name: 'Step', exact: true }).click();
  await other.getByRole('button', { name: 'Step', exact: true }).click();
  await expect.poll(() => readout(other, 'Iteration')).toBe(2);
  await expect.poll(() => savedIteration(other)).toBe(2);
  await page.reload();
  await expect.poll(() => readout(page, 'Iteration')).toBe(12);
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect.poll(() => savedIteration(page)).toBe(13);
  await other.reload();
  await expect.poll(() => readout(other, 'Iteration')).toBe(2);
  await page.reload();
  await expect.poll(() => readout(page, 'Iteration')).toBe(13);
  await other.close();
});

test('4. a slow table fetch does not win over a later choice', async ({ page }) => {
  let asked = 0;
  await page.route('**/wine*.csv', async (route) => {
    asked++;
    await new Promise((resolve) => setTimeout(resolve, 3000));
    await route.continue();
  });
  const dataset = page.getByLabel('Dataset');
  await dataset.selectOption('wine');
  await expect.poll(() => asked).toBe(1);
  await dataset.selectOption('and');
  await expect.poll(async () => (await config(page)).data.targets.flat()).toEqual([0, 0, 0, 1]);
  await page.waitForTimeout(3500); // the file lands meanwhile
  await settled(page);
  await expect(dataset).toHaveValue('and');
  expect((await config(page)).layers).toEqual([2, 4, 1]);
});

test('5. locks hold: Import JSON, a dropped file, the plane, the point settings and "Use η"', async ({ page }) => {
  await openLesson(page, lessonOf({ run: { preset: 'spiral' }, lock: ['dataset', 'layers', 'learning-rate'] }));
  const before = await config(page);
  const rows = before.data.inputs.length;
  // Import JSON of another run (AND, 3 iterations in), chosen or dropped on the page.
  const run = JSON.stringify(cli(['export', '--preset', 'and', '--format', 'json', '--iterations', '3', '--output', '-']));
  await page.getByLabel('Import JSON').setInputFiles({ name: 'run.json', mimeType: 'application/json', buffer: Buffer.from(run) });
  const refused = page.getByRole('alert').filter({ hasText: 'Import JSON' });
  await expect(refused).toContainText('The lesson "Probe" sets Dataset, the layers, Learning rate: end the lesson to change it.');
  await page.evaluate(() => document.querySelector('#share-messages')?.replaceChildren());
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.items.add(new File([text], 'dropped.json', { type: 'application/json' }));
    document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, run);
  await expect(refused).toContainText('The lesson "Probe" sets');
  expect(await readout(page, 'Iteration')).toBe(0);
  // A click on the plane.
  const plane = page.getByRole('img', { name: 'Decision boundary' });
  await plane.click({ position: { x: 40, y: 40 } });
  await expect(page.getByRole('alert').filter({ hasText: 'The lesson "Probe" sets Dataset' }).first()).toBeVisible();
  for (const name of ['Points', 'Noise (%)', 'Test share (%)']) await expect(page.getByLabel(name, { exact: true })).toBeDisabled();
  const after = await config(page);
  expect(after.data.inputs.length).toBe(rows);
  expect(after.layers).toEqual(before.layers);
  // The learning-rate finder's suggestion cannot be used.
  await page.getByText('Why does it (not) learn?').click();
  await page.getByRole('button', { name: 'Find a learning rate' }).click();
  const use = page.getByRole('button', { name: /^Use η = / });
  await expect(use).toBeVisible();
  await expect(use).toBeDisabled();
  expect((await config(page)).optimizer.learning_rate).toBe(before.optimizer.learning_rate);
});

test('6. a lesson question of the wrong length is refused, naming the field', async ({ page }) => {
  await openLesson(page, lessonOf({ question: [1, 2, 3, 4, 5] }));
  await expect(lessonAlert(page)).toContainText('lesson.question: expected 2 numbers (one per input of the network), got 5');
  await expect(page.getByRole('region', { name: 'Lessons' })).toBeHidden();
});

test('7. an answer goal on an output that does not exist, or without a question, is refused', async ({ page }) => {
  await openLesson(page, lessonOf({ question: [1, 0], goal: { what: 'answer', output: 99, above: 0.5 } }));
  await expect(lessonAlert(page)).toContainText('lesson.goal.output: the network has 1 output: expected 1 to 1, got 99');
  await openLesson(page, lessonOf({ goal: { what: 'answer', output: 1, above: 0.5 } }));
  await expect(lessonAlert(page)).toContainText('lesson.question: an "answer" goal judges the answer to a question');
});

test("8. after Compare, a dataset changed in B and Keep A, the Dataset list names A's data", async ({ page }) => {
  await train(page, 20);
  await page.getByRole('button', { name: 'Compare' }).click();
  await expect(page.locator('#compare-summary')).toContainText("B has A's settings");
  await page.getByLabel('Dataset').selectOption('wine');
  await expect.poll(async () => (await config(page)).layers[0]).toBe(13);
  await expect(page.getByLabel('Dataset')).toHaveValue('wine');
  await page.getByRole('button', { name: 'Keep A' }).click();
  await expect.poll(async () => (await config(page)).layers).toEqual([2, 4, 1]);
  await expect(page.getByLabel('Dataset')).toHaveValue('xor');
  expect((await config(page)).data.targets.flat()).toEqual([0, 1, 1, 0]);
  await expect(page.getByLabel('Accuracy')).not.toContainText('test');
});

test("9. a link with an iteration and no weights shows iteration 0, with the first weights' loss", async ({ page }) => {
  const {
    iteration: _i,
    weights: _w,
    optimizer_state: _o,
    ...xor
  } = /** @type {any} */ (cli(['export', '--preset', 'xor', '--format', 'json', '--output', '-']));
  const saved = { ...xor, iteration: 299_999 };
  await openLink(page, await linkOf(page, { app: 'backprop-lab', format: 1, saved, points: null }));
  expect(await readout(page, 'Iteration')).toBe(0);
  expect(await readout(page, 'Loss')).toBe(cli(['train', '--preset', 'xor', '--iterations', '0']).loss);
});

test('10. a table whose file is another table is refused, and the data stays', async ({ page }) => {
  await page.route('**/breast-cancer*.csv', (route) =>
    route.fulfill({ status: 200, contentType: 'text/csv', body: readFileSync('crate/data/wine.csv', 'utf8') }),
  );
  const before = await config(page);
  await page.getByLabel('Dataset').selectOption('breast-cancer');
  await expect(page.getByRole('alert')).toContainText('the breast-cancer table has 31 columns, this file 16');
  expect((await config(page)).data).toEqual(before.data);
  await expect(page.getByLabel('Dataset')).toHaveValue('xor');
});

test('11. a lesson preset named "constructor" or "__proto__" is refused with the list of presets', async ({ page }) => {
  for (const name of ['constructor', '__proto__', 'toString']) {
    await openLesson(page, lessonOf({ run: { preset: name } }));
    await expect(lessonAlert(page)).toContainText('lesson.run.preset: expected one of xor, and, or');
    await expect(lessonAlert(page)).toContainText('digits, breast-cancer, wine, diabetes');
  }
});

test('12. a link whose format is "1" (text) says the type is wrong', async ({ page }) => {
  await openLink(page, await linkOf(page, { app: 'backprop-lab', format: '1', saved: { version: 1 }, points: null }));
  const alert = page.getByRole('alert').filter({ hasText: 'This link could not be opened' });
  await expect(alert).toContainText('its format must be a number, such as 1; it is string "1"');
});

test('13. lessons open the presets that the command line lists: digits and the tables', async ({ page }) => {
  await openLesson(page, lessonOf({ run: { preset: 'digits' }, lock: ['dataset'] }));
  await expect(page.getByRole('region', { name: 'Lessons' }).getByRole('heading', { name: 'Probe' })).toBeVisible();
  expect((await config(page)).layers).toEqual([64, 32, 10]);
  await expect(page.getByLabel('Dataset')).toHaveValue('digits');
  await expect(page.getByLabel('Accuracy')).toContainText('test');
  await openLesson(page, lessonOf({ run: { preset: 'breast-cancer' } }));
  expect((await config(page)).layers).toEqual([30, 8, 1]);
  await expect(page.getByLabel('Dataset')).toHaveValue('breast-cancer');
});

test('14. ?embed=0 and ?embed=false are the full page; ?embed and ?embed=1 embed it', async ({ page }) => {
  for (const [query, embedded] of /** @type {const} */ ([
    ['?embed=0', false],
    ['?embed=false', false],
    ['', false],
    ['?embed', true],
    ['?embed=1', true],
  ])) {
    await page.goto(`/${query}`);
    await expect(page.getByLabel('Loss', { exact: true })).toHaveText(/\d/);
    expect(await page.evaluate(() => document.body.classList.contains('embedded')), query).toBe(embedded);
  }
});

test('15. a lesson may hold a page of text, and the writer counts it as it is typed', async ({ page }) => {
  const text = 'A paragraph of the lesson, with *emphasis*. '.repeat(340); // about 15,000 characters
  await openLesson(page, lessonOf({ text }));
  await expect(page.getByRole('region', { name: 'Lessons' }).getByRole('heading', { name: 'Probe' })).toBeVisible();
  await page.getByRole('region', { name: 'Lessons' }).getByText('Write a lesson').click();
  const field = page.getByRole('region', { name: 'Lessons' }).getByLabel('Text');
  await expect(field).toHaveAccessibleDescription('0 of 20,000 characters');
  await field.fill('x'.repeat(1234));
  await expect(field).toHaveAccessibleDescription('1,234 of 20,000 characters');
  await openLesson(page, lessonOf({ text: 'x'.repeat(20_001) }));
  await expect(lessonAlert(page)).toContainText('lesson.text: at most 20000 characters, got 20001');
});

test('16. a forged message from the worker is reported, not thrown, and the page goes on', async ({ page }) => {
  for (const forged of [null, 7, { event: 'nonsense' }, { id: 'x', ok: true }, { event: 'frame', report: null }]) {
    await engineWorker(page).evaluate((m) => postMessage(m), forged);
    await expect(page.getByRole('alert').filter({ hasText: 'does not understand' })).toBeVisible();
  }
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect.poll(() => readout(page, 'Iteration')).toBe(1);
});

test("the datasets race: the Loss read right after Load CSV is the engine's for the new data", async ({ page }) => {
  await page.getByText('Your own data').click();
  await page.getByLabel(/^CSV/).fill('height;weight;label\n1.0;10;0\n2.0;20;1\n3.0;30;1\n');
  await page.getByLabel('Normalise inputs').check();
  await page.getByRole('button', { name: 'Load CSV', exact: true }).click();
  const shown = await readout(page, 'Loss'); // no poll: the read waits for the engine's answer, not for a time
  const c = await config(page);
  expect(c.data.inputs.length).toBe(3);
  const path = join(mkdtempSync(join(tmpdir(), 'backprop-lab-race-')), 'config.json');
  writeFileSync(path, JSON.stringify(c));
  expect(shown).toBe(cli(['train', '--config', path, '--iterations', '0']).loss);
});
