// Whether the page saves its work in this browser: decided here, and only here.
//
// - The page saves what it shows, when it changed: paused, as soon as the
//   engine's worker has handed the state over (one request at a time, so
//   quick edits are saved together), every 2 s while playing, and when the
//   page is hidden.
// - It never saves over work it has not shown. When the browser holds work
//   that the page did not open (a link that failed, a lesson, another
//   version's data, a save the engine refuses), saving is held: a lasting
//   message offers "Open saved work" and "Save this instead", and nothing is
//   written until the learner chooses.
// - A save the browser refuses (storage full or disabled) is said once, with
//   what still saves the work (Export JSON, Copy link); the older save is
//   marked with what could not be saved, so that a reload never presents it
//   as the current work.
// - Tabs never overwrite each other's work. Each tab has an id (kept in its
//   sessionStorage, so a reload keeps it); the work saved last is under
//   AUTOSAVE_KEY with its tab's id. A tab that saves over another tab's work
//   first moves that work aside, under the other tab's id, so a reload of
//   either tab reopens its own work; a new tab opens the work saved last.

import { checked } from './share.js';
import { t } from './i18n.js';

/** Where the work lives in localStorage. */
const AUTOSAVE_KEY = 'backprop-lab:state';
/**
 * Whether the saved work is the page's latest: "saved " or "stale " and the
 * time. Both are as long, so that marking a save stale takes no more room in
 * a full storage.
 */
const STATUS_KEY = 'backprop-lab:status';

/** Which tab saved the work under AUTOSAVE_KEY. */
const OWNER_KEY = 'backprop-lab:owner';
/** Where another tab's work is kept aside, and its status, by the tab's id. @param {string} tab */
const asideKey = (tab) => `backprop-lab:state:${tab}`;
/** @param {string} tab */
const asideStatusKey = (tab) => `backprop-lab:status:${tab}`;
/** Other tabs' work kept at most (the oldest goes first). */
const MAX_ASIDE = 3;

/** @param {'saved' | 'stale'} word */
const status = (word) => `${word} ${new Date().toISOString()}`;

/**
 * What the browser holds:
 * - `none`: nothing;
 * - `state`: a state this page reads (`unsaved`: later work could not be saved over it);
 * - `unreadable`: something under the key that this page cannot read (why says it).
 * @typedef {import('./share.js').State} State
 * @typedef {{ kind: 'none', unsaved: boolean }
 *   | { kind: 'state', state: State, iteration: number, unsaved: boolean }
 *   | { kind: 'unreadable', why: string }} Held
 */

/** localStorage's three calls, none of which throws (a disabled storage throws even on access). */
const storage = {
  /** @param {string} key */
  get(key) {
    try {
      return localStorage.getItem(key);
    } catch {
      return null;
    }
  },
  /** @param {string} key @param {string} value @returns {Error | null} */
  set(key, value) {
    try {
      localStorage.setItem(key, value);
      return null;
    } catch (e) {
      return e instanceof Error ? e : new Error(String(e));
    }
  },
  /** @param {string} key */
  remove(key) {
    try {
      localStorage.removeItem(key);
    } catch {
      // Nothing to remove where nothing can be stored.
    }
  },
};

/** This tab's id: kept in the tab's sessionStorage, so that a reload keeps it. */
const TAB = (() => {
  const key = 'backprop-lab:tab';
  try {
    const id = sessionStorage.getItem(key) ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
    sessionStorage.setItem(key, id);
    return id;
  } catch {
    return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`; // no session storage: a tab of its own each load
  }
})();

/** Where this tab's work is: its own kept aside when another tab saved since, else the work saved last. */
function place() {
  const owner = storage.get(OWNER_KEY);
  if (owner !== null && owner !== TAB && storage.get(asideKey(TAB)) !== null) return { key: asideKey(TAB), status: asideStatusKey(TAB) };
  return { key: AUTOSAVE_KEY, status: STATUS_KEY };
}

/** What the browser holds for this page (this tab's work). @returns {Held} */
export function held() {
  const where = place();
  const unsaved = storage.get(where.status)?.startsWith('stale') ?? false;
  const text = storage.get(where.key);
  if (text === null) return { kind: 'none', unsaved };
  try {
    const state = checked(text);
    const iteration = Number(/** @type {any} */ (state.saved).iteration ?? 0);
    return { kind: 'state', state, iteration, unsaved };
  } catch (e) {
    return { kind: 'unreadable', why: /** @type {Error} */ (e).message };
  }
}

/**
 * @param {{
 *   state: () => Promise<State>,
 *   version: () => number,
 *   playing: () => boolean,
 *   messages: import('./ui/messages.js').Messages,
 *   open: (state: State) => Promise<void>,
 * }} page what the autosave reads of the page (the state comes from the engine's worker), and how it opens saved work
 */
export function createAutosave(page) {
  const { messages } = page;
  /** `waiting` until the page stands where it opened; `held` while the browser keeps work the page did not show. */
  let mode = /** @type {'waiting' | 'on' | 'held' | 'memory'} */ ('waiting');
  let savedVersion = -1;
  let savedAt = -Infinity;
  let failing = false;
  /** A state asked of the engine and not yet here. */
  let fetching = false;
  /** @type {ReturnType<typeof setTimeout> | null} */
  let pending = null;

  /** Asks the engine for the state and writes it (one request at a time; a change meanwhile is saved after). */
  function fetchAndWrite() {
    if (fetching) return;
    fetching = true;
    const version = page.version();
    page
      .state()
      .then((state) => {
        if (mode === 'on') write(state, version);
        else [savedVersion, savedAt] = [version, performance.now()]; // fetched, kept by the page, not written
      })
      .catch(() => {
        // The engine could not say (it is gone): nothing newer to save.
      })
      .finally(() => {
        fetching = false;
        if (mode !== 'waiting' && page.version() !== savedVersion) save();
      });
  }

  /** @param {State} state @param {number} version */
  function write(state, version) {
    savedVersion = version;
    savedAt = performance.now();
    const where = makeRoom();
    const error = storage.set(where.key, JSON.stringify(state));
    if (!error) {
      storage.set(where.status, status('saved'));
      if (where.key === AUTOSAVE_KEY) {
        storage.set(OWNER_KEY, TAB);
        storage.remove(asideKey(TAB));
        storage.remove(asideStatusKey(TAB));
      }
      if (failing) messages.take('share', 'autosave');
      failing = false;
      return;
    }
    // The older save must not pass for this work: mark it, or drop it if even the mark cannot be written.
    if (storage.set(where.status, status('stale'))) storage.remove(where.key);
    if (failing) return;
    failing = true;
    const why = error.name === 'QuotaExceededError' ? t('autosave.full') : t('autosave.refused', { error: error.message });
    messages.say('share', t('autosave.no-longer', { why }), { role: 'alert', key: 'autosave' });
  }

  /**
   * Where this tab's save goes. The work saved last is another tab's: it is
   * moved aside under that tab's id first (the oldest aside beyond
   * MAX_ASIDE goes); if it cannot be moved, this tab's work goes aside instead.
   */
  function makeRoom() {
    const owner = storage.get(OWNER_KEY);
    if (owner === null || owner === TAB) return { key: AUTOSAVE_KEY, status: STATUS_KEY };
    // Another tab's work (read only then: it may be megabytes).
    const other = storage.get(AUTOSAVE_KEY);
    if (other === null) return { key: AUTOSAVE_KEY, status: STATUS_KEY };
    const moved = !storage.set(asideKey(owner), other) && !storage.set(asideStatusKey(owner), storage.get(STATUS_KEY) ?? status('saved'));
    if (!moved) {
      storage.remove(asideKey(owner));
      return { key: asideKey(TAB), status: asideStatusKey(TAB) };
    }
    storage.remove(OWNER_KEY);
    dropOldestAside();
    return { key: AUTOSAVE_KEY, status: STATUS_KEY };
  }

  /** Keeps at most MAX_ASIDE other tabs' work: the least recently saved goes. */
  function dropOldestAside() {
    const prefix = asideKey('');
    /** @type {{ tab: string, at: string }[]} */
    let aside = [];
    try {
      aside = Object.keys(localStorage)
        .filter((k) => k.startsWith(prefix))
        .map((k) => ({ tab: k.slice(prefix.length), at: storage.get(asideStatusKey(k.slice(prefix.length)))?.slice(6) ?? '' }));
    } catch {
      return;
    }
    aside.sort((a, b) => (a.at < b.at ? -1 : 1));
    for (const { tab } of aside.slice(0, Math.max(0, aside.length - MAX_ASIDE))) {
      storage.remove(asideKey(tab));
      storage.remove(asideStatusKey(tab));
    }
  }

  /**
   * Saves the state when it changed (or at once, if `force`): paused, as soon
   * as the engine has said it; while playing, every 2 s.
   */
  function save(force = false) {
    // Held or embedded, the state is still fetched (the page restarts a stopped engine from it), not written.
    if (mode === 'waiting') return;
    if (!force && page.version() === savedVersion) return;
    const wait = page.playing() ? 2000 - (performance.now() - savedAt) : 0;
    if (!force && wait > 0) {
      pending ??= setTimeout(() => {
        pending = null;
        save();
      }, wait);
      return;
    }
    fetchAndWrite();
  }
  // Hidden (a tab switched, the page closing): the engine is asked once more.
  addEventListener('pagehide', () => save(true));
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') save(true);
  });

  /** Saving starts (or goes on) with the page's current work. */
  function resume() {
    mode = 'on';
    messages.take('share', 'autosave');
    failing = false;
    save(true);
  }

  /** Holds the browser's work: saves nothing until the learner chooses. @param {Held} what */
  function hold(what) {
    mode = 'held';
    if (what.kind === 'none') return resume();
    /** @type {import('./ui/messages.js').Action[]} */
    const actions = [];
    let text;
    if (what.kind === 'state') {
      text = t('autosave.held', { iteration: what.iteration });
      actions.push({
        label: t('autosave.open-saved'),
        run: async () => {
          const now = held();
          if (now.kind !== 'state') return hold(now);
          try {
            await page.open(now.state);
          } catch (e) {
            return hold({ kind: 'unreadable', why: /** @type {Error} */ (e).message });
          }
          resume();
        },
      });
    } else {
      text = t('autosave.held-unreadable', { why: what.why });
    }
    actions.push({ label: t('autosave.save-instead'), run: resume });
    messages.say('share', text, { role: 'status', key: 'autosave', actions });
  }

  return {
    save,
    /**
     * Starts saving once the page stands where it opened. `kept`: the browser
     * holds work that the page did not open (then saving is held).
     * @param {{ kept?: Held }} [how]
     */
    start(how = {}) {
      if (how.kept && how.kept.kind !== 'none') hold(how.kept);
      else resume();
    },
    /** Fetches the state as it changes, but writes nothing (the embedded page). */
    remember() {
      mode = 'memory';
      save(true);
    },
    /** Forgets this tab's saved work (Start over); saving goes on from what the page shows. */
    forget() {
      const where = place();
      storage.remove(where.key);
      storage.remove(where.status);
      if (where.key === AUTOSAVE_KEY) storage.remove(OWNER_KEY);
      savedVersion = -1;
      if (mode === 'on' || mode === 'held') resume();
    },
  };
}
