import { chromium } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from '/work/main/tests/chromium.js';
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
await page.goto('http://127.0.0.1:4175/');
await page.getByLabel('Loss', { exact: true }).filter({ hasText: /\d/ }).waitFor();
if (process.argv[2]) { await page.getByLabel('Dataset').selectOption({ label: process.argv[2] }); await page.waitForTimeout(1500); }
const cdp = await page.context().newCDPSession(page);
await cdp.send('DOM.enable');
await cdp.send('LayerTree.enable');
const layers = await new Promise((resolve) => { cdp.on('LayerTree.layerTreeDidChange', (e) => e.layers && resolve(e.layers)); page.evaluate(() => document.body.offsetHeight); setTimeout(() => resolve([]), 3000); });
console.log('layers', layers.length, 'nodes', await page.evaluate(() => document.querySelectorAll('*').length));
const reasons = new Map();
for (const l of layers.slice(0, 400)) {
  if (!l.backendNodeId) continue;
  try {
    const { compositingReasons } = await cdp.send('LayerTree.compositingReasons', { layerId: l.layerId });
    const { node } = await cdp.send('DOM.describeNode', { backendNodeId: l.backendNodeId });
    const k = `${node.localName}#${node.attributes?.[node.attributes.indexOf('id') + 1] ?? ''} ${compositingReasons.join(',')}`;
    reasons.set(k, (reasons.get(k) ?? 0) + 1);
  } catch {}
}
console.log([...reasons].sort((a, b) => b[1] - a[1]).slice(0, 20).map(([k, v]) => `${v} ${k}`).join('\n'));
await browser.close();
