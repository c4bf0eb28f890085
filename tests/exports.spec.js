// Exports: each file the page writes (JSON, the NumPy and PyTorch scripts,
// the ONNX model) is the command line's `export` file for the same run, byte
// for byte; the scripts train on to the page's loss after 1,000 more
// iterations, and onnxruntime's outputs are the page's ŷ (from the raw x1, x2
// when the network sees input features: the files compute them). They run in the
// Python environment that scripts/python.sh makes (target/python).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, readout, train, commit } from './fixtures.js';
import { cliRun } from './cli.js';

/** @typedef {import('@playwright/test').Page} Page */

const PYTHON = 'target/python/bin/python';

/** [what, Dataset option or none for XOR, an edit of the config or none, the scripts' tolerance after 1,000 iterations]. */
const RUNS = /** @type {const} */ ([
  ['XOR with SGD', null, null],
  ['moons: tanh and Adam in mini-batches of 10', 'Points: moons', { update: { mode: 'minibatch', size: 10 } }],
  ['Iris: softmax and cross-entropy', 'Iris (150 flowers, 3 species)', null],
  ['XOR with momentum and L2', null, { optimizer: { kind: 'momentum', learning_rate: 0.5, momentum: 0.9 }, l2: 0.001 }],
  ['moons with Adam, L1 and L2', 'Points: moons', { l1: 0.003, l2: 0.001 }],
  [
    'spiral seeing all seven input features (the files take raw x1, x2)',
    'Points: spiral',
    { features: ['x1', 'x2', 'x1^2', 'x2^2', 'x1*x2', 'sin(x1)', 'sin(x2)'], layers: [7, 8, 8, 1] },
    // NumPy's and PyTorch's sin may differ from the engine's in the last bit (docs/numerics.md,
    // `features`); 1,000 Adam iterations on the spiral grow that to a few 1e-9.
    1e-7,
  ],
]);

/** The file an Export button offers, saved in `dir`. @param {Page} page @param {string} button @param {string} dir */
async function exported(page, button, dir) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  const path = join(dir, `page-${file.suggestedFilename()}`);
  await file.saveAs(path);
  return path;
}

/** The relative difference of two numbers. @param {number} a @param {number} b */
const relative = (a, b) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

for (const [what, dataset, edit, tolerance = 1e-9] of RUNS) {
  test(`${what}: every export is the command line's file, and runs on as the page does`, async ({ page }) => {
    test.setTimeout(120_000);
    if (dataset) await page.getByLabel('Dataset').selectOption({ label: dataset });
    if (edit) {
      const ok = await page.evaluate(
        (edit) => /** @type {any} */ (window).backpropLab.change((/** @type {any} */ c) => Object.assign(c, edit), document.body),
        edit,
      );
      expect(ok).toBe(true);
    }
    await train(page, 17);
    await expect.poll(() => readout(page, 'Iteration')).toBe(17);
    const dir = mkdtempSync(join(tmpdir(), 'backprop-lab-export-'));
    // The command line starts from the page's config (data included) and trains the same 17 iterations.
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify(await page.evaluate(() => /** @type {any} */ (window).backpropLab.model.config)));
    /** @type {Record<string, string>} */
    const files = {};
    for (const [button, format] of [
      ['Export JSON', 'json'],
      ['Export Python', 'numpy'],
      ['Export PyTorch', 'pytorch'],
      ['Export ONNX', 'onnx'],
    ]) {
      files[format] = await exported(page, button, dir);
      const theirs = join(dir, `cli-${format}`);
      cliRun(['export', '--format', format, '--config', config, '--iterations', '17', '--output', theirs]);
      expect(readFileSync(files[format]).equals(readFileSync(theirs)), `${format}: the page's file is the command line's`).toBe(true);
    }

    // ONNX: checked by onnx, run by onnxruntime on every training row, in doubles.
    const { inputs } = await page.evaluate(() => /** @type {any} */ (window).backpropLab.model.config.data);
    const rows = join(dir, 'rows.json');
    writeFileSync(rows, JSON.stringify(inputs));
    const onnx = JSON.parse(execFileSync(PYTHON, ['tests/onnx_check.py', files.onnx, rows], { encoding: 'utf8' }));
    expect(onnx.opset).toBe(21);
    const yHat = await page.evaluate(
      (n) => /** @type {any} */ (window).backpropLab.model.request('predict', { from: 0, to: n }),
      inputs.length,
    );
    const k = yHat.length / inputs.length;
    onnx.y_hat.forEach((/** @type {number[]} */ row, /** @type {number} */ r) =>
      row.forEach((v, j) => expect(Math.abs(v - yHat[r * k + j]), `row ${r + 1}, ŷ${j + 1}`).toBeLessThan(1e-12)),
    );

    // The scripts train 1,000 more iterations: the page's loss then, to 1e-9 (unless the run says otherwise).
    const numpy = Number(execFileSync(PYTHON, [files.numpy, '1000'], { encoding: 'utf8' }).trim());
    const torch = Number(execFileSync(PYTHON, [files.pytorch, '1000', '--device', 'cpu'], { encoding: 'utf8' }).trim());
    await train(page, 1000);
    await expect.poll(() => readout(page, 'Iteration')).toBe(1017);
    const loss = await readout(page, 'Loss');
    expect(relative(numpy, loss), `NumPy ${numpy}, page ${loss}`).toBeLessThan(tolerance);
    expect(relative(torch, loss), `PyTorch ${torch}, page ${loss}`).toBeLessThan(tolerance);
  });
}

test('a diverged run exports its JSON only: the scripts and the model say why, beside the buttons', async ({ page }) => {
  await page.getByLabel('Hidden activation').selectOption('linear');
  await page.getByLabel('Output activation').selectOption('linear');
  await commit(page.getByLabel('Learning rate'), '1e6');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'diverged' })).toBeVisible();
  for (const button of ['Export Python', 'Export PyTorch', 'Export ONNX']) {
    let downloaded = false;
    page.once('download', () => (downloaded = true));
    await page.getByRole('button', { name: button }).click();
    await expect(page.locator('#share-messages').getByRole('alert')).toContainText(`${button}: this run diverged`);
    expect(downloaded, button).toBe(false);
  }
  const dir = mkdtempSync(join(tmpdir(), 'backprop-lab-export-'));
  const saved = JSON.parse(readFileSync(await exported(page, 'Export JSON', dir), 'utf8'));
  expect(saved.weights).toBeUndefined();
});
