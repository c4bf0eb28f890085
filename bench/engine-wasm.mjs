// The engine's speed on the fixed workloads, compiled to wasm (the shipped
// www/pkg build) and run in Node. Prints one JSON object per workload, like
// the native harness: the median of 5 runs of at least 2 s, after a warm-up.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { initSync, Lab } from '../www/pkg/backprop_lab.js';

initSync({ module: readFileSync(new URL('../www/pkg/backprop_lab_bg.wasm', import.meta.url)) });
const presets = JSON.parse(readFileSync(new URL('./workloads.json', import.meta.url), 'utf8'));

const RUNS = 5;
const RUN_MS = 2000;
const WARM_UP_MS = 500;
const CHUNK = 2000;

/** Iterations per second over one run of at least `ms`. @param {Lab} lab @param {number} ms */
function iterationsPerSecond(lab, ms) {
  const start = performance.now();
  let iterations = 0;
  while (performance.now() - start < ms) {
    iterations += lab.run(CHUNK);
  }
  return (iterations * 1000) / (performance.now() - start);
}

const filter = process.argv.slice(2);
for (const name of ['bench-w1', 'bench-w2', 'bench-w3']) {
  if (filter.length > 0 && !filter.some((f) => name.includes(f))) continue;
  const lab = new Lab(JSON.stringify(presets[name]));
  // Rows per iteration (an update's rows, the engine's layout says).
  const rows = JSON.parse(lab.layout()).update_rows;
  iterationsPerSecond(lab, WARM_UP_MS);
  const runs = Array.from({ length: RUNS }, () => iterationsPerSecond(lab, RUN_MS)).sort((a, b) => a - b);
  const iterations = runs[Math.floor(RUNS / 2)];
  const workload = name.replace('bench-', '').toUpperCase();
  console.log(
    JSON.stringify({ workload, target: 'wasm', samples_per_s: Math.round(iterations * rows), iterations_per_s: Math.round(iterations) }),
  );
}
