// The page's speed and memory, in Debian's headless Chromium against the
// production build (dist/): W2 played at "Auto" with the diagram and the loss
// chart drawn every frame (samples trained per second, frame time p50/p95
// over 6 s), and 10 million iterations of W3 (wasm memory and JS heap after
// the first 100,000 and at the end). Prints one JSON object.
import { spawn } from 'node:child_process';
import { chromium } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from '../tests/chromium.js';

const PORT = 4175;
const URL_ = `http://127.0.0.1:${PORT}/`;

const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], {
  stdio: ['ignore', 'pipe', 'inherit'],
  detached: true,
});
// npx starts vite as a child: end the whole group.
const stopServer = () => {
  try {
    process.kill(-(server.pid ?? 0), 'SIGTERM');
  } catch {
    server.kill();
  }
};
await new Promise((resolve, reject) => {
  server.stdout.on('data', (chunk) => String(chunk).includes(String(PORT)) && resolve(undefined));
  server.on('exit', (code) => reject(new Error(`vite preview exited with ${code}`)));
});

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: [...CHROMIUM_ARGS, '--enable-precise-memory-info', '--js-flags=--expose-gc'],
});

try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(URL_);
  await page.getByLabel('Loss', { exact: true }).filter({ hasText: /\d/ }).waitFor();

  /** Loads a workload preset into the page as a learner's edit would. @param {string} name */
  const load = (name) =>
    page.evaluate(async (name) => {
      const app = /** @type {any} */ (window).backpropLab;
      const config = app.model.constructor.presetConfig(name);
      if (!(await app.change((/** @type {any} */ c) => Object.assign(c, config), document.body))) throw new Error(`${name} refused`);
    }, name);

  // W2 at Auto: samples per second and frame times.
  await load('bench-w2');
  await page.getByLabel('Auto').check();
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForTimeout(1500);
  const w2 = await page.evaluate(async () => {
    const app = /** @type {any} */ (window).backpropLab;
    /** @type {number[]} */
    const frames = [];
    const startIteration = app.model.iteration;
    const start = performance.now();
    await new Promise((resolve) => {
      let last = performance.now();
      const tick = (/** @type {number} */ now) => {
        frames.push(now - last);
        last = now;
        if (now - start < 6000) requestAnimationFrame(tick);
        else resolve(undefined);
      };
      requestAnimationFrame(tick);
    });
    const seconds = (performance.now() - start) / 1000;
    const iterations = app.model.iteration - startIteration;
    frames.shift();
    frames.sort((a, b) => a - b);
    const at = (/** @type {number} */ q) => frames[Math.min(frames.length - 1, Math.floor(q * frames.length))];
    // A frame later than 20 ms missed a 60 Hz vsync.
    const late = frames.filter((f) => f > 20).length / frames.length;
    return { samples_per_s: (iterations * 10) / seconds, frame_ms_p50: at(0.5), frame_ms_p95: at(0.95), frames: frames.length, late };
  });
  await page.getByRole('button', { name: 'Pause' }).click();

  // W3: memory over 10 million iterations of Play.
  await load('bench-w3');
  await page.getByLabel('Auto').uncheck();
  const perFrame = page.getByLabel('Iterations per frame');
  await perFrame.fill('100000');
  await perFrame.press('Enter');
  const memory = () =>
    page.evaluate(() => {
      /** @type {any} */ (window).gc?.();
      const app = /** @type {any} */ (window).backpropLab;
      return {
        iteration: app.model.iteration,
        wasm_bytes: app.model.memoryBytes,
        heap_bytes: /** @type {any} */ (performance).memory?.usedJSHeapSize ?? 0,
      };
    });
  const playUntil = async (/** @type {number} */ iterations) => {
    await page.getByRole('button', { name: 'Play' }).click();
    await page.waitForFunction((n) => /** @type {any} */ (window).backpropLab.model.iteration >= n, iterations, { timeout: 300_000, polling: 200 });
    await page.getByRole('button', { name: 'Pause' }).click();
  };
  const started = performance.now();
  await playUntil(100_000);
  const early = await memory();
  await playUntil(10_000_000);
  const late = await memory();
  const seconds = (performance.now() - started) / 1000;

  console.log(
    JSON.stringify({
      workload: 'W2',
      samples_per_s: Math.round(w2.samples_per_s),
      frame_ms_p50: Number(w2.frame_ms_p50.toFixed(2)),
      frame_ms_p95: Number(w2.frame_ms_p95.toFixed(2)),
      frames: w2.frames,
      late_frames: Number(w2.late.toFixed(3)),
      memory: {
        workload: 'W3',
        iterations: late.iteration,
        seconds: Number(seconds.toFixed(1)),
        wasm_bytes_after_100k: early.wasm_bytes,
        wasm_bytes_at_end: late.wasm_bytes,
        heap_bytes_after_100k: early.heap_bytes,
        heap_bytes_at_end: late.heap_bytes,
        wasm_growth: Number((late.wasm_bytes / early.wasm_bytes - 1).toFixed(4)),
        heap_growth: Number((late.heap_bytes / early.heap_bytes - 1).toFixed(4)),
      },
    }),
  );
} finally {
  await browser.close();
  stopServer();
}
