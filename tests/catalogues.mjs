// The page's two catalogues (www/page/i18n.js). English is index.html's
// static text (its data-i18n keys), i18n/en/*.json (the page's part and each
// panel's) and the built-in lessons (www/page/lessons.js); Chinese is
// i18n/zh-CN.json. Both have the same keys, each text the same {placeholders}
// and inline tags; a key the scripts name is in both; where index.html and a
// part both hold a key, they say the same; every code the engine's errors
// carry is in both; no Chinese text is left empty or in English.
// Prints "catalogues: N passed, M failed" and exits non-zero on a failure.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../', import.meta.url).pathname;
const read = (/** @type {string} */ path) => readFileSync(join(root, path), 'utf8');
/** The scripts' English: i18n/en/page.json and each panel's part. @type {Record<string, string>} */
const scripts = Object.assign(
  {},
  ...readdirSync(join(root, 'www/page/i18n/en')).map((name) => JSON.parse(read(`www/page/i18n/en/${name}`))),
);
/** @type {Record<string, string>} */
const zh = JSON.parse(read('www/page/i18n/zh-CN.json'));

/** index.html's keys and their English (text with its inline tags; attributes as written). */
function htmlCatalogue() {
  const html = read('index.html');
  /** @type {Record<string, string>} */
  const found = {};
  const unescape = (/** @type {string} */ s) =>
    s.replaceAll('&amp;', '&').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"');
  for (const m of html.matchAll(/<(\w+)([^>]*?)\sdata-i18n="([^"]+)"([^>]*)>([\s\S]*?)<\/\1>/g)) {
    found[m[3]] = unescape(m[5].replace(/\s+/g, ' ').trim());
  }
  for (const m of html.matchAll(/<\w+[^>]*>/g)) {
    for (const [data, attribute] of [
      ['data-i18n-label', 'aria-label'],
      ['data-i18n-title', 'title'],
      ['data-i18n-placeholder', 'placeholder'],
    ]) {
      const key = new RegExp(`\\s${data}="([^"]+)"`).exec(m[0]);
      const value = new RegExp(`\\s${attribute}="([^"]*)"`).exec(m[0]);
      if (key) found[key[1]] = value ? unescape(value[1]) : '';
    }
  }
  return found;
}

/** The keys the scripts name: a quoted string that is a key of either catalogue. */
function keysNamed() {
  const keys = new Set([...Object.keys(zh), ...Object.keys(scripts)]);
  const files = (/** @type {string} */ dir) =>
    readdirSync(join(root, dir)).flatMap((name) => {
      const path = join(dir, name);
      if (statSync(join(root, path)).isDirectory()) return name.startsWith('pkg') ? [] : files(path);
      return path.endsWith('.js') ? [path] : [];
    });
  const named = new Set();
  for (const file of files('www')) {
    for (const m of read(file).matchAll(/['"`]([a-z0-9-]+\.[a-z0-9.-]+)['"`]/g)) if (keys.has(m[1])) named.add(m[1]);
  }
  return named;
}

const html = htmlCatalogue();
/** The built-in lessons' English, which www/page/lessons.js keeps: lessons.N.title and .text. */
const { LESSONS } = await import('../www/page/lessons.js');
const lessons = Object.fromEntries(
  LESSONS.flatMap((/** @type {{ title: string, text: string }} */ l, /** @type {number} */ i) => [
    [`lessons.${i + 1}.title`, l.title],
    [`lessons.${i + 1}.text`, l.text],
  ]),
);
/** @type {Record<string, string>} */
const en = { ...html, ...scripts, ...lessons };
const problems = [];
let passed = 0;
/** @param {string} name @param {string[]} found */
function check(name, found) {
  if (found.length === 0) passed++;
  else problems.push(`${name}:\n  ${found.slice(0, 20).join('\n  ')}${found.length > 20 ? `\n  … ${found.length - 20} more` : ''}`);
}

check('the same keys', [
  ...Object.keys(en)
    .filter((k) => !(k in zh))
    .map((k) => `${k}: English only`),
  ...Object.keys(zh)
    .filter((k) => !(k in en))
    .map((k) => `${k}: Chinese only`),
]);
const placeholders = (/** @type {string} */ s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const tags = (/** @type {string} */ s) => [...s.matchAll(/<(\/?\w+)>/g)].map((m) => m[1]).sort();
check(
  'the same placeholders and inline tags',
  Object.keys(en)
    .filter((k) => k in zh)
    .filter((k) => placeholders(en[k]).join() !== placeholders(zh[k]).join() || tags(en[k]).join() !== tags(zh[k]).join())
    .map((k) => `${k}: {${placeholders(en[k])}} <${tags(en[k])}> in English, {${placeholders(zh[k])}} <${tags(zh[k])}> in Chinese`),
);
check(
  'index.html and en.json agree',
  Object.keys(scripts)
    .filter((k) => k in html && html[k] !== scripts[k])
    .map((k) => `${k}: "${html[k]}" in index.html, "${scripts[k]}" in en.json`),
);
check(
  'every key named is in the catalogues',
  [...keysNamed()].filter((k) => !(k in en)).map((k) => `${k}: named, not in English`),
);
/** The codes the engine gives its errors (`Words::new("code", …)` in crate/src), which the page words. */
function engineCodes() {
  const files = (/** @type {string} */ dir) =>
    readdirSync(join(root, dir)).flatMap((name) => {
      const path = join(dir, name);
      if (statSync(join(root, path)).isDirectory()) return files(path);
      return path.endsWith('.rs') ? [path] : [];
    });
  return new Set(files('crate/src').flatMap((f) => [...read(f).matchAll(/Words::new\(\s*"([a-z0-9.-]+)"/g)].map((m) => m[1])));
}
check(
  "every code of the engine's errors is in both",
  [...engineCodes()].filter((k) => !(k in en) || !(k in zh)).map((k) => `${k}: the engine's, not in ${k in en ? 'Chinese' : 'English'}`),
);
// Chinese, not English left in place: a text of two English words or more that the English shares
// word for word is a translation forgotten (names such as "Softmax" or "Export PNG"'s PNG stay).
check(
  'no Chinese text is empty or English',
  Object.entries(zh)
    .filter(([k, v]) => v.trim() === '' || (/[A-Za-z]{2,} [A-Za-z]{2,}/.test(v) && !/[\u3400-\u9fff]/.test(v) && v === en[k]))
    .map(([k, v]) => `${k}: "${v}"`),
);

for (const p of problems) console.error(`catalogues: ${p}`);
console.log(`catalogues: ${Object.keys(en).length} keys; ${passed} passed, ${problems.length} failed`);
process.exit(problems.length > 0 ? 1 : 0);
