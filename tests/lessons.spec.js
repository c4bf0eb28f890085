// The built-in lessons: each sets up its run, and its goal is reached by
// following its text, and not without the change it asks for.
import { test, expect, commit, readout, settled, linkOf, openLink, train } from './fixtures.js';

/** @typedef {import('@playwright/test').Page} Page */

/** Opens the lessons at lesson `n` (1-based). @param {Page} page @param {number} n */
async function openLesson(page, n) {
  await page.getByRole('button', { name: 'Lessons' }).click();
  const lessons = page.getByRole('region', { name: 'Lessons' });
  await expect(lessons).toBeVisible();
  await lessons.getByLabel('Lesson', { exact: true }).selectOption({ index: n });
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

const reached = (/** @type {import('@playwright/test').Locator} */ lessons) =>
  lessons.getByRole('status').filter({ hasText: 'Goal reached' });

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
  await expect(lessons.getByRole('button', { name: 'Next lesson' })).toBeVisible();
});

test('lesson 8: write it yourself, with the starter kit and the checker, on the 3-layer network', async ({ page }) => {
  const lessons = await openLesson(page, 8);
  await expect(lessons.getByRole('heading', { name: 'Write it yourself' })).toBeVisible();
  await expect(lessons).toContainText('Check my code');
  await expect(page.getByLabel('Neurons in hidden layer 2')).toHaveValue('4');
  await page.getByRole('heading', { name: 'Check my code' }).click();
  await expect(page.getByRole('link', { name: 'starter.py' })).toBeVisible();
  // The last lesson has no next one.
  await expect(lessons.getByRole('button', { name: 'Next lesson' })).toBeHidden();
});

test('Next lesson opens the next one', async ({ page }) => {
  const lessons = await openLesson(page, 7);
  await lessons.getByLabel('Lesson', { exact: true }).selectOption({ index: 1 });
  await settled(page);
  await trainTo(page, 10_000);
  await lessons.getByRole('button', { name: 'Next lesson' }).click();
  await expect(lessons.getByRole('heading', { name: 'What one neuron cannot learn' })).toBeVisible();
  await expect.poll(() => page.locator('#network-description').textContent()).toContain('Layers 2-1:');
});

test('a written lesson survives its link: text as text, goal, locks and hidden panels', async ({ page, context }) => {
  await commit(page.getByLabel('Learning rate'), '0.5');
  await page.getByRole('button', { name: 'Lessons' }).click();
  const lessons = page.getByRole('region', { name: 'Lessons' });
  await lessons.getByText('Write a lesson').click();
  await lessons.getByLabel('Title').fill('Slow XOR');
  await lessons.getByLabel('Text').fill('Use *Train to* and watch `loss`.\n\n<b>not bold</b> <img src=x onerror=alert(1)>');
  await lessons.getByLabel('Goal', { exact: true }).selectOption('loss');
  await lessons.getByLabel('Goal is').selectOption('below');
  await lessons.getByLabel('Goal value').fill('0.05');
  await lessons.getByLabel('Within iterations').fill('2000');
  await lessons.getByLabel('Lock Learning rate').check();
  await lessons.getByLabel('Hide Step inspector').check();
  await lessons.getByRole('button', { name: 'Copy lesson link' }).click();
  const link = await lessons.getByLabel('Lesson link').inputValue();
  expect(link).toContain('#lesson=');

  const other = await context.newPage();
  await other.goto(link);
  const opened = other.getByRole('region', { name: 'Lessons' });
  await expect(opened.getByRole('heading', { name: 'Slow XOR' })).toBeVisible();
  await expect(opened.getByText('<b>not bold</b> <img src=x onerror=alert(1)>')).toBeVisible();
  await expect(opened.locator('em')).toHaveText('Train to');
  await expect(opened.locator('code')).toHaveText('loss');
  expect(await opened.locator('b, img').count()).toBe(0);
  await expect(opened).toContainText('Goal: the loss below 0.05, within 2,000 iterations.');
  const rate = other.getByLabel('Learning rate', { exact: true });
  await expect(rate).toHaveValue('0.5');
  await expect(rate).toBeDisabled();
  await expect(opened).toContainText('This lesson sets Learning rate');
  await expect(other.getByRole('region', { name: 'Step inspector' })).toBeHidden();
  await trainTo(other, 2000);
  await expect(reached(opened)).toBeVisible();
  await other.close();
});

test('a lesson link never saves over the work kept in this browser without asking', async ({ page }) => {
  await train(page, 7);
  await expect.poll(() => readout(page, 'Iteration')).toBe(7);
  await page.waitForTimeout(600);
  const lesson = {
    lesson: 1,
    title: 'Any',
    text: 'x',
    run: { preset: 'xor' },
    question: null,
    goal: { what: 'iteration', above: 0 },
    lock: [],
    hide: [],
  };
  await openLink(page, await linkOf(page, lesson, '#lesson='));
  await expect(page.getByRole('region', { name: 'Lessons' }).getByRole('heading', { name: 'Any' })).toBeVisible();
  await expect(page.getByText('Autosave is off: this browser keeps your saved work (iteration 7)')).toBeVisible();
});

test('a bad lesson is refused with its JSON path; a damaged link says so; both open the defaults', async ({ page }) => {
  const lesson = { lesson: 1, title: 'Bad', text: 'x', run: { preset: 'xor' }, question: [1, 'two'], goal: { what: 'loss', below: 0.1 } };
  await openLink(page, await linkOf(page, lesson, '#lesson='));
  await expect(page.getByRole('alert').filter({ hasText: 'This lesson link could not be opened' })).toContainText(
    'lesson.question[1]: expected a number',
  );
  await expect(page.getByRole('region', { name: 'Lessons' })).toBeHidden();
  await openLink(page, await linkOf(page, { ...lesson, question: null, goal: { what: 'speed', below: 1 } }, '#lesson='));
  await expect(page.getByRole('alert').filter({ hasText: 'This lesson link could not be opened' })).toContainText('lesson.goal.what');
  await page.goto('about:blank');
  await page.goto('/#lesson=AAAA-not-deflate');
  await expect(page.getByRole('alert').filter({ hasText: 'This lesson link could not be opened' })).toContainText('damaged');
  expect(await readout(page, 'Iteration')).toBe(0);
});

test('the README picture of a lesson (docs/lesson.png)', async ({ page }) => {
  const lessons = await openLesson(page, 1);
  await trainTo(page, 10_000);
  await expect(reached(lessons)).toBeVisible();
  await page.setViewportSize({ width: 1280, height: 1100 });
  await page.waitForTimeout(300);
  const box = await lessons.boundingBox();
  const network = await page.getByRole('region', { name: 'Network', exact: true }).boundingBox();
  if (!box || !network) throw new Error('no lessons');
  await page.screenshot({ path: 'docs/lesson.png', clip: { x: 0, y: box.y, width: 1280, height: network.y + network.height - box.y } });
});

test('End the lesson and Start over unlock every control and bring back every panel', async ({ page }) => {
  const lessons = await openLesson(page, 1);
  await expect(page.getByRole('button', { name: 'Add hidden layer' })).toBeDisabled();
  await lessons.getByRole('button', { name: 'End the lesson' }).click();
  await expect(page.getByRole('button', { name: 'Add hidden layer' })).toBeEnabled();
  await expect(lessons.getByRole('heading', { name: 'One neuron' })).toHaveCount(0);
  // A lesson that hides the inspector and locks the dataset, left by Start over.
  const lesson = {
    lesson: 1,
    title: 'Hidden',
    text: 'x',
    run: { preset: 'xor' },
    question: null,
    goal: { what: 'iteration', above: 0 },
    lock: ['dataset'],
    hide: ['inspector'],
  };
  await openLink(page, await linkOf(page, lesson, '#lesson='));
  await expect(page.getByRole('region', { name: 'Step inspector' })).toBeHidden();
  await expect(page.getByLabel('Dataset')).toBeDisabled();
  await page.getByRole('button', { name: 'Start over' }).click();
  await expect(page.getByRole('region', { name: 'Step inspector' })).toBeVisible();
  await expect(page.getByLabel('Dataset')).toBeEnabled();
});

test('an oversized lesson link says so and opens the defaults', async ({ page }) => {
  await page.goto('about:blank');
  await page.goto(`/#lesson=${'A'.repeat(2_000_001)}`);
  await expect(page.getByRole('alert').filter({ hasText: 'This lesson link could not be opened' })).toContainText('the link is too long');
  await expect(page.getByRole('region', { name: 'Lessons' })).toBeHidden();
});

test("a lesson link's question is asked even when its network has the inputs of the page's first one", async ({ page }) => {
  // The link opens before the first frame has made the question's fields: the question waits for them.
  const lesson = {
    lesson: 1,
    title: 'XOR, asked',
    text: 'Ask it 1, 1.',
    run: { preset: 'xor' },
    question: [1, 1],
    goal: { what: 'loss', below: 0.1 },
    lock: [],
    hide: [],
  };
  await openLink(page, await linkOf(page, lesson, '#lesson='));
  await expect(page.getByLabel('Question x1')).toHaveValue('1');
  await expect(page.getByLabel('Question x2')).toHaveValue('1');
  await expect(page.getByLabel('Answer ŷ1')).not.toBeEmpty();
});
