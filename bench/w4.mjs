// W4: Digits as the page trains it (64-32-10, tanh then softmax with
// cross-entropy, Adam in batches of 32), by the engine in wasm (Node) and by
// PyTorch (float64, one CPU thread, the tests' Python) in the same run, from
// the same first weights over the same batches (the engine's PyTorch export
// is the PyTorch side), so that both reach the same loss after 1,000
// iterations; then each one's samples a second over 5 s. Prints one JSON object.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { initSync, Lab } from '../www/pkg/backprop_lab.js';

const CHECK = 1000;
const SECONDS = 5;
const CHUNK = 500;

initSync({ module: readFileSync(new URL('../www/pkg/backprop_lab_bg.wasm', import.meta.url)) });
const dir = mkdtempSync(join(tmpdir(), 'backprop-lab-w4-'));
/** The command line's export of W4 before its first iteration, as `format`. @param {string} format */
const exported = (format) => {
  const file = join(dir, format === 'json' ? 'w4.json' : `w4_${format}.py`);
  execFileSync('target/release/backprop-lab', [
    'export',
    '--format',
    format,
    '--preset',
    'bench-w4',
    '--iterations',
    '0',
    '--output',
    file,
  ]);
  return file;
};
// The saved run at iteration 0 is the config and its first weights: the config alone draws the same.
const { iteration, weights, optimizer_state, ...config } = JSON.parse(readFileSync(exported('json'), 'utf8'));
const script = exported('pytorch');
const torch = JSON.parse(
  execFileSync('target/python/bin/python', ['bench/w4_torch.py', script, String(CHECK), String(SECONDS)], { encoding: 'utf8' }),
);

const lab = new Lab(JSON.stringify(config));
lab.run(CHECK);
const loss = lab.loss();
// Samples an iteration on average: an epoch's rows over its iterations (the last batch is shorter).
const samplesPerIteration = lab.counters()[2] / JSON.parse(lab.layout()).iterations_per_epoch;
const start = performance.now();
let iterations = 0;
while (performance.now() - start < SECONDS * 1000) iterations += lab.run(CHUNK);
const engine = (iterations * samplesPerIteration * 1000) / (performance.now() - start);

console.log(
  JSON.stringify({
    workload: 'W4',
    backprop_lab_samples_per_s: Math.round(engine),
    pytorch_samples_per_s: Math.round(torch.samples_per_s),
    ratio: Number((engine / torch.samples_per_s).toFixed(2)),
    loss_after_1000: { backprop_lab: loss, pytorch: torch.loss_after_check },
  }),
);
