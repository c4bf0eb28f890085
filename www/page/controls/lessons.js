// The Lessons region: a built-in path (lessons.js) from one neuron to a
// spiral, each lesson setting up its run, saying what to try, locking the
// controls it sets, and checking its goal by itself as the learner trains;
// "Write a lesson" makes one of the current run, shared as a link.

import { byId, el, offerLink } from '../ui/dom.js';
import { presetRun } from '../presets.js';
import { FORMAT, lessonLink } from '../share.js';
import { LESSONS, worded } from '../lessons.js';
import { LESSON_FORMAT, LOCKABLE, HIDEABLE, MAX_TEXT, checkFits, checkLesson, goalText, judge, renderText } from '../lesson.js';
import { parseNumber } from '../ui/fields.js';
import { onLanguage, t, addEnglish } from '../i18n.js';
import english from '../i18n/en/lessons.json' with { type: 'json' };

addEnglish(english);

/**
 * @typedef {import('../store.js').App} App
 * @typedef {import('../engine.js').Engine} Engine
 * @typedef {import('../lesson.js').Lesson} Lesson
 */

/** The elements each lockable control stands for (the layers' size fields are made as the layers change). */
const LOCKED_BY = /** @type {Record<keyof typeof LOCKABLE, string>} */ ({
  'learning-rate': '#learning-rate, #use-rate',
  optimizer: '#optimizer',
  'update-mode': '#update-mode, #batch-size',
  'loss-function': '#loss-function',
  seed: '#seed, #new-seed',
  init: '#init',
  layers: '#add-layer, #remove-layer, #hidden-sizes input, #hidden-activation, #output-activation, #biases, #feature-toggles input',
  dataset:
    '#dataset, #seed-program, #data-table input, #data-table button, #add-row, #add-input, #remove-input, #add-output, #remove-output, #fill-expression, #load-csv, #csv-file, #points-count, #points-noise, #points-test, #points-class',
});
/** The panel each hideable name stands for. */
const PANELS = /** @type {Record<keyof typeof HIDEABLE, string>} */ ({ data: '.data-panel', inspector: '.inspector-panel' });

/**
 * A lesson's run as a config: a preset's, with the settings it names replacing the preset's,
 * and the dataset whose held-out rows go with it (digits, a table), if any.
 * @param {Lesson['run']} run @returns {Promise<{ config: import('../../common/lab.js').Config, heldOut: string | null }>}
 */
export async function configOf(run) {
  if (!Object.hasOwn(run, 'preset'))
    return { config: structuredClone(/** @type {import('../../common/lab.js').Config} */ (run)), heldOut: null };
  const { preset, ...settings } = /** @type {{ preset: string } & Record<string, unknown>} */ (run);
  const { config, heldOut } = await presetRun(preset);
  return { config: { ...config, ...structuredClone(settings) }, heldOut };
}

/** @param {App} app @param {Engine} engine @param {{ ask: (values: number[]) => void }} ask */
export function setupLessons(app, engine, ask) {
  const region = byId('lessons');
  const toggle = byId('lessons-button', HTMLButtonElement);
  const list = byId('lesson-list', HTMLSelectElement);
  const title = byId('lesson-title');
  const body = byId('lesson-text');
  const goalLine = byId('lesson-goal');
  const status = byId('lesson-status');
  const next = byId('next-lesson', HTMLButtonElement);
  // Opening the region changes nothing: the run is replaced only when a lesson is chosen.
  /** The built-in lesson at `at`, in the page's language. @param {number} at */
  const builtIn = (at) => worded(LESSONS[at], at);
  const fillList = () => {
    const chosen = list.value;
    list.replaceChildren(
      new Option(t('lesson.choose'), ''),
      ...LESSONS.map((_, i) => new Option(`${i + 1}. ${builtIn(i).title}`, String(i))),
    );
    list.value = chosen;
  };
  fillList();
  // Another language: the list, and a built-in lesson that is open, in its words (a teacher's lesson stays as written).
  onLanguage(() => {
    fillList();
    if (lesson && place >= 0) show(builtIn(place));
    else if (lesson) show(lesson);
  });

  /** The lesson shown, its place among the built-in ones (-1: a teacher's), and where the learner stands. */
  let lesson = /** @type {Lesson | null} */ (null);
  let place = -1;
  let standing = /** @type {'reached' | 'open' | 'missed'} */ ('open');

  toggle.addEventListener('click', () => {
    const open = region.hidden;
    region.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    if (open) region.focus();
  });
  list.addEventListener('change', () => {
    if (list.value !== '') void start(builtIn(Number(list.value)), Number(list.value));
  });
  next.addEventListener('click', () => {
    if (place >= 0 && place + 1 < LESSONS.length) void start(builtIn(place + 1), place + 1);
  });
  const endButton = byId('end-lesson', HTMLButtonElement);
  endButton.addEventListener('click', () => end());

  /** Leaves the lesson: every control unlocked, every panel back; the run stays as it is. */
  function end() {
    lesson = null;
    place = -1;
    list.value = '';
    title.textContent = '';
    body.replaceChildren();
    goalLine.textContent = '';
    status.replaceChildren();
    next.hidden = true;
    endButton.hidden = true;
    lock();
    for (const selector of Object.values(PANELS)) {
      const panel = /** @type {HTMLElement | null} */ (document.querySelector(selector));
      if (panel) panel.hidden = false;
    }
  }

  /** Opens a lesson: its run, its question, its locks and hidden panels. @param {Lesson} l @param {number} at */
  async function start(l, at) {
    const { config, heldOut } = await configOf(l.run);
    checkFits(l, config);
    await app.open({ app: 'backprop-lab', format: FORMAT, saved: config, points: null, ...(heldOut ? { heldOut } : {}) });
    lesson = l;
    place = at;
    standing = 'open';
    list.value = at >= 0 ? String(at) : '';
    region.hidden = false;
    toggle.setAttribute('aria-expanded', 'true');
    show(l);
    status.replaceChildren();
    next.hidden = true;
    endButton.hidden = false;
    if (l.question) ask.ask(l.question);
    lock();
    for (const [name, selector] of Object.entries(PANELS)) {
      const panel = /** @type {HTMLElement | null} */ (document.querySelector(selector));
      if (panel) panel.hidden = l.hide.includes(/** @type {keyof typeof HIDEABLE} */ (name));
    }
  }

  /** A lesson's words: its title, its text, its goal. @param {Lesson} l */
  function show(l) {
    lesson = l;
    title.textContent = l.title;
    body.replaceChildren(...renderText(l.text));
    goalLine.textContent = t('lesson.goal', { goal: goalText(l.goal) });
    lock();
  }

  /** Disables what the lesson sets, with a note saying so (again after the layers' fields are made anew). */
  function lock() {
    app.lesson = { title: lesson?.title ?? '', locks: new Map((lesson?.lock ?? []).map((n) => [n, LOCKABLE[n]])) };
    document.querySelectorAll('[data-lesson-lock]').forEach((e) => {
      /** @type {HTMLInputElement} */ (e).disabled = false;
      e.removeAttribute('data-lesson-lock');
      e.removeAttribute('title');
    });
    for (const name of lesson?.lock ?? []) {
      document.querySelectorAll(LOCKED_BY[name]).forEach((e) => {
        /** @type {HTMLInputElement} */ (e).disabled = true;
        e.setAttribute('data-lesson-lock', name);
        e.setAttribute('title', t('lesson.sets-this', { title: lesson?.title ?? '', what: t(LOCKABLE[name]) }));
      });
    }
    const names = (lesson?.lock ?? []).map((n) => t(LOCKABLE[n]));
    byId('lesson-locks').textContent = names.length > 0 ? t('lesson.locks', { what: names.join(t('list.separator')) }) : '';
  }

  /** @param {string} text */
  const say = (text) => status.replaceChildren(el('p', text));

  setupWriter(app, engine);

  return {
    lock,
    end,
    /** Opens a teacher's lesson (from a link): rejects, changing nothing, if the engine refuses its run. @param {Lesson} l */
    open(l) {
      return start(l, -1);
    },
    /** Judges the goal on the page's numbers now; says so when it is reached or missed. */
    check() {
      if (!lesson || standing === 'reached') return;
      const config = engine.config;
      const outputs = config.layers[config.layers.length - 1];
      const asked = engine.asked;
      const answer =
        asked?.values && app.question && asked.question.join() === app.question.join()
          ? Array.from(asked.values.subarray(asked.values.length - outputs))
          : null;
      const now = judge(lesson.goal, {
        iteration: engine.iteration,
        loss: engine.loss,
        accuracy: engine.accuracy(),
        answer,
        hidden: config.layers.slice(1, -1).reduce((a, b) => a + b, 0),
      });
      if (now === standing) return;
      standing = now;
      if (now === 'reached') {
        say(t('lesson.goal-reached', { iteration: engine.iteration, goal: goalText(lesson.goal) }));
        next.hidden = !(place >= 0 && place + 1 < LESSONS.length);
      } else if (now === 'missed') {
        say(t('lesson.goal-missed', { n: lesson.goal.within?.toLocaleString('en') ?? '' }));
      } else {
        status.replaceChildren();
      }
    },
  };
}

/**
 * "Write a lesson": a lesson of the run as it is now, with the title, text,
 * goal, locks and hidden panels chosen in the form; "Copy lesson link" puts
 * it in a link (and on the clipboard when the browser allows).
 * @param {App} app @param {Engine} engine
 */
function setupWriter(app, engine) {
  const title = byId('lesson-write-title', HTMLInputElement);
  const text = byId('lesson-write-text', HTMLTextAreaElement);
  const what = byId('lesson-write-what', HTMLSelectElement);
  const bound = byId('lesson-write-bound', HTMLSelectElement);
  const value = byId('lesson-write-value', HTMLInputElement);
  const within = byId('lesson-write-within', HTMLInputElement);
  const messages = byId('lesson-write-messages');
  // The text's length as the teacher types, against the limit.
  const count = byId('lesson-write-count');
  const showCount = () => {
    count.textContent = t('writer.count', { n: text.value.length.toLocaleString('en'), most: MAX_TEXT.toLocaleString('en') });
  };
  text.maxLength = MAX_TEXT;
  text.addEventListener('input', showCount);
  onLanguage(showCount);
  showCount();
  /** @param {string} text */
  const refuse = (text) => {
    const p = el('p', text);
    p.setAttribute('role', 'alert');
    messages.replaceChildren(p);
  };
  // The lock and hide boxes exist while the writer is open: closed, "Lock Learning rate" is not one more
  // field that answers to the name "Learning rate".
  const writer = byId('lesson-writer', HTMLDetailsElement);
  /** What was ticked, kept while the writer is closed. */
  const ticked = new Set();
  /** @type {HTMLInputElement[]} */
  let locks = [];
  /** @type {HTMLInputElement[]} */
  let hides = [];
  /** @param {HTMLElement} box @param {Record<string, import('../i18n.js').Key>} names @param {'Lock' | 'Hide'} kind */
  const checks = (box, names, kind) =>
    Object.entries(names).map(([name, label]) => {
      const input = /** @type {HTMLInputElement} */ (el('input'));
      input.type = 'checkbox';
      input.value = name;
      input.checked = ticked.has(`${kind}:${name}`);
      input.addEventListener('change', () => ticked[input.checked ? 'add' : 'delete'](`${kind}:${name}`));
      input.setAttribute('aria-label', t(kind === 'Lock' ? 'writer.lock-name' : 'writer.hide-name', { name: t(label) }));
      box.append(el('label', input, ` ${t(label)}`));
      return input;
    });
  writer.addEventListener('toggle', () => {
    const [lockBox, hideBox] = [byId('lesson-write-locks'), byId('lesson-write-hides')];
    lockBox.replaceChildren();
    hideBox.replaceChildren();
    [locks, hides] = writer.open ? [checks(lockBox, LOCKABLE, 'Lock'), checks(hideBox, HIDEABLE, 'Hide')] : [[], []];
  });

  byId('copy-lesson-link', HTMLButtonElement).addEventListener('click', async () => {
    const goalValue = parseNumber(value.value, t('writer.goal-value'));
    if (goalValue instanceof Error) return app.refuse(value, goalValue.message, messages);
    app.accept(value);
    let iterations;
    if (within.value.trim() !== '') {
      iterations = parseNumber(within.value, t('writer.within-iterations'), { integer: true });
      if (iterations instanceof Error || iterations < 1) {
        return app.refuse(within, iterations instanceof Error ? iterations.message : t('writer.within-one-or-more'), messages);
      }
    }
    app.accept(within);
    if (title.value.trim() === '') return app.refuse(title, t('writer.needs-title'), messages);
    app.accept(title);
    const { iteration: _i, weights: _w, optimizer_state: _o, ...run } = JSON.parse(await engine.request('save'));
    /** @type {Record<string, unknown>} */
    const goal = { what: what.value, [bound.value]: goalValue };
    if (what.value === 'answer') goal.output = 1;
    if (iterations !== undefined) goal.within = iterations;
    let lesson;
    try {
      lesson = checkLesson({
        lesson: LESSON_FORMAT,
        title: title.value.trim(),
        text: text.value,
        run,
        question: app.question,
        goal,
        lock: locks.filter((c) => c.checked).map((c) => c.value),
        hide: hides.filter((c) => c.checked).map((c) => c.value),
      });
      checkFits(lesson, engine.config);
    } catch (e) {
      return refuse(t('writer.refused', { why: /** @type {Error} */ (e).message }));
    }
    const link = await lessonLink(lesson);
    const { field, copied } = await offerLink(link, t('writer.lesson-link'));
    messages.replaceChildren(el('p', copied ? t('writer.link-copied', { characters: link.length }) : t('writer.copy-link')), field);
    field.select();
  });
}
