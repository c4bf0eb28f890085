// "Check my code": records written by real NumPy programs (tests/check/learners.py,
// in the tests' Python: scripts/python.sh) checked on the page, as the command
// line checks them (cli/tests/check.rs): the verdict, the mistake, the run
// opened in the Step inspector beside the learner's numbers, and back.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, readout } from './fixtures.js';

/** @typedef {import('@playwright/test').Page} Page */

const records = mkdtempSync(join(tmpdir(), 'backprop-lab-records-'));
execFileSync('target/python/bin/python', ['tests/check/learners.py', records]);
const record = (/** @type {string} */ name) => join(records, `${name}.json`);

/** Opens the panel and checks a record file. @param {Page} page @param {string} name */
async function checkFile(page, name) {
  await page.getByRole('heading', { name: 'Check my code' }).click();
  await page.getByLabel('Choose a record').setInputFiles(record(name));
}

test('a record with a mistake: the verdict names it, the inspector shows yours beside the lab, and Back returns', async ({ page }) => {
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  expect(await readout(page, 'Iteration')).toBe(2);
  const lossBefore = await readout(page, 'Loss');

  await checkFile(page, 'derivative-twice');
  const verdict = page.locator('#check-verdict');
  await expect(verdict).toContainText('Your program differs from backpropagation.');
  await expect(verdict).toContainText('recorded negated');
  await expect(verdict).toContainText('First difference: iteration 0 (update 1), layer 2, delta [0, 0]');
  await expect(verdict.getByRole('listitem')).toHaveText(/^derivative-twice \(layer 2\): f applied again/);
  expect(await readout(page, 'Iteration'), 'checking changes nothing').toBe(2);

  await page.getByRole('button', { name: 'Open in the inspector' }).click();
  await expect(page.getByRole('button', { name: 'Cancel' })).toBeVisible();
  await page.getByRole('button', { name: 'Replace my run' }).click();
  const yours = page.getByRole('table', { name: 'Yours beside backpropagation' });
  await expect(yours).toBeVisible();
  expect(await readout(page, 'Iteration')).toBe(0);
  await expect(page.locator('#inspector-body h3').last()).toHaveText('Yours beside backpropagation: iteration 0, layer 2');
  // The learner's delta of layer 2 differs, number by number; its z and a (the forward pass) agree.
  const delta = yours.locator('tr', { hasText: 'delta [0, 0]' });
  await expect(delta).toHaveClass('differs');
  await expect(delta.locator('td').last()).toHaveText('≠');
  await expect(yours.locator('tr', { hasText: 'z [0, 0]' })).not.toHaveClass('differs');
  await expect(page.getByRole('button', { name: 'Backward pass' })).toHaveAttribute('aria-pressed', 'true');

  await page.getByRole('button', { name: 'Back to my run' }).click();
  await expect(page.locator('#check-verdict')).toContainText('Your run is back.');
  expect(await readout(page, 'Iteration')).toBe(2);
  expect(await readout(page, 'Loss')).toBe(lossBefore);
  await expect(yours).toHaveCount(0);
});

test("a right program agrees; a pair of mistakes is named as a pair; the checking is done off the page's thread", async ({ page }) => {
  await checkFile(page, 'finished-starter');
  await expect(page.locator('#check-verdict')).toContainText('Your program agrees: 300 iterations, every recorded number.');
  // The checker's wasm runs in a worker of its own, so that a long record never holds the page.
  expect(
    page
      .workers()
      .map((w) => w.url())
      .some((url) => url.includes('checker-worker')),
  ).toBe(true);
  await page.getByLabel('Choose a record').setInputFiles(record('derivative-of-z+bias-not-updated'));
  const items = page.locator('#check-verdict').getByRole('listitem');
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toHaveText(/^derivative-of-z \(layer 3\)/);
  await expect(items.nth(1)).toHaveText(/^bias-not-updated: /);
});

test("the seed's n-layer program is explained by its four departures, in English and in Chinese", async ({ page }) => {
  await checkFile(page, 'ludo');
  const items = page.locator('#check-verdict').getByRole('listitem');
  await expect(items).toHaveCount(4);
  await expect(items.nth(0)).toHaveText(/^no-derivative \(layer 2\): .*cross-entropy/);
  await expect(items.nth(1)).toHaveText(/^bias-from-weights: each bias moves by 0.001 times/);
  await expect(items.nth(2)).toHaveText(/^accumulated-gradient: /);
  await expect(items.nth(3)).toHaveText(/^gradient-scaled: .*k = 0.3333333333333333.*divided by 3/);
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
  await expect(items.nth(1)).toContainText('0.001 倍');
  await expect(items.nth(3)).toContainText('除以了 3');
});

test('in Chinese the mistakes are worded in Chinese, with their numbers', async ({ page }) => {
  await page.goto('/?lang=zh-CN');
  await page.getByRole('heading', { name: '检查我的代码' }).click();
  await page.getByLabel('选择记录文件').setInputFiles(record('derivative-of-z+bias-not-updated'));
  const items = page.locator('#check-verdict').getByRole('listitem');
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toContainText('把 z 当成激活值来求 f');
  await expect(items.nth(0)).toContainText('出现在第 3 层（sigmoid）');
  await expect(items.nth(1)).toContainText('权重在变，偏置却一直是初始值');
  // A record that cannot be read is refused in Chinese too, naming its field.
  const text = page.getByLabel('粘贴记录');
  await text.fill('{"format": "backprop-lab-record", "version": 2}');
  await page.getByRole('button', { name: '检查', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'version：本实验室只读第 1 版，实际是 2' })).toBeVisible();
});

test('a record that cannot be read is refused where it was pasted, and nothing changes', async ({ page }) => {
  await page.getByRole('heading', { name: 'Check my code' }).click();
  const text = page.getByLabel('Paste a record');
  await text.fill('{"format": "backprop-lab-record", "version": 2}');
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'version: this lab reads version 1, got 2' })).toBeVisible();
  await expect(text).toHaveAttribute('aria-invalid', 'true');
  expect(await readout(page, 'Iteration')).toBe(0);
  // A good record then clears the refusal.
  await text.fill(readFileSync(record('ascent'), 'utf8'));
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(page.locator('#check-verdict').getByRole('listitem')).toHaveText(/^ascent: /);
  await expect(text).not.toHaveAttribute('aria-invalid', 'true');
});

test('a record dropped on the page is checked, not opened as a run', async ({ page }) => {
  const text = readFileSync(record('layer-not-learning'), 'utf8');
  await page.evaluate((content) => {
    const data = new DataTransfer();
    data.items.add(new File([content], 'record.json', { type: 'application/json' }));
    document.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, text);
  await expect(page.locator('#check-code')).toHaveAttribute('open', '');
  await expect(page.locator('#check-verdict').getByRole('listitem')).toHaveText(/^layer-not-learning \(layer 1\): /);
  expect(await readout(page, 'Iteration')).toBe(0);
});

test('the starter kit is offered as files', async ({ page }) => {
  await page.getByRole('heading', { name: 'Check my code' }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'starter.py' }).click()]);
  expect(download.suggestedFilename()).toBe('starter.py');
  const path = join(records, 'offered-starter.py');
  await download.saveAs(path);
  expect(readFileSync(path, 'utf8')).toBe(readFileSync('check/starter.py', 'utf8'));
});

test('the picture of a diagnosis for docs/check.md (docs/check.png)', async ({ page }) => {
  await checkFile(page, 'derivative-of-z');
  await expect(page.locator('#check-verdict').getByRole('listitem')).toHaveText(/^derivative-of-z \(layer 3\)/);
  await page.getByRole('button', { name: 'Open in the inspector' }).click();
  await page.getByRole('button', { name: 'Replace my run' }).click();
  const yours = page.getByRole('table', { name: 'Yours beside backpropagation' });
  await expect(yours).toBeVisible();
  const panel = page.locator('#check-code');
  await panel.scrollIntoViewIfNeeded();
  await panel.screenshot({ path: 'docs/check.png' });
  await yours.screenshot({ path: 'docs/check-yours.png' });
});
