// The page's words in the learner's language: one catalogue per language,
// keyed by meaning, with {name} placeholders. Chinese is i18n/zh-CN.json,
// fetched when chosen. English comes with the code that shows it, so that
// the first load carries no more than the page shows: index.html's static
// text (read from the page at start, not sent twice), i18n/en/page.json for
// the words the page's scripts write, and one part per panel whose code is
// loaded when first used (i18n/en/inspector.json, …; each such module adds
// its part with `addEnglish`). The language never reaches numbers, links or
// files: only what is shown.
//
// Static text in index.html names its key: data-i18n (the text), and
// data-i18n-label / -title / -placeholder (those attributes). A catalogue's
// text may hold <code>, <kbd>, <strong> and <em>, and nothing else.

import en from './i18n/en/page.json' with { type: 'json' };

/**
 * @typedef {'en' | 'zh-CN'} Language
 * @typedef {keyof typeof en
 *   | keyof typeof import('./i18n/en/inspector.json')
 *   | keyof typeof import('./i18n/en/lesson.json')
 *   | keyof typeof import('./i18n/en/lessons.json')
 *   | keyof typeof import('./i18n/en/check.json')
 *   | keyof typeof import('./i18n/en/compare.json')
 *   | keyof typeof import('./i18n/en/diagnosis.json')
 *   | keyof typeof import('./i18n/en/confusion.json')
 *   | keyof typeof import('./i18n/en/own-data.json')
 *   | keyof typeof import('./i18n/en/record.json')} Key
 *   a key of the catalogues (the type check finds a key that is not there)
 */

/** The languages offered, as the selector names them (each in its own words). @type {[Language, string][]} */
export const LANGUAGES = [
  ['zh-CN', '中文'],
  ['en', 'English'],
];

/** Where the learner's choice is kept. */
const SAVED_KEY = 'backprop-lab-language';

/** English: the scripts' words, and index.html's once read (`harvest`). @type {Record<string, string>} */
const english = { ...en };
let harvested = false;
/** @type {Record<string, string>} */
let catalogue = english;
/** @type {Language} */
let current = 'en';
/** @type {Set<() => void>} */
const listeners = new Set();

/** A panel's English, added by its code when it loads. @param {Record<string, string>} part */
export function addEnglish(part) {
  Object.assign(english, part);
}

/** The language shown now. */
export function language() {
  return current;
}

/**
 * The text of `key`, its {placeholders} filled from `values`.
 * A key missing from the catalogue is a bug: it shows as the key, never as nothing.
 * @param {Key} key @param {Record<string, string | number>} [values]
 */
export function t(key, values) {
  const text = catalogue[key] ?? english[key] ?? key;
  if (!values) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name) => {
    const v = values[name];
    if (v === undefined) return whole;
    return String(v); // numbers as the caller wrote them: a rate of 1e-8 is never rounded to 0
  });
}

/**
 * The engine's words (an error's or a finding's code and values) in the page's language when the language
 * has them (English keeps the engine's own sentence), else null.
 * @param {{ code?: string, values?: Record<string, string> }} words
 */
export function worded({ code, values }) {
  return code && translation(code) !== null ? t(/** @type {Key} */ (code), values) : null;
}

/** Why the engine did not do something: its words in the page's language, or its English. @param {import('../common/protocol.js').Reason} reason */
export function reason(reason) {
  return worded(reason) ?? reason.why;
}

/**
 * The current language's own text of a key that English keeps elsewhere (a built-in lesson's), or
 * null in English or when the language has none. @param {string} key
 */
export function translation(key) {
  return catalogue === english ? null : (catalogue[key] ?? null);
}

/**
 * The text of `key` as parts to append, its placeholders filled with nodes (a number's span) or text.
 * @param {Key} key @param {Record<string, Node | string | number>} values @returns {(Node | string)[]}
 */
export function tNodes(key, values) {
  const text = catalogue[key] ?? english[key] ?? key;
  return text
    .split(/(\{\w+\})/)
    .map((part) => {
      const v = /^\{(\w+)\}$/.exec(part) ? values[part.slice(1, -1)] : undefined;
      return v === undefined ? part : typeof v === 'number' ? String(v) : v;
    })
    .filter((p) => p !== '');
}

/**
 * The language to open in: `?lang=` in the address, else the saved choice, else the browser's
 * preferred languages (any Chinese, Traditional included for now), else English.
 * @param {URLSearchParams} search @param {string | null} saved @param {readonly string[]} preferred
 * @returns {Language}
 */
export function chooseLanguage(search, saved, preferred) {
  const asked = [search.get('lang'), saved].find((l) => l === 'en' || l === 'zh-CN');
  if (asked) return /** @type {Language} */ (asked);
  for (const l of preferred) {
    const base = l.toLowerCase().split('-')[0];
    if (base === 'zh') return 'zh-CN';
    if (base === 'en') return 'en';
  }
  return 'en';
}

/** The saved choice, or null (storage may be disabled: then there is none). */
export function savedLanguage() {
  try {
    return localStorage.getItem(SAVED_KEY);
  } catch {
    return null;
  }
}

/**
 * Shows the page in `lang`: fetches its catalogue (once), rewords the static text, and tells the
 * modules that word things themselves. The run is not touched.
 * @param {Language} lang @param {{ save?: boolean }} [options]
 */
export async function setLanguage(lang, { save = false } = {}) {
  if (!harvested) harvest(document);
  // The choice is kept at once: a reload while the catalogue is on its way opens in it.
  if (save) {
    try {
      localStorage.setItem(SAVED_KEY, lang);
    } catch {
      // No storage: the choice holds for this visit.
    }
  }
  const next = lang === 'zh-CN' ? (await import('./i18n/zh-CN.json', { with: { type: 'json' } })).default : english;
  catalogue = next;
  current = lang;
  document.documentElement.lang = lang;
  translate(document);
  for (const listener of listeners) listener();
}

/** Calls `listener` after each change of language (modules that build their own text word it again). @param {() => void} listener */
export function onLanguage(listener) {
  listeners.add(listener);
}

/** Rewords the static text under `root` (index.html's data-i18n keys). @param {ParentNode} root */
export function translate(root) {
  for (const e of root.querySelectorAll('[data-i18n]'))
    fill(/** @type {HTMLElement} */ (e), t(/** @type {Key} */ (e.getAttribute('data-i18n'))));
  for (const [data, attribute] of ATTRIBUTES) {
    for (const e of root.querySelectorAll(`[${data}]`)) e.setAttribute(attribute, t(/** @type {Key} */ (e.getAttribute(data))));
  }
}

/** The attributes that hold static text, and the data attributes that name their keys. */
const ATTRIBUTES = [
  ['data-i18n-label', 'aria-label'],
  ['data-i18n-title', 'title'],
  ['data-i18n-placeholder', 'placeholder'],
];

/** Reads index.html's English into the English catalogue, before anything rewords it. @param {ParentNode} root */
function harvest(root) {
  harvested = true;
  for (const e of root.querySelectorAll('[data-i18n]')) {
    const text = [...e.childNodes]
      .map((n) => (n instanceof Element && INLINE.has(n.localName) ? `<${n.localName}>${n.textContent}</${n.localName}>` : n.textContent))
      .join('');
    english[/** @type {string} */ (e.getAttribute('data-i18n'))] ??= text.replace(/\s+/g, ' ').trim();
  }
  for (const [data, attribute] of ATTRIBUTES) {
    for (const e of root.querySelectorAll(`[${data}]`))
      english[/** @type {string} */ (e.getAttribute(data))] ??= e.getAttribute(attribute) ?? '';
  }
}

/** The inline tags a catalogue's text may hold. */
const INLINE = new Set(['code', 'kbd', 'strong', 'em']);

/**
 * Nodes of a catalogue text: plain text, and the few inline tags it may hold (never other HTML).
 * @param {string} text @returns {(Node | string)[]}
 */
export function rich(text) {
  /** @type {(Node | string)[]} */
  const parts = [];
  const pattern = /<(code|kbd|strong|em)>(.*?)<\/\1>/gs;
  let at = 0;
  for (const m of text.matchAll(pattern)) {
    if (!INLINE.has(m[1])) continue;
    parts.push(text.slice(at, m.index));
    const e = document.createElement(m[1]);
    e.textContent = m[2];
    parts.push(e);
    at = m.index + m[0].length;
  }
  parts.push(text.slice(at));
  return parts.filter((p) => p !== '');
}

/** Sets an element's text (with its inline tags) when it changed. @param {HTMLElement} e @param {string} text */
function fill(e, text) {
  if (e.dataset.i18nShown === text) return;
  e.dataset.i18nShown = text;
  e.replaceChildren(...rich(text));
}
