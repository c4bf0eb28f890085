// "Check my code": a learner's record (the starter kit's record.py writes it)
// checked against backpropagation by the engine's check room, in a wasm
// module of its own run in a worker (worker/checker-worker.js, started at the
// first check): the verdict in words, then, when asked, the record's run
// opened in the Step inspector at the first difference with the learner's
// numbers beside the lab's. The learner's own run is kept aside until "Back
// to my run".

import starterUrl from '../../../check/starter.py?url';
import recorderUrl from '../../../check/record.py?url';
import { FORMAT } from '../share.js';
import { byId, el } from '../ui/dom.js';
import { t, tNodes, addEnglish, worded, onLanguage } from '../i18n.js';
import english from '../i18n/en/check.json' with { type: 'json' };
import { wordsOf } from '../ui/fields.js';

addEnglish(english);

/**
 * The verdict on a learner's record (the command line's `check --json`, plus `run`: the
 * record's config at its first weights, as a saved run; `yours`: the learner's numbers at the first
 * difference, in the lab's sign, as a trace's layers hold them).
 * @typedef {{ iteration: number, layer: number | null, quantity: string, index: number[], yours: number | null, expected: number | null }} CheckDifference
 * @typedef {{
 *   agrees: boolean, iterations: number, convention: 'gradient' | 'negative', first_difference: CheckDifference | null,
 *   mistakes: { id: string, layer: number | null, detail: string, words: { code: string, values: Record<string, string> } }[], run: object,
 *   yours: {
 *     iteration: number, loss: number | null, loss_differs: boolean,
 *     layers: Partial<Record<string, (number | null)[] | (number | null)[][]>>[], differs: Partial<Record<string, number[]>>[]
 *   } | null
 * }} CheckVerdict
 *
 * @typedef {import('../store.js').App} App
 * @typedef {{ showYours: ReturnType<typeof import('./inspector.js').setupInspector>['showYours'] }} Inspector
 */

/** The most characters of a record (20 MB, as the engine reads). */
const MAX_RECORD_CHARS = 20_000_000;

/** Where a quantity is walked in the inspector. @type {Record<string, 'forward' | 'loss' | 'backward' | 'gradients'>} */
const PHASE_OF = {
  z: 'forward',
  a: 'forward',
  loss: 'loss',
  delta: 'backward',
  grad_weights: 'gradients',
  grad_biases: 'gradients',
  weights_after: 'gradients',
  biases_after: 'gradients',
};

/** The checker's worker, started at the first check (its wasm module is fetched then). @type {Worker | null} */
let checker = null;
/** Checks waiting for the worker's answer, by id. @type {Map<number, { resolve: (verdict: string) => void, reject: (e: Error) => void }>} */
const waiting = new Map();
let nextId = 0;

/**
 * The checker's verdict on a record (its JSON text), or its refusal as an Error with the code and
 * values the page words it by.
 * @param {string} record @returns {Promise<string>}
 */
function checkInWorker(record) {
  if (!checker) {
    checker = new Worker(new URL('../../worker/checker-worker.js', import.meta.url), { type: 'module', name: 'checker' });
    checker.onmessage = ({ data }) => {
      const check = waiting.get(data?.id);
      if (!check) return;
      waiting.delete(data.id);
      if (data.ok) return check.resolve(String(data.verdict));
      check.reject(Object.assign(new Error(String(data.error)), { code: data.code, values: data.values }));
    };
    checker.onerror = (e) => {
      for (const check of waiting.values()) check.reject(new Error(e.message || 'the checker stopped'));
      waiting.clear();
      checker = null; // the next check starts another
    };
  }
  const id = nextId++;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    /** @type {Worker} */ (checker).postMessage({ id, record });
  });
}

/** A button of `text`. @param {string} text */
function button(text) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  return b;
}

/** @param {App} app @param {Inspector} inspector */
export function setupCheck(app, inspector) {
  byId('starter-py', HTMLAnchorElement).href = starterUrl;
  byId('record-py', HTMLAnchorElement).href = recorderUrl;
  const box = byId('check-verdict');
  const text = byId('record-text', HTMLTextAreaElement);
  const file = byId('record-file', HTMLInputElement);
  /** The learner's own run while the record's is on the page. @type {import('../share.js').State | null} */
  let kept = null;

  /**
   * Checks a record's text; a record that cannot be read is refused where it came from.
   * @param {string} record @param {HTMLElement} field @param {string} name
   */
  async function check(record, field, name) {
    let verdict;
    shown = null;
    box.replaceChildren(el('p', t('check.checking', { name })));
    try {
      if (record.length > MAX_RECORD_CHARS) throw new Error(t('check.too-large', { size: (record.length / 1e6).toFixed(0) }));
      verdict = JSON.parse(await checkInWorker(record));
    } catch (e) {
      box.replaceChildren();
      app.messages.say('check', `${name}: ${wordsOf(e)}`, { role: 'alert', field });
      return;
    }
    for (const f of [text, file]) f.removeAttribute('aria-invalid');
    app.messages.settled();
    show(verdict, name);
  }

  /** The verdict shown and what its last paragraph offers, so that a change of language words it again. */
  let shown = /** @type {{ v: CheckVerdict, name: string } | null} */ (null);
  /** @typedef {'open' | 'ask' | 'opening' | 'stands' | 'back'} Stage */
  /** @type {Stage} */
  let stage = 'open';
  onLanguage(() => shown && show(shown.v, shown.name));

  /** @param {CheckVerdict} v @param {string} name */
  function show(v, name) {
    if (shown?.v !== v) stage = 'open';
    shown = { v, name };
    const convention = t(v.convention === 'negative' ? 'check.convention-negative' : 'check.convention-gradient');
    const d = v.first_difference;
    if (!d) {
      box.replaceChildren(
        el('p', el('strong', t('check.agrees', { iterations: v.iterations.toLocaleString('en') }))),
        el('p', t('check.agrees-note', { name, convention })),
      );
      return;
    }
    const quantity = `${d.quantity}${d.index.length ? ` [${d.index.join(', ')}]` : ''}`;
    const where = d.layer === null ? d.quantity : t('check.where', { layer: d.layer, quantity });
    const mistakes = v.mistakes.length
      ? el(
          'ul',
          ...v.mistakes.map((m) =>
            el(
              'li',
              el('code', m.id),
              m.layer === null ? '' : t('check.mistake-layer', { layer: m.layer }),
              `: ${worded(m.words) ?? m.detail}.`,
            ),
          ),
        )
      : el('p', t('check.unknown-mistake'));
    box.replaceChildren(
      el('p', el('strong', t('check.differs')), ` ${convention}`),
      el(
        'p',
        ...tNodes('check.first-difference', {
          iteration: d.iteration,
          update: d.iteration + 1,
          where,
          yours: el('code', d.yours === null ? 'NaN' : String(d.yours)),
          expected: el('code', d.expected === null ? 'NaN' : String(d.expected)),
        }),
      ),
      ...(d.yours === null ? [el('p', t('check.nan'))] : []),
      mistakes,
      action(v),
    );
  }

  /** The verdict's last paragraph at its stage: Open, the question before replacing the run, the run standing with Back, back. @param {CheckVerdict} v */
  function action(v) {
    switch (stage) {
      case 'ask': {
        const [replace, cancel] = [button(t('check.replace')), button(t('check.cancel'))];
        cancel.addEventListener('click', () => toStage('open', v));
        replace.addEventListener('click', async () => {
          toStage('opening', v);
          await openAt(v);
        });
        queueMicrotask(() => replace.isConnected && replace.focus());
        return el('p', t('check.replace-note'), ' ', replace, ' ', cancel);
      }
      case 'opening':
        return el('p', t('check.opening'));
      case 'stands': {
        const back = button(t('check.back'));
        back.addEventListener('click', async () => {
          inspector.showYours(null);
          const state = kept;
          kept = null;
          if (state) await app.open(state);
          toStage('back', v);
        });
        return el('p', t('check.run-stands', { iteration: v.first_difference?.iteration ?? 0 }), ' ', back);
      }
      case 'back':
        return el('p', t('check.run-back'));
      default: {
        const open = button(t('check.open'));
        open.addEventListener('click', () => toStage('ask', v));
        return el('p', open);
      }
    }
  }

  /** Moves the verdict's last paragraph to `next` (when `v` is still the verdict shown). @param {Stage} next @param {CheckVerdict} v */
  function toStage(next, v) {
    if (shown?.v !== v) return;
    stage = next;
    box.lastElementChild?.replaceWith(action(v));
  }

  /** The record's run at the first difference, in the inspector beside the learner's numbers. @param {CheckVerdict} v */
  async function openAt(v) {
    const d = /** @type {NonNullable<CheckVerdict['first_difference']>} */ (v.first_difference);
    const locked = app.lockNote(null);
    if (locked) {
      toStage('open', v);
      app.messages.say('check', t('check.cannot-open', { why: locked }), { role: 'alert' });
      return;
    }
    try {
      kept ??= await app.state();
      await app.open({ app: 'backprop-lab', format: FORMAT, saved: /** @type {any} */ (v.run), points: null });
      if (d.iteration > 0) await app.trainTo(d.iteration);
    } catch (e) {
      toStage('open', v);
      app.messages.say('check', t('check.cannot-open', { why: /** @type {Error} */ (e).message }), { role: 'alert' });
      return;
    }
    inspector.showYours(v.yours && { yours: v.yours, layer: d.layer ?? 1, phase: PHASE_OF[d.quantity] ?? 'forward' });
    toStage('stands', v);
    byId('inspector-title').scrollIntoView({ block: 'start' });
  }

  byId('check-record').addEventListener('click', () => check(text.value, text, t('check.pasted')));
  file.addEventListener('change', async () => {
    const chosen = file.files?.[0];
    file.value = '';
    if (chosen) check(await chosen.text(), file, chosen.name);
  });

  return {
    /** A record dropped on the page. @param {string} record @param {string} name */
    checkDropped(record, name) {
      /** @type {HTMLDetailsElement} */ (byId('check-code')).open = true;
      check(record, file, name);
    },
  };
}
