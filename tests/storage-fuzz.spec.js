// Random sessions against the browser's storage: steps and edits, the
// storage filled and emptied, damaged links, reloads. After every reload the
// page must show either the work it had (the same iteration and loss), or
// older work or the defaults *with* an alert saying so; and work the page
// kept aside (after a bad link) must still be there. `STORAGE_FUZZ_SEQUENCES=N`
// for more sequences (`npm run fuzz`); `npm test` runs 2.
import { test, expect, readout } from './fixtures.js';

/** @typedef {import('@playwright/test').Page} Page */

const SEQUENCES = Number(process.env.STORAGE_FUZZ_SEQUENCES ?? 2);
const STEPS = 24;

/** A small deterministic generator, so that a failing sequence can be replayed. @param {number} seed */
function generator(seed) {
  let s = seed >>> 0 || 1;
  return (/** @type {number} */ n) => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) % n;
  };
}

/** What the page shows of its work. @param {Page} page */
const shown = async (page) => ({ iteration: await readout(page, 'Iteration'), loss: await readout(page, 'Loss') });

/** @param {Page} page */
const alertText = async (page) => (await page.getByRole('alert').allTextContents()).join(' | ');

for (let sequence = 1; sequence <= SEQUENCES; sequence++) {
  test(`storage sequence ${sequence}: nothing older passes for the current work, nothing kept is lost`, async ({ page }) => {
    test.setTimeout(60_000 + STEPS * 5_000);
    const pick = generator(sequence * 7919);
    /** @type {string[]} */
    const done = [];
    const seen = { reloads: 0, same: 0, olderSaid: 0, keptBack: 0, links: 0 };
    for (let i = 0; i < STEPS; i++) {
      const action = pick(8);
      done.push(String(action));
      const context = `sequence ${sequence}, actions ${done.join(' ')}`;
      if (action <= 1) {
        await page.evaluate(
          async (n) => {
            const app = /** @type {any} */ (window).backpropLab;
            await app.model.request('run', { n });
            app.render();
          },
          1 + pick(50),
        );
      } else if (action === 2) {
        await page.getByLabel('Neurons in hidden layer 1').fill(String(1 + pick(40)));
        await page.getByLabel('Neurons in hidden layer 1').press('Enter');
      } else if (action === 3) {
        // Fill the origin's storage (another tab's or version's data).
        await page.evaluate(() => {
          for (let size = 1 << 20, i = 0; size >= 16;) {
            try {
              localStorage.setItem(`other-${Date.now()}-${i++}`, 'x'.repeat(size));
            } catch {
              size >>= 1;
            }
          }
        });
      } else if (action === 4) {
        await page.evaluate(() => {
          for (const key of Object.keys(localStorage)) if (key.startsWith('other-')) localStorage.removeItem(key);
        });
      } else if (action === 5 || action === 6) {
        // Reload (after the autosave's wait), or open a damaged link.
        await page.waitForTimeout(pick(2) === 0 ? 50 : 700);
        const before = await shown(page);
        const keptBefore = await page.evaluate(() => localStorage.getItem('backprop-lab:state'));
        const held = (await page.getByText('Autosave is off').count()) > 0;
        if (action === 5) {
          seen.reloads++;
          await page.reload();
        } else {
          await page.goto('about:blank');
          await page.goto('/#s=damaged-' + i);
        }
        await expect(page.getByLabel('Loss', { exact: true })).toHaveText(/\d/);
        await page.waitForTimeout(100);
        const after = await shown(page);
        const alerts = await alertText(page);
        if (action === 6) {
          seen.links++;
          expect(alerts, context).toContain('This link could not be opened');
        } else if (held) {
          seen.keptBack++;
          // Work kept aside comes back on reload.
          const kept = keptBefore ? (JSON.parse(keptBefore).saved.iteration ?? 0) : 0;
          expect(after.iteration, context).toBe(kept);
        } else if (after.iteration !== before.iteration || after.loss !== before.loss) {
          seen.olderSaid++;
          // Not the work the page had: it must say so.
          expect(alerts, `${context}: ${JSON.stringify({ before, after })}`).toMatch(/could not be saved|defaults/);
        } else {
          seen.same++;
        }
        if (keptBefore && held) {
          expect(await page.evaluate(() => localStorage.getItem('backprop-lab:state')), context).toBe(keptBefore);
        }
      } else {
        const open = page.getByRole('button', { name: 'Open saved work' });
        if ((await open.count()) > 0 && pick(2) === 0) await open.click();
        else await page.getByRole('button', { name: 'Step', exact: true }).click();
      }
    }
    console.log(`storage-fuzz: sequence ${sequence}: ${JSON.stringify(seen)}`);
  });
}
