// Fuzzes the link decoder: damaged, truncated, hand-made and oversized links
// go through the page's own decoder (www/page/share.js) and, when they decode,
// into the engine (the wasm Lab, as the page loads them). Each must open or be
// refused with a message: no other exception, no panic in the engine, no
// hang, and a refused run leaves the engine as it was.
//
//   node tests/fuzz-link.mjs [cases] [first-case]
//
// Cases are numbered and each draws from its own seed, so a failure is
// replayed by running from its number.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import init, { Lab } from '../www/pkg/backprop_lab.js';
import { unpacked, packed, FORMAT, MAX_STATE_BYTES } from '../www/page/share.js';

/** The run as the page saves it (Export JSON's text). @param {Lab} lab */
const saved = (lab) => new TextDecoder().decode(lab.exportAs('json'));

const cases = Number(process.argv[2] ?? 2000);
const first = Number(process.argv[3] ?? 0);

await init({ module_or_path: readFileSync(fileURLToPath(new URL('../www/pkg/backprop_lab_bg.wasm', import.meta.url))) });
const presets = JSON.parse(readFileSync(fileURLToPath(new URL('../www/page/presets.json', import.meta.url)), 'utf8'));

/** A small fast generator (mulberry32): every case is reproducible from its number. @param {number} seed */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Valid states to start from: a few presets, trained a little.
const POINTS = { generator: 'moons', points: 200, noise: 0, testShare: 0.5 };
const states = [];
for (const [name, iterations] of [
  ['xor', 50],
  ['iris', 5],
  ['moons', 20],
  ['full-adder', 0],
]) {
  // A point set's preset comes without its points: the page draws them (www/page/presets.js), and so does this.
  const config = presets[name].data
    ? presets[name]
    : { ...presets[name], data: JSON.parse(Lab.points(name, POINTS.points, POINTS.noise, POINTS.testShare, presets[name].seed)).train };
  const lab = new Lab(JSON.stringify(config));
  for (let i = 0; i < iterations; i++) lab.step();
  states.push({ app: 'backprop-lab', format: FORMAT, saved: JSON.parse(saved(lab)), points: name === 'moons' ? POINTS : null });
  lab.free();
}
const links = await Promise.all(states.map((s) => packed(s)));

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** Messages the decoder may refuse with. */
const REFUSALS =
  /^(the link is damaged|the link is too long|the link unpacks to more than|the state is damaged|this is not a Backprop Lab state|it comes from another version)/;

/** A random JSON value (small). @param {() => number} r @returns {unknown} */
function anyValue(r, depth = 0) {
  const k = Math.floor(r() * (depth > 2 ? 7 : 9));
  return (
    [null, true, -1, 0, 1e308, -1e-320, r() * 1e6 - 5e5, '', 'x'.repeat(Math.floor(r() * 40))][k] ??
    (k === 7 ? [anyValue(r, depth + 1), anyValue(r, depth + 1)] : { a: anyValue(r, depth + 1) })
  );
}

/** Replaces or deletes one value somewhere in a copy of `value`. @param {any} value @param {() => number} r */
function mutateJson(value, r) {
  const copy = structuredClone(value);
  let node = copy;
  for (let depth = 0; depth < 6; depth++) {
    const keys = Object.keys(node);
    if (keys.length === 0) break;
    const key = keys[Math.floor(r() * keys.length)];
    const child = node[key];
    if (child === null || typeof child !== 'object' || r() < 0.3) {
      if (r() < 0.2 && !Array.isArray(node)) delete node[key];
      else node[key] = anyValue(r);
      return copy;
    }
    node = child;
  }
  return anyValue(r);
}

/** The fragment of case `n`, and what kind of damage it has. @param {number} n */
async function fragmentOf(n) {
  const r = random(n * 2654435761);
  const base = Math.floor(r() * links.length);
  const link = links[base];
  switch (n % 7) {
    case 0:
      return { kind: 'valid', fragment: link };
    case 1: {
      const chars = [...link];
      for (let i = 0, k = 1 + Math.floor(r() * 4); i < k; i++) chars[Math.floor(r() * chars.length)] = ALPHABET[Math.floor(r() * 64)];
      return { kind: 'flipped', fragment: chars.join('') };
    }
    case 2:
      return { kind: 'truncated', fragment: link.slice(0, Math.floor(r() * link.length)) };
    case 3:
    case 4:
      return { kind: 'edited JSON', fragment: await packed(/** @type {any} */ (mutateJson(states[base], r))) };
    case 5: {
      const text = Array.from({ length: Math.floor(r() * 200) }, () => String.fromCharCode(Math.floor(r() * 0x3000))).join('');
      return { kind: 'random text', fragment: await packed(/** @type {any} */ (text)) };
    }
    default:
      return {
        kind: 'random characters',
        fragment: Array.from({ length: Math.floor(r() * 300) }, () => ALPHABET[Math.floor(r() * 64)] + (r() < 0.05 ? '%=+/ ' : '')).join(
          '',
        ),
      };
  }
}

const lab = new Lab(JSON.stringify(presets.xor));
const counts = { opened: 0, refused: 0, refusedByEngine: 0 };
/** @type {string[]} */
const crashes = [];

/** The engine takes the decoded state as the page does, or refuses it and stays as it was. @param {any} state */
function load(state) {
  const before = saved(lab);
  try {
    lab.loadSaved(JSON.stringify(state.saved));
  } catch (e) {
    if (!(e instanceof Error) || !e.message || e instanceof WebAssembly.RuntimeError) throw new Error(`engine: ${e}`);
    if (saved(lab) !== before) throw new Error('a refused run changed the engine');
    counts.refusedByEngine++;
    return;
  }
  if (state.points) {
    try {
      Lab.points(state.points.generator, state.points.points, state.points.noise, state.points.testShare, 1);
    } catch (e) {
      if (!(e instanceof Error) || e instanceof WebAssembly.RuntimeError) throw new Error(`points: ${e}`);
    }
  }
  // What the page shows next: the loss is a number or training says it diverged.
  try {
    lab.step();
  } catch (e) {
    if (!(e instanceof Error) || e instanceof WebAssembly.RuntimeError) throw new Error(`step: ${e}`);
  }
  if (typeof lab.loss() !== 'number') throw new Error('loss is not a number');
  counts.opened++;
}

// A link that unpacks to more than the limit (a "zip bomb" of spaces) is refused, quickly.
const bomb = await packed(/** @type {any} */ (' '.repeat(MAX_STATE_BYTES + 1)));
const bombStarted = performance.now();
await unpacked(bomb).then(
  () => crashes.push('bomb: a link unpacking past the limit was read'),
  (e) => !/unpacks to more than/.test(e.message) && crashes.push(`bomb: ${e.message}`),
);
const bombMs = performance.now() - bombStarted;

const started = performance.now();
let slowest = 0;
for (let n = first; n < first + cases; n++) {
  const { kind, fragment } = await fragmentOf(n);
  const t = performance.now();
  try {
    let state;
    try {
      state = await unpacked(fragment);
    } catch (e) {
      if (!(e instanceof Error) || !REFUSALS.test(e.message)) throw new Error(`decoder: ${e}`);
      counts.refused++;
      continue;
    }
    load(state);
  } catch (e) {
    crashes.push(`case ${n} (${kind}): ${/** @type {Error} */ (e).message}`);
    if (crashes.length > 20) break;
  } finally {
    slowest = Math.max(slowest, performance.now() - t);
  }
}
const seconds = (performance.now() - started) / 1000;
console.log(
  `fuzz-link: ${cases} cases in ${seconds.toFixed(1)} s: ${counts.opened} opened, ${counts.refused} refused by the decoder, ` +
    `${counts.refusedByEngine} by the engine, ${crashes.length} crashes; slowest case ${slowest.toFixed(1)} ms; ` +
    `a ${(bomb.length / 1e3).toFixed(0)} kB link unpacking past ${MAX_STATE_BYTES / 1e6} MB refused in ${bombMs.toFixed(0)} ms`,
);
for (const c of crashes) console.log(c);
process.exit(crashes.length > 0 ? 1 : 0);
