// Record: the page as the learner sees it, recorded while it trains, saved
// as a WebM video and as an animated GIF; a browser that cannot record says
// so where the button is, and nothing changes.
import { readFileSync } from 'node:fs';
import { test, expect, readout } from './fixtures.js';

/** @typedef {import('@playwright/test').Page} Page */

/** The bytes of the file a button offers. @param {Page} page @param {string} name */
async function saved(page, name) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name, exact: true }).click()]);
  return { name: file.suggestedFilename(), bytes: readFileSync(/** @type {string} */ (await file.path())) };
}

test('Record while XOR plays at Auto: a WebM video and a GIF of the network, plane and loss curve', async ({ page }) => {
  test.setTimeout(120_000);
  const record = page.getByRole('button', { name: 'Record', exact: true });
  await expect(record).toHaveAttribute('aria-pressed', 'false');
  await record.click();
  const stop = page.getByRole('button', { name: 'Stop recording' });
  await expect(stop).toHaveAttribute('aria-pressed', 'true');
  await page.getByLabel('Auto').check();
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForTimeout(3000);
  await page.getByRole('button', { name: 'Pause' }).click();
  await stop.click();
  await expect(page.locator('#record-status')).toContainText(/Recorded \d+\.\d s/);
  expect(await readout(page, 'Iteration')).toBeGreaterThan(0);

  const video = await saved(page, 'Save video (WebM)');
  expect(video.name).toBe('backprop-lab.webm');
  expect([...video.bytes.subarray(0, 4)]).toEqual([0x1a, 0x45, 0xdf, 0xa3]); // EBML: a WebM file
  expect(video.bytes.length).toBeGreaterThan(10_000);

  const gif = await saved(page, 'Save GIF');
  expect(gif.name).toBe('backprop-lab.gif');
  expect(gif.bytes.subarray(0, 6).toString('latin1')).toBe('GIF89a');
  expect(gif.bytes.readUInt16LE(6)).toBe(480); // the logical screen: 480 × 270
  expect(gif.bytes.readUInt16LE(8)).toBe(270);
  // Frames, each after its graphic control block: 8 a second while the page draws (fewer on a busy machine).
  const frames = gif.bytes.toString('latin1').split('\x21\xf9\x04').length - 1;
  expect(frames).toBeGreaterThan(1);
  await expect(page.locator('#record-status')).toContainText(`GIF made: ${frames} frames`);
});

test('a browser that cannot record says so beside Record, and nothing changes', async ({ page }) => {
  await page.addInitScript(() => {
    // @ts-ignore: a browser without MediaRecorder
    delete window.MediaRecorder;
  });
  await page.reload();
  const record = page.getByRole('button', { name: 'Record', exact: true });
  await record.click();
  await expect(page.getByRole('alert')).toContainText(
    'Recording did not start: this browser cannot record a canvas (no MediaRecorder). Nothing changed.',
  );
  await expect(record).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByRole('button', { name: 'Save GIF' })).toBeHidden();
});
