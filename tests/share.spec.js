// Save and share: links, the autosave, JSON export and import (and the
// command line going on from an exported file) and PNG; the other exports are
// exports.spec.js's.
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, readout, train, linkOf, openLink } from './fixtures.js';
import { cli } from './cli.js';

/** @typedef {import('@playwright/test').Page} Page */

/** @param {Page} page */
const predictions = (page) => page.evaluate(() => /** @type {any} */ (window).backpropLab.model.request('predict', { from: 0, to: 1000 }));

test('a copied link opens the same network at the same point: same Loss, same ŷ', async ({ page, context }) => {
  await page.getByLabel('Dataset').selectOption({ label: 'Points: moons' });
  await train(page, 300);
  await expect.poll(() => readout(page, 'Iteration')).toBe(300);
  await page.getByRole('button', { name: 'Copy link' }).click();
  const link = await page.getByLabel('Link to this state').inputValue();
  expect(link).toContain('#s=');
  const loss = await readout(page, 'Loss');
  const yHat = await predictions(page);

  const other = await context.newPage();
  await other.goto(link);
  await expect.poll(() => readout(other, 'Iteration')).toBe(300);
  expect(await readout(other, 'Loss')).toBe(loss);
  expect(await predictions(other)).toEqual(yHat);
  await expect(other.getByLabel('Dataset')).toHaveValue('moons');
  await expect(other.getByLabel('Accuracy')).toContainText('test');
  expect(other.url()).not.toContain('#s=');
  // The run was replayed, so its loss curve (and the test loss's) came back too.
  const curve = await other.evaluate(() => {
    const model = /** @type {any} */ (window).backpropLab.model;
    return [model.history().epochs.length, model.testHistory().epochs.length];
  });
  expect(curve[0]).toBeGreaterThan(20);
  expect(curve[1]).toBe(curve[0]);
  await other.close();
});

test('a link after a weight was set by hand carries that weight', async ({ page, context }) => {
  await train(page, 50);
  await page.evaluate(() => /** @type {any} */ (window).backpropLab.setParam(3, 1.75));
  await train(page, 10);
  await expect.poll(() => readout(page, 'Iteration')).toBe(60);
  const loss = await readout(page, 'Loss');
  expect(loss).not.toBe(cli(['train', '--preset', 'xor', '--iterations', '60']).loss);
  await page.getByRole('button', { name: 'Copy link' }).click();
  const other = await context.newPage();
  await other.goto(await page.getByLabel('Link to this state').inputValue());
  await expect.poll(() => readout(other, 'Iteration')).toBe(60);
  expect(await readout(other, 'Loss')).toBe(loss);
  await other.close();
});

test('a damaged link and a link from an unknown version each say so and open the defaults', async ({ page }) => {
  const first = await readout(page, 'Loss');
  await openLink(page, '/#s=not-a-real-state');
  await expect(page.getByRole('alert')).toContainText('damaged');
  expect(await readout(page, 'Loss')).toBe(first);
  await openLink(page, await linkOf(page, { app: 'backprop-lab', format: 99, saved: {}, points: null }));
  await expect(page.getByRole('alert')).toContainText('another version');
  expect(await readout(page, 'Loss')).toBe(first);
  await openLink(page, await linkOf(page, { app: 'backprop-lab', format: 1, saved: { version: 1, layers: [2, 0, 1] }, points: null }));
  await expect(page.getByRole('alert')).toContainText('layers[1]');
  expect(await readout(page, 'Iteration')).toBe(0);
});

test('a reload brings the work back; Start over returns to the first network', async ({ page }) => {
  const first = await readout(page, 'Loss');
  await page.getByLabel('Update mode').selectOption({ label: 'One row at a time' });
  await train(page, 123);
  await expect.poll(() => readout(page, 'Iteration')).toBe(123);
  const loss = await readout(page, 'Loss');
  await page.waitForTimeout(600);
  await page.reload();
  await expect.poll(() => readout(page, 'Iteration'), { timeout: 15_000 }).toBe(123);
  expect(await readout(page, 'Loss')).toBe(loss);
  await expect(page.getByLabel('Update mode')).toHaveValue('online');
  await page.getByRole('button', { name: 'Start over' }).click();
  await expect.poll(() => readout(page, 'Loss')).toBe(first);
  expect(await readout(page, 'Iteration')).toBe(0);
  await page.waitForTimeout(600);
  await page.reload();
  await expect.poll(() => readout(page, 'Loss')).toBe(first);
  expect(await readout(page, 'Iteration')).toBe(0);
});

test('Export JSON then Import JSON gives identical numbers; the command line goes on from the file', async ({ page }) => {
  await page.getByLabel('Optimizer').selectOption('adam');
  await train(page, 40);
  await expect.poll(() => readout(page, 'Iteration')).toBe(40);
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
  const dir = mkdtempSync(join(tmpdir(), 'backprop-lab-'));
  const path = join(dir, 'run.json');
  await file.saveAs(path);
  const saved = JSON.parse(readFileSync(path, 'utf8'));
  expect(saved.iteration).toBe(40);
  expect(saved.weights).toHaveLength(2);
  const loss = await readout(page, 'Loss');
  const yHat = await predictions(page);

  // The command line: 25 more from the file equal the page's 25 more.
  const more = cli(['train', '--config', path, '--iterations', '25']);
  await page.getByRole('button', { name: 'Start over' }).click();
  await expect.poll(() => readout(page, 'Iteration')).toBe(0);
  await page.getByLabel('Import JSON').setInputFiles(path);
  await expect.poll(() => readout(page, 'Iteration')).toBe(40);
  expect(await readout(page, 'Loss')).toBe(loss);
  expect(await predictions(page)).toEqual(yHat);
  await expect(page.getByLabel('Optimizer')).toHaveValue('adam');
  await train(page, 25);
  await expect.poll(() => readout(page, 'Iteration')).toBe(65);
  expect(await readout(page, 'Loss')).toBe(more.loss);

  // A bad file is refused with the path of what is wrong, and nothing changes.
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, JSON.stringify({ ...saved, layers: [2, 4, 0] }));
  await page.getByLabel('Import JSON').setInputFiles(bad);
  await expect(page.getByRole('alert')).toContainText('layers[2]');
  expect(await readout(page, 'Iteration')).toBe(65);
  writeFileSync(bad, '{"version": 1,');
  await page.getByLabel('Import JSON').setInputFiles(bad);
  await expect(page.getByRole('alert')).toContainText('not valid JSON');
  expect(await readout(page, 'Iteration')).toBe(65);
});

test('Export PNG gives the diagram and the loss curve at twice the size', async ({ page }) => {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export PNG' }).click()]);
  expect(file.suggestedFilename()).toBe('backprop-lab.png');
  const path = join(mkdtempSync(join(tmpdir(), 'backprop-lab-')), 'a.png');
  await file.saveAs(path);
  const png = readFileSync(path);
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  const width = png.readUInt32BE(16);
  const diagram = await page.getByRole('img', { name: 'Network diagram' }).boundingBox();
  expect(width).toBeGreaterThan(2 * (diagram?.width ?? 0));
});
