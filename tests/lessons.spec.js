// The built-in lessons: each sets up its run, and its goal is reached by
// following its text, and not without the change it asks for.
import { test, expect, commit, readout, settled } from './fixtures.js';

/** @typedef {import('@playwright/test').Page} Page */

/** Opens the lessons at lesson `n` (1-based). @param {Page} page @param {number} n */
async function openLesson(page, n) {
  await page.getByRole('button', { name: 'Lessons' }).click();
  const lessons = page.getByRole('region', { name: 'Lessons' });
  await expect(lessons).toBeVisible();
  await lessons.getByLabel('Lesson', { exact: true }).selectOption({ index: n - 1 });
  await settled(page);
  return lessons;
}

/** Trains to iteration n and waits until it is there. @param {Page} page @param {number} n */
async function trainTo(page, n) {
  await commit(page.getByLabel('Train to iteration'), String(n));
  await page.getByRole('button', { name: 'Train to', exact: true }).click();
  await expect.poll(() => readout(page, 'Iteration'), { timeout: 60_000 }).toBe(n);
  await settled(page);
}

const reached = (/** @type {import('@playwright/test').Locator} */ lessons) => lessons.getByRole('status').filter({ hasText: 'Goal reached' });

test('lesson 1, one neuron: trained, it answers [1, 0, 0] close to 1; untrained it does not', async ({ page }) => {
  const lessons = await openLesson(page, 1);
  await expect(lessons.getByRole('heading', { name: 'One neuron' })).toBeVisible();
  await expect(page.getByLabel('Question x1')).toHaveValue('1');
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await settled(page);
  await expect(reached(lessons)).toHaveCount(0);
  await trainTo(page, 10_000);
  await expect(reached(lessons)).toBeVisible();
  await expect(lessons.getByRole('button', { name: 'Next lesson' })).toBeVisible();
  // The lesson locked the layers: a locked control cannot be changed.
  await expect(page.getByRole('button', { name: 'Add hidden layer' })).toBeDisabled();
});

test('lesson 2: one neuron cannot learn XOR; with a hidden layer it does', async ({ page }) => {
  const lessons = await openLesson(page, 2);
  await trainTo(page, 5_000);
  await expect(reached(lessons)).toHaveCount(0);
  await expect(lessons.getByRole('status')).toContainText('Not reached within 5,000 iterations');
  await page.getByRole('button', { name: 'Add hidden layer' }).click();
  await expect.poll(() => readout(page, 'Iteration')).toBe(0);
  await trainTo(page, 5_000);
  await expect(reached(lessons)).toBeVisible();
});

test('lesson 3, the 3-layer challenge: trained to 10,000 it reaches its goal', async ({ page }) => {
  const lessons = await openLesson(page, 3);
  await expect(reached(lessons)).toHaveCount(0);
  await trainTo(page, 10_000);
  await expect(reached(lessons)).toBeVisible();
});

test('lesson 4: many layers stop by themselves at the stop loss', async ({ page }) => {
  const lessons = await openLesson(page, 4);
  await trainTo(page, 1000);
  await expect(reached(lessons)).toHaveCount(0);
  await commit(page.getByLabel('Train to iteration'), '1000000');
  await page.getByRole('button', { name: 'Train to', exact: true }).click();
  await expect(reached(lessons)).toBeVisible({ timeout: 60_000 });
});

test('lesson 5: three neurons cannot follow the spiral; two layers of 8 can', async ({ page }) => {
  const lessons = await openLesson(page, 5);
  await trainTo(page, 5_000);
  await expect(reached(lessons)).toHaveCount(0);
  await commit(page.getByLabel('Neurons in hidden layer 1'), '8');
  await page.getByRole('button', { name: 'Add hidden layer' }).click();
  await commit(page.getByLabel('Neurons in hidden layer 2'), '8');
  await expect.poll(() => page.locator('#network-description').textContent()).toContain('Layers 2-8-8-1');
  await trainTo(page, 5_000);
  await expect(reached(lessons)).toBeVisible();
});

test('lesson 6: at a learning rate of 0.01 the loss hardly moves; at 1 it falls below the goal', async ({ page }) => {
  const lessons = await openLesson(page, 6);
  await trainTo(page, 3_000);
  await expect(reached(lessons)).toHaveCount(0);
  await commit(page.getByLabel('Learning rate'), '1');
  await page.getByRole('button', { name: 'Reset' }).click();
  await trainTo(page, 3_000);
  await expect(reached(lessons)).toBeVisible();
});

test('lesson 7: one iteration by hand through the Step inspector', async ({ page }) => {
  const lessons = await openLesson(page, 7);
  await expect(reached(lessons)).toHaveCount(0);
  const inspector = page.getByRole('region', { name: 'Step inspector' });
  await inspector.getByRole('button', { name: 'Forward pass' }).click();
  await inspector.getByRole('button', { name: 'Backward pass' }).click();
  await inspector.getByRole('button', { name: 'Apply update' }).click();
  await expect(reached(lessons)).toBeVisible();
  // The last lesson has no next one.
  await expect(lessons.getByRole('button', { name: 'Next lesson' })).toBeHidden();
});

test('Next lesson opens the next one', async ({ page }) => {
  const lessons = await openLesson(page, 7);
  await lessons.getByLabel('Lesson', { exact: true }).selectOption({ index: 0 });
  await settled(page);
  await trainTo(page, 10_000);
  await lessons.getByRole('button', { name: 'Next lesson' }).click();
  await expect(lessons.getByRole('heading', { name: 'What one neuron cannot learn' })).toBeVisible();
  await expect.poll(() => page.locator('#network-description').textContent()).toContain('Layers 2-1:');
});
