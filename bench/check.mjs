// "Check my code"'s speed: a record of the seed's 3-5-4-1 program with every
// number of its first 100 iterations and the loss of 60,000, checked by the
// command line (native) and by the page's checker module (wasm, in Node): once
// as it is (it agrees), once with its losses halved (a mistake to name: every
// variant replays until it fails, and the one that explains it all 60,000), and
// once with a late difference that no mistake explains (every search runs and fails).
// Prints one JSON object per case: the median of 5 checks, in milliseconds
// (and, in wasm, the CPU time the check took: a figure that a busy machine moves less).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { initSync, Lab } from '../www/pkg/backprop_lab.js';
import { initSync as initChecker, checkRecord } from '../www/pkg-checker/backprop_lab_checker.js';

initSync({ module: readFileSync(new URL('../www/pkg/backprop_lab_bg.wasm', import.meta.url)) });
initChecker({ module: readFileSync(new URL('../www/pkg-checker/backprop_lab_checker_bg.wasm', import.meta.url)) });
const presets = JSON.parse(readFileSync(new URL('../www/page/presets.json', import.meta.url), 'utf8'));

const ITERATIONS = 60_000;
const DETAIL = 100;
const RUNS = 5;

/** The record the engine's own run would write, as record.py writes it. */
function record() {
  const config = presets['three-layer-challenge'];
  const lab = new Lab(JSON.stringify(config));
  const saved = JSON.parse(new TextDecoder().decode(lab.exportAs('json')));
  const iterations = [];
  for (let t = 0; t < ITERATIONS; t++) {
    if (t < DETAIL) {
      const trace = JSON.parse(lab.trace());
      const layers = trace.layers.map((/** @type {any} */ l) => ({ z: l.z, a: l.a, delta: l.delta, weights_after: l.weights_after }));
      iterations.push({ iteration: t, loss: trace.rows_loss, layers });
    } else {
      iterations.push({ iteration: t, loss: lab.loss() }); // full batch: the rows' loss is the reported one
    }
    lab.step();
  }
  return { format: 'backprop-lab-record', version: 1, config, initial: saved.weights, iterations };
}

const agreeing = record();
const mistaken = { ...agreeing, iterations: agreeing.iterations.map((e) => ({ ...e, loss: e.loss / 2 })) };
// A difference no mistake explains, late: every single, pair and step-by-step search runs and fails.
const unknown = {
  ...agreeing,
  iterations: agreeing.iterations.map((e) => ({ ...e, loss: e.iteration >= 30_000 ? e.loss * 1.001 : e.loss })),
};
const dir = mkdtempSync(join(tmpdir(), 'backprop-lab-check-bench-'));
const median = (/** @type {number[]} */ xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const [name, value] of /** @type {const} */ ([
  ['agrees', agreeing],
  ['a mistake named', mistaken],
  ['none known', unknown],
])) {
  const text = JSON.stringify(value);
  const path = join(dir, `${name.replaceAll(' ', '-')}.json`);
  writeFileSync(path, text);
  /** @type {number[]} */
  const cpu = [];
  const wasm = median(
    Array.from({ length: RUNS }, () => {
      const [start, used] = [performance.now(), process.cpuUsage()];
      const verdict = JSON.parse(checkRecord(text));
      if (verdict.agrees !== (name === 'agrees')) throw new Error(`the check of "${name}" said ${JSON.stringify(verdict.mistakes)}`);
      const { user, system } = process.cpuUsage(used);
      cpu.push((user + system) / 1000);
      return performance.now() - start;
    }),
  );
  const native = median(
    Array.from({ length: RUNS }, () => {
      const start = performance.now();
      try {
        execFileSync('target/release/backprop-lab', ['check', path], { stdio: 'ignore' });
      } catch (e) {
        if (/** @type {{ status?: number }} */ (e).status !== 1) throw e;
      }
      return performance.now() - start;
    }),
  );
  const bytes = text.length;
  const cpuMs = Number(median(cpu).toFixed(1));
  console.log(JSON.stringify({ workload: `check (${name})`, target: 'wasm', ms: Number(wasm.toFixed(1)), cpu_ms: cpuMs, bytes }));
  console.log(JSON.stringify({ workload: `check (${name})`, target: 'native', ms: Number(native.toFixed(1)), bytes }));
}
