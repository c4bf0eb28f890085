// Starts the page: the engine's worker (engine.js), the store (store.js),
// the views and controls, the frame loop (frame.js: how a frame flows from
// the store to the worker to the views), and opens the work where it stood.

import { limits, loadEngine } from '../common/lab.js';
import { Engine } from './engine.js';
import { createStore } from './store.js';
import { createViews, startFrames } from './frame.js';
import { setupLayers } from './controls/layers.js';
import { setupFeatures } from './controls/features.js';
import { setupCurve } from './controls/curve.js';
import { setupTable } from './controls/table.js';
import { setupTraining } from './controls/training.js';
import { setupPoints } from './controls/points.js';
import { setupShare } from './controls/share.js';
import { setupAsk } from './controls/ask.js';
import { setupPrograms } from './controls/programs.js';
import { forgetLink, hasLinkedLesson, hasLinkedState, linkTo, linkedLesson, linkedState } from './share.js';
import { createAutosave, held } from './autosave.js';
import { installKeys } from './ui/keys.js';
import { byId } from './ui/dom.js';
import { chooseLanguage, savedLanguage, setLanguage, t } from './i18n.js';
import { setupLanguage } from './controls/language.js';
import { wordsOf } from './ui/fields.js';

/** @typedef {import('./store.js').App} App */

/**
 * Opens the page where it should stand: a link's state first, else the work
 * saved in this browser, else the defaults. Returns what the autosave must
 * keep: the browser's work, whenever the page did not open it.
 * @param {App} app @param {import('./autosave.js').Held} kept
 * @param {import('./share.js').State | Error | null} linked the link's state, why it cannot be read, or null
 * @param {{ lesson: import('./lesson.js').Lesson | Error | null, open: (l: import('./lesson.js').Lesson) => Promise<void> }} lesson a lesson link's lesson (or why it cannot be read), and how to open one
 * @returns {Promise<{ kept?: import('./autosave.js').Held }>}
 */
async function open(app, kept, linked, lesson) {
  if (lesson.lesson !== null) {
    // A lesson never saves over the learner's work without asking: the saved work is kept (autosave.js).
    forgetLink();
    try {
      if (lesson.lesson instanceof Error) throw lesson.lesson;
      await lesson.open(lesson.lesson);
    } catch (e) {
      const keeps = kept.kind === 'none' ? '' : t('open.work-kept');
      app.say(t('open.lesson-link-failed', { error: wordsOf(e), keeps }), 'alert');
    }
    return { kept };
  }
  if (linked !== null) {
    forgetLink();
    try {
      if (linked instanceof Error) throw linked;
      await app.open(linked);
      return {};
    } catch (e) {
      const keeps = kept.kind === 'none' ? '' : t('open.work-kept');
      app.say(t('open.link-failed', { error: wordsOf(e), keeps }), 'alert');
      return { kept };
    }
  }
  if (kept.kind === 'unreadable') {
    app.say(t('open.saved-failed', { why: kept.why }), 'alert');
    return { kept };
  }
  if (kept.kind === 'none') {
    if (kept.unsaved) app.say(t('open.last-unsaved'), 'alert');
    return {};
  }
  try {
    await app.open(kept.state);
  } catch (e) {
    const why = wordsOf(e);
    app.say(t('open.saved-failed', { why }), 'alert');
    return { kept: { kind: 'unreadable', why } };
  }
  if (kept.unsaved) {
    app.say(t('open.older-save', { iteration: kept.iteration }), 'alert');
  }
  return {};
}

/**
 * Whether the address asks for the embedded layout: `?embed`, `?embed=1`,
 * `?embed=true` do; `?embed=0`, `?embed=false` and no `embed` do not.
 * @param {URLSearchParams} params
 */
function isEmbedded(params) {
  const value = params.get('embed');
  return value !== null && !['0', 'false', 'no', 'off'].includes(value.trim().toLowerCase());
}

/** The embedded page: its layout, and a link to the full lab at the run as it is now. @param {App} app */
function setUpEmbedded(app) {
  document.body.classList.add('embedded');
  const full = byId('open-full', HTMLAnchorElement);
  full.addEventListener('click', async (e) => {
    e.preventDefault();
    window.open(await linkTo(await app.state()), '_blank', 'noopener');
  });
}

async function main() {
  try {
    // The page's own engine only reads data (CSV, expressions, point sets); the worker's trains.
    const lang = chooseLanguage(new URLSearchParams(location.search), savedLanguage(), navigator.languages);
    const [engine] = await Promise.all([Engine.start('xor'), loadEngine(), setLanguage(lang)]);
    const app = createStore(engine);
    const views = createViews(app);
    const autosave = createAutosave({
      state: app.state,
      version: () => engine.version,
      playing: () => app.playing,
      messages: app.messages,
      open: (state) => app.open(state),
    });
    const points = setupPoints(app);
    const ask = setupAsk(app);
    const controls = {
      layers: setupLayers(app),
      features: setupFeatures(app),
      curve: setupCurve(app, engine, views.network),
      table: setupTable(app),
      training: setupTraining(app),
      inspector: lazyInspector(app),
      points,
      ask,
      programs: setupPrograms(app, ask),
      lessons: lazyLessons(app, engine, ask),
      confusion: lazyConfusion(app, ask),
      compare: lazyCompare(app),
      diagnosis: lazyDiagnosis(app),
      autosave,
    };
    lazyOwnData(app);
    lazyRecord(app);
    setupLanguage(app);
    setupShare(app, autosave, controls.lessons, lazyCheck(app, controls.inspector));
    app.choosePoints = points.choose;
    views.plane.onClick = (x, y, remove) => void points.click(x, y, remove);
    const dialog = byId('keys-dialog', HTMLDialogElement);
    const showKeys = () => {
      if (!dialog.open) dialog.showModal();
    };
    byId('keys-button').addEventListener('click', showKeys);
    installKeys({ togglePlay: app.togglePlay, step: app.step, stepEpoch: app.stepEpoch, reset: app.reset, showKeys });

    // Embedded in a course page (?embed): a compact layout, and the learner's saved work is neither
    // opened nor saved over; "Open in Backprop Lab" opens the run as it is now in a page of its own.
    const embedded = isEmbedded(new URLSearchParams(location.search));
    if (embedded) setUpEmbedded(app);
    // The first frame shows the work where it opens (a link, the saved work), not the defaults before it.
    const linked = hasLinkedState() ? await linkedState().catch((e) => /** @type {Error} */ (e)) : null;
    const lesson = hasLinkedLesson()
      ? await linkedLesson()
          .then(async (value) => (await import('./lesson.js')).checkLesson(value))
          .catch((e) => /** @type {Error} */ (e))
      : null;
    const opened = await open(app, embedded ? { kind: 'none', unsaved: false } : held(), linked, { lesson, open: controls.lessons.open });
    const { draw } = startFrames(app, engine, views, controls);
    app.configChanged();
    draw();
    if (embedded) autosave.remember();
    else autosave.start(opened);
    // For tests and the curious: the store and the views, read-only by convention.
    Object.defineProperty(window, 'backpropLab', {
      value: Object.assign(app, { network: views.network, chart: views.chart, limits }),
    });
  } catch (e) {
    const p = document.createElement('p');
    p.className = 'error';
    p.setAttribute('role', 'alert');
    p.textContent = `Backprop Lab could not start: ${/** @type {Error} */ (e).message}`;
    document.body.prepend(p);
    throw e;
  }
}

main();

/**
 * "Your own data" (an expression, a CSV) loads its code when first opened;
 * its fields stay disabled until then, so that nothing typed is lost.
 * @param {App} app
 */
function lazyOwnData(app) {
  const details = /** @type {HTMLDetailsElement} */ (byId('own-data').closest('details'));
  details.addEventListener(
    'toggle',
    async () => {
      const { setupOwnData } = await import('./controls/own-data.js');
      setupOwnData(app);
      byId('own-data', HTMLFieldSetElement).disabled = false;
    },
    { once: true },
  );
}

/**
 * The lessons load their code (the built-in lessons, the checks, the writer)
 * when first used: the Lessons button, or a lesson link. Until then no lesson
 * is open, so there is nothing to lock, judge or end.
 * @param {App} app @param {import('./engine.js').Engine} engine @param {{ ask: (values: number[]) => void }} ask
 */
function lazyLessons(app, engine, ask) {
  /** @typedef {ReturnType<typeof import('./controls/lessons.js').setupLessons>} LessonControls */
  /** @type {LessonControls | null} */
  let loaded = null;
  /** @type {Promise<LessonControls> | null} */
  let loading = null;
  const load = () => (loading ??= import('./controls/lessons.js').then(({ setupLessons }) => (loaded = setupLessons(app, engine, ask))));
  // The first click loads them; the click is then given to the control that handles it.
  const button = byId('lessons-button', HTMLButtonElement);
  button.addEventListener('click', () => void load().then(() => button.click()), { once: true });
  return {
    lock: () => loaded?.lock(),
    check: () => loaded?.check(),
    end: () => loaded?.end(),
    /** @param {import('./lesson.js').Lesson} lesson */
    open: async (lesson) => (await load()).open(lesson),
  };
}

/**
 * "Why does it (not) learn?" loads its code the first time it is opened: it
 * is not part of what opening the page transfers.
 * @param {import('./store.js').App} app
 */
function lazyDiagnosis(app) {
  const details = byId('diagnosis', HTMLDetailsElement);
  /** @type {ReturnType<typeof import('./controls/diagnosis.js').setupDiagnosis> | null} */
  let loaded = null;
  /** @type {Promise<ReturnType<typeof import('./controls/diagnosis.js').setupDiagnosis>> | null} */
  let loading = null;
  const load = () => (loading ??= import('./controls/diagnosis.js').then(({ setupDiagnosis }) => (loaded = setupDiagnosis(app))));
  details.addEventListener('toggle', async () => {
    if (!details.open || loaded) return;
    const diagnosis = await load();
    diagnosis.opened();
  });
  // A button clicked before the code is there ("Find a learning rate") is clicked again once it is.
  holdUntilLoaded(details, load, () => loaded !== null, []);
  return { wantsHealth: () => details.open, update: () => loaded?.update() };
}

/** Record loads its code (and later the GIF encoder) when it is first clicked. @param {import('./store.js').App} app */
function lazyRecord(app) {
  const button = byId('record', HTMLButtonElement);
  const start = async () => {
    const { setupRecord } = await import('./controls/record.js');
    setupRecord(app);
    button.click();
  };
  button.addEventListener('click', () => void start(), { once: true });
}

/**
 * Compare loads its code when it is first used: a click on "Compare", or a
 * run A that a link brought.
 * @param {import('./store.js').App} app
 */
function lazyCompare(app) {
  /** @typedef {ReturnType<typeof import('./controls/compare.js').setupCompare>} CompareControls */
  /** @type {CompareControls | null} */
  let loaded = null;
  /** @type {Promise<CompareControls> | null} */
  let loading = null;
  const load = () => (loading ??= import('./controls/compare.js').then(({ setupCompare }) => (loaded = setupCompare(app))));
  // The first click takes its turn in the queue at once, so that a change made while the code loads applies to B.
  byId('compare', HTMLButtonElement).addEventListener(
    'click',
    () => {
      app.pause();
      void app.compare(/** @type {'start' | 'here'} */ (byId('compare-from', HTMLSelectElement).value));
      void load().then(() => app.render());
    },
    { once: true },
  );
  return {
    showsDifference: () => loaded?.showsDifference() ?? false,
    update() {
      if (loaded) loaded.update();
      else if (app.model.pinned) void load().then(() => app.render());
    },
  };
}

/** @typedef {ReturnType<typeof import('./controls/inspector.js').setupInspector>} Inspector */

/**
 * The Step inspector loads its code at the first touch of its panel (a focus, a click, a change, a key,
 * opening its tools) or of a weight on the diagram. What started the load is done again once the code
 * is there (a button's click, a field's change, Enter in a field), so nothing done before it is lost.
 * @param {import('./store.js').App} app
 */
function lazyInspector(app) {
  /** @type {Inspector | null} */
  let loaded = null;
  /** @type {Promise<Inspector> | null} */
  let loading = null;
  const load = () => (loading ??= import('./controls/inspector.js').then(({ setupInspector }) => (loaded = setupInspector(app))));
  holdUntilLoaded(/** @type {HTMLElement} */ (document.querySelector('.inspector-panel')), load, () => loaded !== null, [
    'focusin',
    'keydown',
  ]);
  const tools = /** @type {HTMLDetailsElement} */ (document.querySelector('.inspector-tools'));
  tools.addEventListener('toggle', () => void load().then(() => tools.dispatchEvent(new Event('toggle'))), { once: true });
  // The first weight clicked on the diagram: the inspector takes the pick over when it loads.
  app.onDiagramPick((index) => void load().then(() => app.diagram.pick?.(index)));
  return {
    /** @returns {ReturnType<Inspector['wants']>} */
    wants: () => loaded?.wants() ?? { trace: false, check: false },
    update: () => loaded?.update(),
    /** @param {Parameters<Inspector['showYours']>[0]} comparison */
    async showYours(comparison) {
      (await load()).showYours(comparison);
    },
  };
}

/**
 * Until a panel's code has loaded, its first touches load it, and what they started is done again
 * once it is there: a button's click, a field's change, Enter in a field. A field's own click goes on
 * (a checkbox toggles at once), so nothing done before the code is there is lost.
 * @param {HTMLElement} panel @param {() => Promise<unknown>} load @param {() => boolean} isLoaded
 * @param {string[]} loadOn further events that only start the load
 */
function holdUntilLoaded(panel, load, isLoaded, loadOn) {
  /** @param {Event} e */
  const again = (e) => {
    if (isLoaded()) return;
    const target = /** @type {HTMLElement} */ (e.target);
    const button = e.type === 'click' && target instanceof HTMLButtonElement;
    const enter = e instanceof KeyboardEvent && e.key === 'Enter' && target instanceof HTMLInputElement;
    if (!(button || enter || e.type === 'change')) return void load();
    e.preventDefault();
    e.stopImmediatePropagation();
    void load().then(() => {
      if (button) target.click();
      else if (enter) target.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
      else target.dispatchEvent(new Event('change', { bubbles: true }));
    });
  };
  for (const type of ['click', 'change', ...loadOn]) panel.addEventListener(type, again, { capture: true });
}

/**
 * "Check my code" loads its code when first opened, or when a record is dropped on the page.
 * @param {import('./store.js').App} app @param {ReturnType<typeof lazyInspector>} inspector
 */
function lazyCheck(app, inspector) {
  /** @type {Promise<ReturnType<typeof import('./controls/check.js').setupCheck>> | null} */
  let loading = null;
  let loaded = false;
  const load = () =>
    (loading ??= import('./controls/check.js').then(({ setupCheck }) => {
      loaded = true;
      return setupCheck(app, inspector);
    }));
  const panel = byId('check-code');
  panel.addEventListener('toggle', () => void load(), { once: true });
  // A file chosen or a button clicked before the code is there is done again once it is.
  holdUntilLoaded(panel, load, () => loaded, []);
  return {
    /** @param {string} text @param {string} name */
    async checkDropped(text, name) {
      (await load()).checkDropped(text, name);
    },
  };
}

/**
 * The confusion matrices load their code with the first network of several
 * outputs (classes are one-hot rows: the module decides).
 * @param {import('./store.js').App} app @param {{ ask: (values: number[]) => void }} ask
 */
function lazyConfusion(app, ask) {
  /** @type {ReturnType<typeof import('./controls/confusion.js').setupConfusion> | null} */
  let loaded = null;
  let loading = false;
  return {
    wants: () => loaded?.wants() ?? false,
    /** @param {import('../common/lab.js').Config} config */
    render(config) {
      if (loaded) return loaded.render(config);
      if (loading || config.layers[config.layers.length - 1] < 2) return;
      loading = true;
      void import('./controls/confusion.js').then(({ setupConfusion }) => {
        loaded = setupConfusion(app, ask);
        loaded.render(app.model.config);
        app.render();
      });
    },
    /** @param {import('../common/protocol.js').Confusion | null} confusion */
    update: (confusion) => loaded?.update(confusion),
  };
}
