// `npm run bench`: the engine natively and in wasm (Node), the page in
// headless Chromium, and the sizes of what ships. Prints a table with each
// budget (README, "Speed") and writes bench/results.json.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** @param {string} command @param {string[]} args */
const jsonLines = (command, args) =>
  execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line));

/**
 * Bytes of the files under a folder that `keep` keeps, as they are, or each
 * gzipped at level 9 (what a page transfers).
 * @param {string} dir @param {boolean} gzipped @param {(name: string) => boolean} keep @returns {number}
 */
const bytesUnder = (dir, gzipped, keep) =>
  readdirSync(dir, { withFileTypes: true }).reduce((sum, e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sum + bytesUnder(path, gzipped, keep);
    if (!keep(e.name)) return sum;
    return sum + (gzipped ? gzipSync(readFileSync(path), { level: 9 }).length : statSync(path).size);
  }, 0);
/**
 * What the page fetches only when it is used: the digits' and the real tables' files (www/page/tables.js), the scripts'
 * templates (controls/share.js) and the code of what only some datasets or actions need: "Why does it
 * (not) learn?", Compare, the confusion matrices, the drawing pad, the lessons, the Step inspector, "Check my code"
 * with its own wasm module (main.js and ask.js load them).
 */
const LAZY_CHUNKS = [
  'diagnosis-',
  'compare-',
  'digit-pad-',
  'confusion-',
  'lessons-',
  'lesson-',
  'own-data-',
  'check-',
  'backprop_lab_checker',
  'inspector-',
  'record-',
  'gifenc-',
];
const fetchedWhenChosen = (/** @type {string} */ name) =>
  name.endsWith('.csv') || name.endsWith('.txt') || name.endsWith('.py') || LAZY_CHUNKS.some((chunk) => name.startsWith(chunk));
const openingThePage = (/** @type {string} */ name) => !fetchedWhenChosen(name);

console.error('== engine, native (cargo bench)');
const native = jsonLines('cargo', ['bench', '-q', '-p', 'backprop-lab', '--bench', 'engine']);
console.error('== engine, wasm in Node');
const wasm = jsonLines('node', ['bench/engine-wasm.mjs']);
console.error('== W4: Digits in wasm beside PyTorch');
const [w4] = jsonLines('node', ['bench/w4.mjs']);
console.error('== Check my code: a 60,000-iteration record, natively and in wasm');
const check = jsonLines('node', ['bench/check.mjs']);
console.error('== page, headless Chromium');
const [page] = jsonLines('node', ['bench/page.mjs']);
const shipped = readdirSync('dist/assets').find((f) => f.startsWith('backprop_lab_bg') && f.endsWith('.wasm'));
const wasmFile = join('dist/assets', shipped ?? '');
const size = {
  wasm_bytes: statSync(wasmFile).size,
  wasm_gzip_bytes: gzipSync(readFileSync(wasmFile), { level: 9 }).length,
  dist_bytes: bytesUnder('dist', false, openingThePage),
  dist_gzip_bytes: bytesUnder('dist', true, openingThePage),
  tables_gzip_bytes: bytesUnder('dist', true, fetchedWhenChosen),
};

const results = { date: new Date().toISOString(), engine: [...native, ...wasm], w4, check, page, size };
writeFileSync('bench/results.json', `${JSON.stringify(results, null, 2)}\n`);

const find = (/** @type {string} */ w, /** @type {string} */ t) => results.engine.find((e) => e.workload === w && e.target === t);
const fmt = (/** @type {number} */ n) => Math.round(n).toLocaleString('en-US');
const pct = (/** @type {number} */ x) => `${x >= 0 ? '+' : '−'}${Math.abs(100 * x).toFixed(1)} %`;
/** @type {[string, string, string, boolean][]} */
const rows = [];
for (const [w, unit, budget] of /** @type {const} */ ([
  ['W1', 'samples/s', 3_500_000],
  ['W2', 'samples/s', 750_000],
  ['W3', 'iterations/s', 1_000_000],
])) {
  const n = find(w, 'native');
  const m = find(w, 'wasm');
  if (!n || !m) continue;
  const key = unit === 'samples/s' ? 'samples_per_s' : 'iterations_per_s';
  rows.push([`${w} native`, `${fmt(n[key])} ${unit}`, '', true]);
  rows.push([`${w} wasm`, `${fmt(m[key])} ${unit}`, `≥ ${fmt(budget)}`, m[key] >= budget]);
  const ratio = n.iterations_per_s / m.iterations_per_s;
  rows.push([`${w} wasm/native time`, `${ratio.toFixed(2)}×`, '≤ 1.5×', ratio <= 1.5]);
}
rows.push([
  'W4 Digits (64-32-10, Adam, batches of 32): wasm / PyTorch (float64, 1 thread)',
  `${fmt(w4.backprop_lab_samples_per_s)} / ${fmt(w4.pytorch_samples_per_s)} samples/s = ${w4.ratio}×`,
  '≥ 3×',
  w4.ratio >= 3,
]);
const w4Loss = w4.loss_after_1000;
rows.push([
  'W4 the same run: loss after 1,000 iterations (wasm, PyTorch)',
  `${w4Loss.backprop_lab}, ${w4Loss.pytorch}`,
  'relative ≤ 1e-9',
  Math.abs(w4Loss.backprop_lab - w4Loss.pytorch) <= 1e-9 * Math.abs(w4Loss.pytorch),
]);
const engineW2 = find('W2', 'wasm')?.samples_per_s ?? Infinity;
rows.push(['page W2 at Auto (boundary, maps)', `${fmt(page.samples_per_s)} samples/s`, '≥ 600,000', page.samples_per_s >= 600_000]);
rows.push([
  'page W2 / engine W2 wasm',
  `${((100 * page.samples_per_s) / engineW2).toFixed(0)} %`,
  '≥ 70 %',
  page.samples_per_s >= 0.7 * engineW2,
]);
// Chromium's clock ticks in 0.1 ms, so a 60 Hz frame (16.67 ms) reads 16.6 to 16.8.
rows.push(['page frame p50 / p95', `${page.frame_ms_p50} / ${page.frame_ms_p95} ms`, 'p95 ≤ 16.7 ms ± 0.1', page.frame_ms_p95 <= 16.8]);
rows.push(['page frames late (> 20 ms)', `${(100 * page.late_frames).toFixed(1)} %`, '≤ 2 %', page.late_frames <= 0.02]);
rows.push([
  'page long tasks in 10 s of Play',
  `${page.long_tasks} (longest ${page.longest_task_ms.toFixed(0)} ms)`,
  'none > 50 ms',
  page.long_tasks === 0,
]);
rows.push(['Step, click to readout p50 / p95', `${page.step_ms_p50} / ${page.step_ms_p95} ms`, 'p95 ≤ 50 ms', page.step_ms_p95 <= 50]);
rows.push([
  'click wait, largest network playing (p50 / max)',
  `${page.click_wait_ms_p50} / ${page.click_wait_ms_max} ms`,
  'max < 100 ms',
  page.click_wait_ms_max < 100,
]);
const digits = page.digits;
rows.push(['Digits at Auto: time to 95 % test accuracy', `${digits.seconds_to_95} s`, '≤ 20 s', digits.seconds_to_95 <= 20]);
rows.push([
  'Digits at Auto: frame p95, late frames',
  `${digits.frame_ms_p95} ms, ${(100 * digits.late_frames).toFixed(1)} %`,
  'p95 ≤ 16.8 ms',
  digits.frame_ms_p95 <= 16.8,
]);
const rec = page.recording;
rows.push([
  'Record: 10 s of XOR at Auto, frame p50 / p95',
  `${rec.frame_ms_p50} / ${rec.frame_ms_p95} ms`,
  'p95 ≤ 16.8 ms',
  rec.frame_ms_p95 <= 16.8,
]);
rows.push([
  'Record: 10 s of XOR at Auto, GIF (WebM)',
  `${fmt(rec.gif_bytes)} (${fmt(rec.webm_bytes)}) bytes`,
  'GIF ≤ 2 MB',
  rec.gif_bytes <= 2_000_000,
]);
const mem = page.memory;
rows.push([
  `page memory, W3 ${fmt(mem.iterations)} it.`,
  `wasm ${pct(mem.wasm_growth)}, page JS heap ${pct(mem.heap_growth)}, worker JS heap ${pct(mem.worker_heap_growth)}`,
  '≤ +10 % each',
  mem.wasm_growth <= 0.1 && mem.heap_growth <= 0.1 && mem.worker_heap_growth <= 0.1,
]);
for (const c of check) rows.push([`${c.workload}, ${c.target}`, `${fmt(c.ms)} ms`, '≤ 1,000 ms', c.ms <= 1000]);
rows.push(['shipped .wasm (raw / gzip -9)', `${fmt(size.wasm_bytes)} / ${fmt(size.wasm_gzip_bytes)} bytes`, '', true]);
rows.push([
  'first load in Chromium (gzip -9 of every file fetched before the first frame)',
  `${fmt(page.first_load.gzip_bytes)} bytes, ${page.first_load.files.length} files`,
  '≤ 250 KB',
  page.first_load.gzip_bytes <= 250_000,
]);
rows.push([
  "the page's transfer (gzip -9 of dist/ but what is fetched when used)",
  `${fmt(size.dist_gzip_bytes)} bytes (raw ${fmt(size.dist_bytes)})`,
  '≤ 300 KB',
  size.dist_gzip_bytes <= 300_000,
]);
rows.push(['tables, script templates and code fetched when used (gzip -9)', `${fmt(size.tables_gzip_bytes)} bytes`, '', true]);
for (const p of results.engine.filter((e) => e.products))
  rows.push([`product pairs, ${p.products} (${p.target})`, `${fmt(p.pairs_per_s)}/s`, '', true]);

const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => String(r[i]).length), ['what', 'figure', 'budget'][i].length));
const line = (/** @type {string[]} */ cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
console.log(line(['what', 'figure', 'budget']).concat(' ok |'));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|----|`);
for (const [what, figure, budget, ok] of rows) console.log(`${line([what, figure, budget])} ${budget ? (ok ? 'yes' : 'NO ') : '   '}|`);
console.log('\nwritten: bench/results.json');
