// Anyone can use the lab: axe-core finds no violation in any view or state,
// one whole session works from the keyboard alone, the canvases have text
// alternatives that follow the training, and reduced motion is respected.
import AxeBuilder from '@axe-core/playwright';
import { test, expect, commit, readout, diagramText, settled } from './fixtures.js';

/** @typedef {import('@playwright/test').Page} Page */
/** @typedef {import('@playwright/test').Locator} Locator */

/** axe's violations on the page as it is, as "state: rule (n nodes): first target" lines. @param {Page} page @param {string} state */
async function violations(page, state) {
  const { violations: found } = await new AxeBuilder({ page }).analyze();
  return found.map((v) => `${state}: ${v.id} (${v.nodes.length}): ${v.help}; ${v.nodes[0]?.target.join(' ')}`);
}

test('axe finds no violation in any view or state', async ({ page }) => {
  test.setTimeout(300_000); // axe over a dozen states: minutes on a machine busy with other work
  const found = [...(await violations(page, 'first load'))];
  const check = async (/** @type {string} */ state) => found.push(...(await violations(page, state)));

  await page.getByRole('button', { name: 'Keys (?)' }).click();
  await check('keys dialog');
  await page.keyboard.press('Escape');

  // Errors in every panel at once: a field, a cell, a training setting.
  await commit(page.getByLabel('Neurons in hidden layer 1'), '0');
  await commit(page.getByLabel('x1 of row 1'), '');
  await commit(page.getByLabel('Learning rate'), '-1');
  await expect(page.getByRole('alert')).toHaveCount(3);
  await check('refused values');
  await page.getByRole('button', { name: 'Reset' }).click();
  await page.reload();

  await page.getByText('Your own data').click();
  await commit(page.getByLabel('Boolean expression'), 'a and (b or');
  await page.getByLabel(/^CSV/).fill('p,q,y\n1,2,0\n3,4,1\n5,7,1\n');
  await page.getByLabel('Normalise inputs').check();
  await page.getByRole('button', { name: 'Load CSV', exact: true }).click();
  await expect(page.locator('#csv-stats table')).toBeVisible();
  await check('own data');

  await page.getByLabel('Dataset').selectOption({ label: 'Points: moons' });
  await page.getByRole('button', { name: 'Play' }).click();
  await expect.poll(() => readout(page, 'Iteration')).toBeGreaterThan(200);
  await check('playing, decision boundary');
  await page.getByRole('button', { name: 'Pause' }).click();

  await page.getByLabel('Show gradients').check();
  await page.getByLabel('Gradient check').check();
  await page.getByText('Edit a weight, go back to an epoch').click();
  for (const phase of ['Forward pass', 'Loss', 'Backward pass', 'Gradients', 'Apply update']) {
    await page.getByRole('button', { name: phase, exact: true }).click();
    await check(`inspector: ${phase}`);
  }
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByLabel('Link to this state')).toBeVisible();
  await check('link shown');

  await page.getByLabel('Dataset').selectOption('iris');
  await check('three classes');

  await page.getByRole('button', { name: 'Start over' }).click();
  await page.getByLabel('Hidden activation').selectOption('linear');
  await page.getByLabel('Output activation').selectOption('linear');
  await commit(page.getByLabel('Learning rate'), '1e6');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'diverged' })).toBeVisible();
  await check('diverged');

  await page.emulateMedia({ colorScheme: 'dark' });
  await page.getByRole('button', { name: 'Reset' }).click();
  await check('dark colour scheme');
  await page.setViewportSize({ width: 390, height: 844 });
  await check('narrow screen');

  expect(found, found.join('\n')).toEqual([]);
});

/**
 * Presses Tab until `target` has the focus (at most `limit` times): it must
 * be reachable in the page's tab order. The focus must show.
 * @param {Page} page @param {Locator} target
 */
async function tabTo(page, target, limit = 150) {
  // As a person does: the page shows the answer to the last key before the next Tab.
  await settled(page);
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const focus = await target.evaluate((el) => (el === document.activeElement ? getComputedStyle(el).outlineStyle : null));
    if (focus !== null) {
      expect(focus, 'the focus shows').not.toBe('none');
      return;
    }
  }
  throw new Error(`Tab never reached ${target}`);
}

/** Selects all of a focused field's text and types over it, then Enter. @param {Page} page @param {string} text */
async function typeOver(page, text) {
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

test('one whole session works from the keyboard alone', async ({ page }) => {
  test.setTimeout(120_000);
  // Make sure no pointer is involved: the mouse is parked away from the page.
  await page.mouse.move(0, 0);

  // Choose a dataset, then back to XOR.
  await tabTo(page, page.getByLabel('Dataset'));
  await page.keyboard.press('ArrowDown');
  await expect(page.getByLabel('Dataset')).not.toHaveValue('xor');
  await page.keyboard.press('ArrowUp');
  await expect(page.getByLabel('Dataset')).toHaveValue('xor');

  // Edit a target, add a row.
  await tabTo(page, page.getByLabel('y1 of row 1'));
  await typeOver(page, '1');
  await expect(page.getByLabel('y1 of row 1')).toHaveValue('1');
  await tabTo(page, page.getByRole('button', { name: 'Add row' }));
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('x1 of row 5')).toBeVisible();

  // Resize the network.
  await tabTo(page, page.getByRole('button', { name: 'Add hidden layer' }));
  await page.keyboard.press('Enter');
  await tabTo(page, page.getByLabel('Neurons in hidden layer 1'));
  await typeOver(page, '3');
  await expect.poll(() => diagramText(page)).toContain('Layers 2-3-4-1');

  // Tune and train: buttons by Enter, then the shortcut keys.
  await tabTo(page, page.getByLabel('Learning rate'));
  await typeOver(page, '0.5');
  await tabTo(page, page.getByRole('button', { name: 'Step', exact: true }));
  await page.keyboard.press('Enter');
  await expect.poll(() => readout(page, 'Iteration')).toBe(1);
  await page.keyboard.press('s');
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => readout(page, 'Iteration')).toBe(3);
  await page.keyboard.press('e');
  await expect.poll(() => readout(page, 'Iteration')).toBe(4);
  await page.keyboard.press(' ');
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect.poll(() => readout(page, 'Iteration')).toBeGreaterThan(50);
  await page.keyboard.press(' ');
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Paused at iteration' })).toHaveText(
    /Paused at iteration \d+, epoch \d+: loss \d/,
  );

  // Walk through the next iteration in the inspector.
  await tabTo(page, page.getByRole('button', { name: 'Forward pass' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Forward pass' })).toHaveAttribute('aria-pressed', 'true');
  await tabTo(page, page.getByRole('button', { name: 'Next layer' }));
  await page.keyboard.press('Enter');
  await expect(page.locator('#inspector-body')).toContainText('hidden 2');

  // Edit a weight and go back to an epoch, in the tools' disclosure.
  await tabTo(page, page.getByText('Edit a weight, go back to an epoch'));
  await page.keyboard.press('Enter');
  await tabTo(page, page.getByLabel('Parameter', { exact: true }));
  await page.keyboard.press('ArrowDown');
  await tabTo(page, page.getByLabel('Value', { exact: true }));
  await typeOver(page, '0.25');
  await expect(page.getByLabel('Value', { exact: true })).not.toHaveAttribute('aria-invalid', 'true');
  await tabTo(page, page.getByLabel('Go back to epoch'));
  await typeOver(page, '2');
  await expect.poll(() => readout(page, 'Epoch')).toBe(2);

  // Share it, read the key list, start again.
  await tabTo(page, page.getByRole('button', { name: 'Copy link' }));
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Link to this state')).toHaveValue(/#s=/);
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keys' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Keys' })).toBeHidden();
  await page.keyboard.press('r');
  await expect.poll(() => readout(page, 'Iteration')).toBe(0);
});

test('the canvases have text alternatives that follow the training', async ({ page }) => {
  const described = async (/** @type {string} */ name) => {
    const canvas = page.getByRole('img', { name, exact: true });
    const id = await canvas.getAttribute('aria-describedby');
    return page.locator(`#${id}`).textContent();
  };
  const before = await described('Network diagram');
  expect(before).toMatch(
    /^Layers 2-4-1: .* Loss [\d.]+ after iteration 0\. Row 1 \(0, 0\) gives ŷ1 = [\d.]+\. Thickest line: the weight from \S+ to \S+/,
  );
  await page.getByRole('button', { name: 'Step epoch' }).click();
  await expect.poll(() => described('Network diagram')).toContain('after iteration 1.');
  expect(await described('Loss curve')).toMatch(
    /^Loss per epoch, 2 points, from epoch 0 to 1: first [\d.]+, lowest [\d.]+, latest [\d.]+\.$/,
  );

  await page.getByLabel('Dataset').selectOption({ label: 'Points: circle' });
  await expect
    .poll(() => described('Decision boundary'))
    .toMatch(
      /^Decision boundary over x1 from -?[\d.]+ to [\d.]+ and x2 from -?[\d.]+ to [\d.]+: the network predicts class 0 on \d+ %, class 1 on \d+ % of the plane\. 100 training points and 100 test points \(hollow\)\.$/,
    );
  // While playing, the alternatives keep up (about once a second).
  const playing = await described('Network diagram');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect.poll(() => described('Network diagram'), { timeout: 5000 }).not.toBe(playing);
  await expect.poll(() => described('Loss curve')).toContain('test loss');
  await page.getByRole('button', { name: 'Pause' }).click();
});

test('reduced motion: the update is shown without animation, and nothing transitions', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.getByRole('button', { name: 'Apply update' }).click();
  await expect.poll(() => readout(page, 'Iteration')).toBe(1);
  expect(await page.evaluate(() => /** @type {any} */ (window).backpropLab.network.animating)).toBeFalsy();
  const moving = await page.evaluate(
    () =>
      [...document.querySelectorAll('*')].filter((el) => {
        const s = getComputedStyle(el);
        return parseFloat(s.transitionDuration) > 0 || parseFloat(s.animationDuration) > 0;
      }).length,
  );
  expect(moving).toBe(0);

  // With motion allowed, the same update animates.
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  await page.getByRole('button', { name: 'Apply update' }).click();
  await expect.poll(() => page.evaluate(() => /** @type {any} */ (window).backpropLab.network.animating)).toBe(true);
});
