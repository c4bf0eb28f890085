// The Lessons region: a built-in path (lessons.js) from one neuron to a
// spiral, each lesson setting up its run, saying what to try, locking the
// controls it sets, and checking its goal by itself as the learner trains.

import { byId, el } from '../dom.js';
import { presetConfig } from '../presets.js';
import { FORMAT } from '../share.js';
import { LESSONS } from '../lessons.js';
import { LOCKABLE, HIDEABLE, goalText, judge, renderText } from '../lesson.js';

/**
 * @typedef {import('../store.js').App} App
 * @typedef {import('../engine.js').Engine} Engine
 * @typedef {import('../lesson.js').Lesson} Lesson
 */

/** The elements each lockable control stands for (the layers' size fields are made as the layers change). */
const LOCKED_BY = /** @type {Record<keyof typeof LOCKABLE, string>} */ ({
  'learning-rate': '#learning-rate',
  optimizer: '#optimizer',
  'update-mode': '#update-mode, #batch-size',
  'loss-function': '#loss-function',
  seed: '#seed, #new-seed',
  init: '#init',
  layers: '#add-layer, #remove-layer, #hidden-sizes input, #hidden-activation, #output-activation, #biases',
  dataset: '#dataset, #seed-program, #data-table input, #data-table button, #add-row, #add-input, #remove-input, #add-output, #remove-output, #fill-expression, #load-csv, #csv-file',
});
/** The panel each hideable name stands for. */
const PANELS = /** @type {Record<keyof typeof HIDEABLE, string>} */ ({ data: '.data-panel', inspector: '.inspector-panel' });

/** A lesson's run as a config: a preset's, with the settings it names replacing the preset's. @param {Lesson['run']} run */
export function configOf(run) {
  if (!('preset' in run)) return structuredClone(run);
  const { preset, ...settings } = /** @type {{ preset: string } & Record<string, unknown>} */ (run);
  return { ...presetConfig(preset), ...structuredClone(settings) };
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
  LESSONS.forEach((l, i) => list.add(new Option(`${i + 1}. ${l.title}`, String(i))));

  /** The lesson shown, its place among the built-in ones (-1: a teacher's), and where the learner stands. */
  let lesson = /** @type {Lesson | null} */ (null);
  let place = -1;
  let standing = /** @type {'reached' | 'open' | 'missed'} */ ('open');

  toggle.addEventListener('click', () => {
    const open = region.hidden;
    region.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    if (open && !lesson) void start(LESSONS[0], 0);
    if (open) region.focus();
  });
  list.addEventListener('change', () => void start(LESSONS[Number(list.value)], Number(list.value)));
  next.addEventListener('click', () => {
    if (place >= 0 && place + 1 < LESSONS.length) void start(LESSONS[place + 1], place + 1);
  });

  /** Opens a lesson: its run, its question, its locks and hidden panels. @param {Lesson} l @param {number} at */
  async function start(l, at) {
    await app.restore({ app: 'backprop-lab', format: FORMAT, saved: configOf(l.run), points: null });
    lesson = l;
    place = at;
    standing = 'open';
    if (at >= 0) list.value = String(at);
    region.hidden = false;
    toggle.setAttribute('aria-expanded', 'true');
    title.textContent = l.title;
    body.replaceChildren(...renderText(l.text));
    goalLine.textContent = goalText(l.goal);
    status.replaceChildren();
    next.hidden = true;
    if (l.question) ask.ask(l.question);
    lock();
    for (const [name, selector] of Object.entries(PANELS)) {
      const panel = /** @type {HTMLElement | null} */ (document.querySelector(selector));
      if (panel) panel.hidden = l.hide.includes(/** @type {keyof typeof HIDEABLE} */ (name));
    }
  }

  /** Disables what the lesson sets, with a note saying so (again after the layers' fields are made anew). */
  function lock() {
    document.querySelectorAll('[data-lesson-lock]').forEach((e) => {
      /** @type {HTMLInputElement} */ (e).disabled = false;
      e.removeAttribute('data-lesson-lock');
      e.removeAttribute('title');
    });
    for (const name of lesson?.lock ?? []) {
      document.querySelectorAll(LOCKED_BY[name]).forEach((e) => {
        /** @type {HTMLInputElement} */ (e).disabled = true;
        e.setAttribute('data-lesson-lock', name);
        e.setAttribute('title', `The lesson "${lesson?.title}" sets ${LOCKABLE[name]}.`);
      });
    }
    const names = (lesson?.lock ?? []).map((n) => LOCKABLE[n]);
    byId('lesson-locks').textContent = names.length > 0 ? `This lesson sets ${names.join(', ')}: those controls are locked.` : '';
  }

  /** @param {string} text */
  const say = (text) => status.replaceChildren(el('p', text));

  return {
    lock,
    /** Judges the goal on the page's numbers now; says so when it is reached or missed. */
    check() {
      if (!lesson || standing === 'reached') return;
      const config = engine.config;
      const outputs = config.layers[config.layers.length - 1];
      const asked = engine.asked;
      const answer =
        asked?.values && app.question && asked.question.join() === app.question.join() ? Array.from(asked.values.subarray(asked.values.length - outputs)) : null;
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
        say(`Goal reached at iteration ${engine.iteration}: ${goalText(lesson.goal).replace(/^Goal: /, '')}`);
        next.hidden = !(place >= 0 && place + 1 < LESSONS.length);
      } else if (now === 'missed') {
        say(`Not reached within ${lesson.goal.within?.toLocaleString('en')} iterations. Reset, or change what the lesson suggests, and train again.`);
      } else {
        status.replaceChildren();
      }
    },
  };
}
