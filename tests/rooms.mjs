// The front-end's house (docs/architecture.md): www/common/ is what both
// threads use and imports nothing of theirs; www/worker/ (the engine's
// thread) never imports the page's modules, nor www/page/ the worker's; no
// module imports itself back through others; and docs/architecture.md names
// every module, the engine's and the front-end's. Read from the sources.
// Prints "rooms: N passed, M failed" and exits non-zero on a failure.
import { readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { sourcesUnder } from './sources.mjs';

const WWW = new URL('../www/', import.meta.url).pathname;
/** The rooms and the rooms each may import from (besides itself). */
const MAY_USE = { common: ['pkg'], worker: ['common', 'pkg', 'pkg-checker'], page: ['common', 'pkg'] };

/** The room of a file under www/ (its first folder). @param {string} file */
const roomOf = (file) => relative(WWW, file).split('/')[0];

/** Every module a file imports (static and dynamic; types and `new URL` starts of a worker aside). @param {string} file */
function importsOf(file) {
  const code = readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '');
  const found = [...code.matchAll(/(?:from\s+|import\(\s*)['"](\.[^'"?]+)/g)].map((m) => m[1]);
  return found.map((spec) => normalize(join(dirname(file), spec)));
}

const files = sourcesUnder(WWW, /\.js$/);
const problems = [];
const graph = new Map(files.map((f) => [f, importsOf(f).filter((t) => t.endsWith('.js'))]));
for (const [file, targets] of graph) {
  const room = roomOf(file);
  const allowed = [room, ...(MAY_USE[/** @type {keyof typeof MAY_USE} */ (room)] ?? [])];
  if (!(room in MAY_USE)) problems.push(`${relative(WWW, file)} is in no room (common/, worker/, page/)`);
  for (const target of targets) {
    if (!allowed.includes(roomOf(target))) problems.push(`${relative(WWW, file)} imports ${relative(WWW, target)} (another thread's room)`);
  }
}
const roomsOk = problems.length === 0;

// A cycle: a path of imports from a module back to itself.
const cycles = [];
const state = new Map();
/** @param {string} file @param {string[]} path */
function visit(file, path) {
  if (state.get(file) === 'done') return;
  if (state.get(file) === 'open') {
    cycles.push([...path.slice(path.indexOf(file)), file].map((f) => relative(WWW, f)).join(' → '));
    return;
  }
  state.set(file, 'open');
  for (const next of graph.get(file) ?? []) if (graph.has(next)) visit(next, [...path, file]);
  state.set(file, 'done');
}
for (const file of graph.keys()) visit(file, []);

// The house's map (docs/architecture.md) names every module of the front-end and of the engine, in
// backticks: a module it does not name is one a newcomer cannot find.
const map = readFileSync(new URL('../docs/architecture.md', import.meta.url), 'utf8');
const named = new Set([...map.matchAll(/`([^`\s]+)`/g)].map((m) => m[1].split('/').filter(Boolean).at(-1)));
const CRATE = new URL('../crate/src/', import.meta.url).pathname;
/** A Rust module's name as the map gives it: `name`, `name.rs`, or its room's `folder/`. @param {string} file */
const rustNames = (file) => {
  const base = file.split('/').at(-1)?.replace(/\.rs$/, '') ?? '';
  return base === 'mod' ? [dirname(file).split('/').at(-1) ?? ''] : [base, `${base}.rs`];
};
const unnamed = [
  ...files.filter((f) => !named.has(f.split('/').at(-1) ?? '')).map((f) => relative(WWW, f)),
  ...sourcesUnder(CRATE, /\.rs$/)
    .filter((f) => !f.endsWith('/lib.rs') && !rustNames(f).some((n) => named.has(n)))
    .map((f) => relative(CRATE, f)),
];
for (const u of unnamed) console.log(`rooms: docs/architecture.md does not name ${u}`);

for (const p of problems) console.log(`rooms: ${p}`);
for (const c of cycles) console.log(`rooms: import cycle ${c}`);
const failed = Number(!roomsOk) + Number(cycles.length > 0) + Number(unnamed.length > 0);
console.log(`rooms: ${files.length} modules, ${[...graph.values()].flat().length} imports`);
console.log(`rooms: ${3 - failed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
