import { chromium } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from '/work/main/tests/chromium.js';
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
await page.goto('http://127.0.0.1:4175/');
await page.getByLabel('Loss', { exact: true }).filter({ hasText: /\d/ }).waitFor();
await page.getByLabel('Dataset').selectOption({ label: 'Digits (1,797 handwritten 8×8)' });
await page.waitForTimeout(1000);
await page.getByLabel('Auto').check();
await page.getByRole('button', { name: 'Play' }).click();
await page.waitForTimeout(1000);
const frames = () => page.evaluate(() => new Promise((resolve) => {
  const f = []; let last = performance.now(); const start = last;
  const tick = (now) => { f.push(now - last); last = now; if (now - start < 2000) requestAnimationFrame(tick); else { f.sort((a, b) => a - b); resolve(`p50 ${f[f.length >> 1].toFixed(1)} p95 ${f[Math.floor(0.95 * f.length)].toFixed(1)} n ${f.length}`); } };
  requestAnimationFrame(tick);
}));
console.log('all', await frames());
for (const sel of ['#data-table', '[aria-label="Confusion matrix"], #confusion', '#network-canvas', '#weight-images, [aria-label="First-layer weights"]', '#loss-chart', 'main']) {
  await page.evaluate((s) => document.querySelectorAll(s).forEach((e) => (e.style.display = 'none')), sel);
  console.log('hidden', sel, await frames());
}
await browser.close();
