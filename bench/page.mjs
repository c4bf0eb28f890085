// The page's speed and memory, in Debian's headless Chromium against the
// production build (dist/): W2 played at "Auto" with the diagram, its neuron
// maps, the decision boundary and the loss chart drawn (samples trained per
// second, frame time p50/p95 over 6 s, the page's long tasks over 10 s),
// Step's click-to-readout time over 100 clicks, how long a click waits while
// the largest network plays, Digits' time to 95 % test accuracy and its frame
// times, and 10 million iterations of
// W3 (the worker's wasm memory and the page's JS heap after the first
// 100,000 and at the end), and Record: 10 s of XOR at Auto recorded (frame
// times meanwhile, the video's and the GIF's bytes). Prints one JSON object.
import { spawn } from 'node:child_process';
import { chromium } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from '../tests/chromium.js';
import { engineWorkerSession, workerHeap } from '../tests/devtools.js';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

/** The fixed workloads (written with the presets by scripts/build-wasm.sh). */
const WORKLOADS = JSON.parse(readFileSync(new URL('./workloads.json', import.meta.url), 'utf8'));

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
  args: CHROMIUM_ARGS,
});

/**
 * A fresh visit's first load: every file the page and its worker fetch until
 * the first frame has drawn the Loss, each gzipped at level 9 from dist/.
 */
async function firstLoad() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const visit = await context.newPage();
  /** Each request of the page's origin (its timing says when it started). @type {import('@playwright/test').Request[]} */
  const requests = [];
  context.on('requestfinished', (r) => {
    if (new URL(r.url()).origin === new URL(URL_).origin) requests.push(r);
  });
  await visit.goto(URL_);
  await visit.getByLabel('Loss', { exact: true }).filter({ hasText: /\d/ }).waitFor();
  await visit.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  // What the first frame needed: the files asked for before the page drew it (uPlot's comes after).
  const first = await visit.evaluate(() => /** @type {any} */ (window).backpropLab.firstFrameAt);
  const path = (/** @type {string} */ url) => (new URL(url).pathname === '/' ? '/index.html' : new URL(url).pathname);
  const files = [...new Set(requests.filter((r) => r.timing().startTime <= first).map((r) => path(r.url())))].sort();
  const bytes = files.reduce((sum, f) => sum + gzipSync(readFileSync(new URL(`../dist${f}`, import.meta.url)), { level: 9 }).length, 0);
  await context.close();
  return { files, gzip_bytes: bytes };
}

/**
 * Record: XOR played at Auto for 10 s while recording (frame times p50/p95
 * meanwhile), then the video's and the GIF's sizes.
 */
async function recording() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const visit = await context.newPage();
  await visit.goto(URL_);
  await visit.getByLabel('Loss', { exact: true }).filter({ hasText: /\d/ }).waitFor();
  await visit.getByRole('button', { name: 'Record', exact: true }).click();
  await visit.getByRole('button', { name: 'Stop recording' }).waitFor();
  await visit.getByLabel('Auto').check();
  await visit.getByRole('button', { name: 'Play' }).click();
  const frames = await visit.evaluate(async () => {
    /** @type {number[]} */
    const times = [];
    const start = performance.now();
    await new Promise((resolve) => {
      let last = start;
      const tick = (/** @type {number} */ now) => {
        times.push(now - last);
        last = now;
        if (now - start < 10_000) requestAnimationFrame(tick);
        else resolve(undefined);
      };
      requestAnimationFrame(tick);
    });
    times.shift();
    return times.sort((a, b) => a - b);
  });
  await visit.getByRole('button', { name: 'Pause' }).click();
  await visit.getByRole('button', { name: 'Stop recording' }).click();
  const size = async (/** @type {string} */ name) => {
    const [file] = await Promise.all([visit.waitForEvent('download'), visit.getByRole('button', { name }).click()]);
    return readFileSync(/** @type {string} */ (await file.path())).length;
  };
  const result = {
    seconds: 10,
    frame_ms_p50: Number(frames[Math.floor(0.5 * frames.length)].toFixed(2)),
    frame_ms_p95: Number(frames[Math.floor(0.95 * frames.length)].toFixed(2)),
    webm_bytes: await size('Save video (WebM)'),
    gif_bytes: await size('Save GIF'),
  };
  await context.close();
  return result;
}

try {
  const first = await firstLoad();
  const recorded = await recording();
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(URL_);
  await page.getByLabel('Loss', { exact: true }).filter({ hasText: /\d/ }).waitFor();

  /** Loads a workload preset (bench/workloads.json) into the page as a learner's edit would. @param {string} name */
  const load = (name) =>
    page.evaluate(async (config) => {
      const app = /** @type {any} */ (window).backpropLab;
      if (!(await app.change((/** @type {any} */ c) => Object.assign(c, config), document.body))) throw new Error('workload refused');
    }, WORKLOADS[name]);

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
  // The page's thread while playing: its tasks longer than 50 ms over 10 s (Long Tasks API).
  const longTasks = await page.evaluate(
    () =>
      new Promise((resolve) => {
        /** @type {number[]} */
        const tasks = [];
        const observer = new PerformanceObserver((list) => tasks.push(...list.getEntries().map((e) => e.duration)));
        observer.observe({ type: 'longtask' });
        setTimeout(() => {
          observer.disconnect();
          resolve(tasks);
        }, 10_000);
      }),
  );
  await page.getByRole('button', { name: 'Pause' }).click();

  // Step: from the click to the readouts (Iteration and Loss, written together) showing the next iteration, 100 times.
  const steps = await page.evaluate(async () => {
    const app = /** @type {any} */ (window).backpropLab;
    await app.idle(); // the pause has landed: the engine stands still
    const button = /** @type {HTMLButtonElement} */ (document.getElementById('step'));
    const iteration = /** @type {HTMLOutputElement} */ (document.getElementById('iteration'));
    /** @type {number[]} */
    const times = [];
    for (let i = 0; i < 100; i++) {
      const want = String(app.model.iteration + 1);
      const started = performance.now();
      button.click();
      await new Promise((resolve) => {
        const observer = new MutationObserver(() => {
          if (iteration.textContent !== want) return;
          observer.disconnect();
          resolve(undefined);
        });
        observer.observe(iteration, { childList: true, characterData: true, subtree: true });
      });
      times.push(performance.now() - started);
      // The frame that showed it is painted before the next click.
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
    }
    times.sort((a, b) => a - b);
    return { p50: times[49], p95: times[94], max: times[99] };
  });

  // Clicks while the worker plays the largest network the page allows on moons (boundary and maps drawn):
  // how long each of 20 clicks waited for the page's thread, from the input event to its handler.
  // As the tests' largest network: 100 moons, all of them training rows (the page's limit on row·parameters).
  await page.getByLabel('Dataset').selectOption({ label: 'Points: moons' });
  for (const [label, value] of [
    ['Test share (%)', '0'],
    ['Points', '100'],
  ]) {
    await page.getByLabel(label, { exact: true }).fill(value);
    await page.getByLabel(label, { exact: true }).press('Enter');
  }
  await page.getByLabel('Update mode').selectOption('batch');
  await page.evaluate(async () => {
    const app = /** @type {any} */ (window).backpropLab;
    const { weight_layers, neurons } = app.limits;
    const hidden = Array(weight_layers - 1).fill(neurons);
    const ok = await app.change((/** @type {any} */ c) => {
      c.layers = [2, ...hidden, 1];
      c.activations = [...hidden.map(() => 'tanh'), 'sigmoid'];
    }, document.body);
    if (!ok) throw new Error('the largest network was refused');
  });
  await page.getByLabel('Auto').check();
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForTimeout(1000);
  await page.evaluate(() => {
    const w = /** @type {any} */ (window);
    w.__waits = [];
    document.getElementById('log-scale')?.addEventListener('click', (e) => w.__waits.push(performance.now() - e.timeStamp));
  });
  for (let i = 0; i < 20; i++) {
    await page.getByLabel('Log scale').click();
    await page.waitForTimeout(150);
  }
  const clickWaits = await page.evaluate(() => /** @type {number[]} */ (/** @type {any} */ (window).__waits));
  await page.getByRole('button', { name: 'Pause' }).click();

  // Digits played at Auto from its preset: seconds until the test accuracy reads 95 %, and frame times.
  await page.getByLabel('Dataset').selectOption({ label: 'Digits (1,797 handwritten 8×8)' });
  await page.waitForFunction(() => /** @type {any} */ (window).backpropLab.model.config?.layers?.[0] === 64);
  await page.evaluate(() => /** @type {any} */ (window).backpropLab.idle());
  // The readout shows the untrained network's test accuracy (about 10 %), not the last dataset's.
  await page.waitForFunction(() => Number(/test ([\d.]+) %/.exec(document.getElementById('accuracy')?.textContent ?? '')?.[1] ?? 100) < 50);
  await page.getByLabel('Auto').check();
  const digits = await page.evaluate(async () => {
    const accuracy = /** @type {HTMLElement} */ (document.getElementById('accuracy'));
    const testAccuracy = () => Number(/test ([\d.]+) %/.exec(accuracy.textContent ?? '')?.[1] ?? 0);
    /** @type {number[]} */
    const frames = [];
    let reached = NaN;
    const start = performance.now();
    /** @type {HTMLButtonElement} */ (document.getElementById('play')).click();
    await new Promise((resolve) => {
      let last = performance.now();
      const tick = (/** @type {number} */ now) => {
        frames.push(now - last);
        last = now;
        if (Number.isNaN(reached) && testAccuracy() >= 95) reached = (now - start) / 1000;
        if (now - start < 60_000 && (Number.isNaN(reached) || now - start < 10_000)) requestAnimationFrame(tick);
        else resolve(undefined);
      };
      requestAnimationFrame(tick);
    });
    frames.shift();
    frames.sort((a, b) => a - b);
    return {
      seconds_to_95: reached,
      frame_ms_p95: frames[Math.floor(0.95 * frames.length)],
      late: frames.filter((f) => f > 20).length / frames.length,
    };
  });
  await page.getByRole('button', { name: 'Pause' }).click();

  // W3: memory over 10 million iterations of Play.
  await load('bench-w3');
  await page.getByLabel('Auto').uncheck();
  const perFrame = page.getByLabel('Iterations per frame');
  await perFrame.fill('100000');
  await perFrame.press('Enter');
  // The JS heaps after a full collection, through the DevTools protocol: the
  // page's thread, and the worker's (reached through the browser's session).
  const pageCdp = await page.context().newCDPSession(page);
  const worker = await engineWorkerSession(browser);
  const memory = async () => {
    // The pause's last frame drawn and its messages taken in, then a full collection.
    await page.evaluate(() => /** @type {any} */ (window).backpropLab.idle());
    await page.waitForTimeout(500);
    await pageCdp.send('HeapProfiler.collectGarbage');
    const app = await page.evaluate(() => {
      const app = /** @type {any} */ (window).backpropLab;
      return { iteration: app.model.iteration, wasm_bytes: app.model.memoryBytes };
    });
    return {
      ...app,
      heap_bytes: (await pageCdp.send('Runtime.getHeapUsage')).usedSize,
      worker_heap_bytes: await workerHeap(worker),
    };
  };
  const playUntil = async (/** @type {number} */ iterations) => {
    await page.getByRole('button', { name: 'Play' }).click();
    await page.waitForFunction((n) => /** @type {any} */ (window).backpropLab.model.iteration >= n, iterations, {
      timeout: 300_000,
      polling: 200,
    });
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
      first_load: first,
      recording: recorded,
      workload: 'W2',
      samples_per_s: Math.round(w2.samples_per_s),
      frame_ms_p50: Number(w2.frame_ms_p50.toFixed(2)),
      frame_ms_p95: Number(w2.frame_ms_p95.toFixed(2)),
      frames: w2.frames,
      late_frames: Number(w2.late.toFixed(3)),
      long_tasks: /** @type {number[]} */ (longTasks).length,
      longest_task_ms: Math.max(0, .../** @type {number[]} */ (longTasks)),
      step_ms_p50: Number(steps.p50.toFixed(1)),
      step_ms_p95: Number(steps.p95.toFixed(1)),
      click_wait_ms_max: Number(Math.max(...clickWaits).toFixed(1)),
      click_wait_ms_p50: Number(clickWaits.sort((a, b) => a - b)[Math.floor(clickWaits.length / 2)].toFixed(1)),
      digits: {
        seconds_to_95: Number(digits.seconds_to_95.toFixed(1)),
        frame_ms_p95: Number(digits.frame_ms_p95.toFixed(2)),
        late_frames: Number(digits.late.toFixed(3)),
      },
      memory: {
        workload: 'W3',
        iterations: late.iteration,
        seconds: Number(seconds.toFixed(1)),
        wasm_bytes_after_100k: early.wasm_bytes,
        wasm_bytes_at_end: late.wasm_bytes,
        heap_bytes_after_100k: early.heap_bytes,
        heap_bytes_at_end: late.heap_bytes,
        worker_heap_bytes_after_100k: early.worker_heap_bytes,
        worker_heap_bytes_at_end: late.worker_heap_bytes,
        wasm_growth: Number((late.wasm_bytes / early.wasm_bytes - 1).toFixed(4)),
        heap_growth: Number((late.heap_bytes / early.heap_bytes - 1).toFixed(4)),
        worker_heap_growth: Number((late.worker_heap_bytes / early.worker_heap_bytes - 1).toFixed(4)),
      },
    }),
  );
} finally {
  await browser.close();
  stopServer();
}
