// A lesson is data: a JSON object that sets up a run, says what to try in a
// small markup, and names a goal that the page checks by itself. Teachers
// write them (controls/lessons.js) and share them as links; this module
// checks one (every error names its JSON path), renders its text as text
// nodes (never HTML), and decides whether its goal is reached.
//
// {
//   "lesson": 1,                      the format
//   "title": "One neuron",            at most 120 characters
//   "text": "…",                      at most 20,000 (a page): paragraphs split by a blank line, "- " list items,
//                                     *emphasis*, `code`; anything else is shown as it was typed
//   "run": { "preset": "xor" } or a config (docs/numerics.md), with "layers" etc.;
//                                     a preset is one of the engine's names (lab.js's defaults.presets)
//   "question": [1, 0, 0] or null,    asked of the network ("Ask the network"): one number per input;
//                                     an "answer" goal needs one
//   "goal": { "what": "answer" | "loss" | "accuracy" | "iteration",
//             "output": 1 (answer only), "above": x or "below": x (iteration: "above"),
//             "within": N iterations (optional), "hidden_at_most": n neurons (optional) },
//   "lock": ["learning-rate", …],     controls the lesson sets (LOCKABLE)
//   "hide": ["data", …]               panels it hides (HIDEABLE)
// }

import { el } from './ui/dom.js';
import { defaults } from '../common/lab.js';
import { t, addEnglish } from './i18n.js';
import english from './i18n/en/lesson.json' with { type: 'json' };

addEnglish(english);

export const LESSON_FORMAT = 1;
export const MAX_TITLE = 120;
/** A page of text: a lesson's explanation, its steps and its questions. */
export const MAX_TEXT = 20_000;

/** Controls a lesson may lock: their ids, and the keys of the names people see. */
export const LOCKABLE = /** @type {const} */ ({
  'learning-rate': 'training.learning-rate',
  optimizer: 'training.optimizer',
  'update-mode': 'training.update-mode',
  'loss-function': 'training.loss-function',
  seed: 'training.seed',
  init: 'training.initialisation',
  layers: 'lesson.the-layers',
  dataset: 'data.dataset',
});
/** Panels a lesson may hide (their names' keys in the catalogues). */
export const HIDEABLE = /** @type {const} */ ({ data: 'data.data-title', inspector: 'inspector.inspector-title' });

/**
 * @typedef {{ what: 'answer' | 'loss' | 'accuracy' | 'iteration', output?: number, above?: number, below?: number, within?: number, hidden_at_most?: number }} Goal
 * @typedef {{
 *   lesson: 1, title: string, text: string, run: { preset: string } | import('../common/lab.js').Config,
 *   question: number[] | null, goal: Goal, lock: (keyof typeof LOCKABLE)[], hide: (keyof typeof HIDEABLE)[]
 * }} Lesson
 * What the goal is judged on: the page's numbers now.
 * @typedef {{ iteration: number, loss: number, accuracy: number | undefined, answer: number[] | null, hidden: number }} Standing
 */

/** @param {string} path @param {string} what */
const bad = (path, what) => new Error(`${path}: ${what}`);

/** @param {unknown} v */
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether `name` is one of `allowed`'s own keys (not an inherited one such as "toString"). @param {unknown} name @param {object} allowed */
const isOneOf = (name, allowed) => typeof name === 'string' && Object.hasOwn(allowed, name);

/**
 * A lesson from parsed JSON, or an error naming the JSON path of the first problem.
 * @param {unknown} value @returns {Lesson}
 */
export function checkLesson(value) {
  if (!isObject(value)) throw bad('lesson', t('lesson.expected-object'));
  const v = /** @type {Record<string, any>} */ (value);
  if (v.lesson !== LESSON_FORMAT) throw bad('lesson.lesson', t('lesson.expected-format', { format: LESSON_FORMAT }));
  for (const [key, max] of /** @type {const} */ ([
    ['title', MAX_TITLE],
    ['text', MAX_TEXT],
  ])) {
    if (typeof v[key] !== 'string') throw bad(`lesson.${key}`, t('lesson.expected-text'));
    if (v[key].length > max) throw bad(`lesson.${key}`, t('lesson.too-long', { max, got: v[key].length }));
  }
  if (!isObject(v.run)) throw bad('lesson.run', t('lesson.expected-run'));
  const presets = defaults.presets;
  if (Object.hasOwn(v.run, 'preset') && !presets.includes(v.run.preset)) {
    throw bad('lesson.run.preset', t('lesson.expected-one-of', { names: presets.join(', ') }));
  }
  const question = v.question ?? null;
  if (question !== null) {
    if (!Array.isArray(question) || question.length === 0) throw bad('lesson.question', t('lesson.expected-numbers-or-null'));
    question.forEach((x, i) => {
      if (typeof x !== 'number' || !Number.isFinite(x)) throw bad(`lesson.question[${i}]`, t('lesson.expected-number'));
    });
  }
  const goal = checkGoal(v.goal);
  if (goal.what === 'answer' && question === null) {
    throw bad('lesson.question', t('lesson.answer-needs-question'));
  }
  const names = (/** @type {string} */ key, /** @type {Record<string, string>} */ allowed) => {
    const list = v[key] ?? [];
    if (!Array.isArray(list)) throw bad(`lesson.${key}`, t('lesson.expected-list'));
    list.forEach((name, i) => {
      if (!isOneOf(name, allowed))
        throw bad(`lesson.${key}[${i}]`, t('lesson.expected-one-of', { names: Object.keys(allowed).join(', ') }));
    });
    return list;
  };
  return {
    lesson: LESSON_FORMAT,
    title: v.title,
    text: v.text,
    run: v.run,
    question,
    goal,
    lock: names('lock', LOCKABLE),
    hide: names('hide', HIDEABLE),
  };
}

/**
 * Whether a lesson fits the network its run makes: a question of one number
 * per input, and an answer goal on an output that exists. Throws naming the
 * field; checked when the lesson is written and when it is opened.
 * @param {Lesson} lesson @param {{ layers: number[], features?: string[] }} config the lesson's run as a config
 */
export function checkFits(lesson, config) {
  if (!Array.isArray(config.layers) || config.layers.length < 2) return; // the engine names what is wrong
  // With input features, a question is x1, x2.
  const inputs = 'features' in config ? 2 : config.layers[0];
  const outputs = config.layers[config.layers.length - 1];
  if (lesson.question && lesson.question.length !== inputs) {
    throw bad('lesson.question', t(inputs === 1 ? 'lesson.one-number' : 'lesson.n-numbers', { inputs, got: lesson.question.length }));
  }
  const output = lesson.goal.output;
  if (lesson.goal.what === 'answer' && output !== undefined && output > outputs) {
    throw bad('lesson.goal.output', t(outputs === 1 ? 'lesson.one-output' : 'lesson.n-outputs', { outputs, got: output }));
  }
}

/** @param {unknown} g @returns {Goal} */
function checkGoal(g) {
  if (!isObject(g)) throw bad('lesson.goal', t('lesson.expected-object'));
  const v = /** @type {Record<string, any>} */ (g);
  if (!['answer', 'loss', 'accuracy', 'iteration'].includes(String(v.what))) throw bad('lesson.goal.what', t('lesson.expected-goal-what'));
  const number = (/** @type {string} */ key, /** @type {boolean} */ whole) => {
    if (v[key] === undefined) return undefined;
    if (typeof v[key] !== 'number' || !Number.isFinite(v[key]) || (whole && (!Number.isSafeInteger(v[key]) || v[key] < 0))) {
      throw bad(`lesson.goal.${key}`, t(whole ? 'lesson.expected-whole' : 'lesson.expected-number'));
    }
    return v[key];
  };
  const above = number('above', false);
  const below = number('below', false);
  if ((above === undefined) === (below === undefined)) throw bad('lesson.goal', t('lesson.expected-bound'));
  const output = number('output', true);
  if (v.what === 'answer' && (output === undefined || output < 1)) throw bad('lesson.goal.output', t('lesson.expected-output'));
  return { what: v.what, output, above, below, within: number('within', true), hidden_at_most: number('hidden_at_most', true) };
}

/** The goal in words. @param {Goal} goal */
export function goalText(goal) {
  const subject =
    goal.what === 'answer'
      ? t('lesson.goal-answer', { n: goal.output ?? 1 })
      : t(
          /** @type {const} */ ({ loss: 'writer.the-loss', accuracy: 'lesson.goal-accuracy', iteration: 'writer.the-iteration' })[
            goal.what
          ],
        );
  const value = (/** @type {number} */ x) => (goal.what === 'accuracy' ? `${Math.round(x * 1000) / 10} %` : String(x));
  const bound =
    goal.above !== undefined
      ? t('lesson.goal-above', { subject, value: value(goal.above) })
      : t('lesson.goal-below', { subject, value: value(/** @type {number} */ (goal.below)) });
  const parts = [bound];
  if (goal.within !== undefined) parts.push(t('lesson.goal-within', { n: goal.within.toLocaleString('en') }));
  if (goal.hidden_at_most !== undefined) parts.push(t('lesson.goal-hidden', { n: goal.hidden_at_most }));
  return parts.join(t('list.separator'));
}

/**
 * Where the learner stands against the goal: reached, still possible, or
 * missed (past its iterations; Reset or a change starts again).
 * @param {Goal} goal @param {Standing} now @returns {'reached' | 'open' | 'missed'}
 */
export function judge(goal, now) {
  if (goal.hidden_at_most !== undefined && now.hidden > goal.hidden_at_most) return 'open';
  const within = goal.within ?? Infinity;
  /** @type {number | undefined} */
  let value;
  if (goal.what === 'loss') value = now.loss;
  else if (goal.what === 'accuracy') value = now.accuracy;
  else if (goal.what === 'iteration') value = now.iteration;
  else value = now.answer?.[(goal.output ?? 1) - 1];
  const met =
    value !== undefined &&
    Number.isFinite(value) &&
    (goal.above !== undefined ? value > goal.above : value < /** @type {number} */ (goal.below));
  if (met && now.iteration <= within) return 'reached';
  return now.iteration >= within ? 'missed' : 'open';
}

/**
 * A lesson's text as elements: paragraphs, "- " lists, *emphasis* and
 * `code`, all as text nodes (markup that is not in the subset shows as typed).
 * @param {string} text @returns {HTMLElement[]}
 */
export function renderText(text) {
  return text
    .split(/\n\s*\n/)
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const lines = block.split('\n');
      if (lines.every((l) => l.trimStart().startsWith('- '))) {
        return el('ul', ...lines.map((l) => el('li', ...inline(l.trimStart().slice(2)))));
      }
      return el('p', ...inline(lines.join(' ')));
    });
}

/** *emphasis* and `code` within a line. @param {string} line @returns {(Node | string)[]} */
function inline(line) {
  /** @type {(Node | string)[]} */
  const parts = [];
  const pattern = /\*([^*\n]+)\*|`([^`\n]+)`/g;
  let at = 0;
  for (const m of line.matchAll(pattern)) {
    if (m.index > at) parts.push(line.slice(at, m.index));
    parts.push(m[1] !== undefined ? el('em', m[1]) : el('code', m[2] ?? ''));
    at = m.index + m[0].length;
  }
  if (at < line.length) parts.push(line.slice(at));
  return parts;
}
