// "Check my code": a learner's record (the starter kit's record.py writes it)
// checked against backpropagation by the engine's check room, in a wasm
// module of its own (checker/, www/pkg-checker; loaded with this code): the
// verdict in words, then, when asked, the record's run opened in the Step
// inspector at the first difference with the learner's numbers beside the
// lab's. The learner's own run is kept aside until "Back to my run".

import starterUrl from '../../../check/starter.py?url';
import recorderUrl from '../../../check/record.py?url';
import initChecker, { checkRecord } from '../../pkg-checker/backprop_lab_checker.js';
import { FORMAT } from '../share.js';
import { byId, el } from '../ui/dom.js';

/**
 * The verdict on a learner's record (the command line's `check --json`, plus `run`: the
 * record's config at its first weights, as a saved run; `yours`: the learner's numbers at the first
 * difference, in the lab's sign, as a trace's layers hold them).
 * @typedef {{ iteration: number, layer: number | null, quantity: string, index: number[], yours: number | null, expected: number | null }} CheckDifference
 * @typedef {{
 *   agrees: boolean, iterations: number, convention: 'gradient' | 'negative', first_difference: CheckDifference | null,
 *   mistakes: { id: string, layer: number | null, detail: string }[], run: object,
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

/** "Check my code"'s own wasm module (checker/), fetched with this panel's code: the page's engine leaves it out. */
let loaded = /** @type {Promise<unknown> | null} */ (null);

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
    await (loaded ??= initChecker());
    let verdict;
    try {
      if (record.length > MAX_RECORD_CHARS) throw new Error(`it is ${(record.length / 1e6).toFixed(0)} MB; at most 20 MB`);
      verdict = JSON.parse(checkRecord(record));
    } catch (e) {
      box.replaceChildren();
      app.messages.say('check', `${name}: ${/** @type {Error} */ (e).message}`, { role: 'alert', field });
      return;
    }
    for (const f of [text, file]) f.removeAttribute('aria-invalid');
    app.messages.settled();
    show(verdict, name);
  }

  /** @param {CheckVerdict} v @param {string} name */
  function show(v, name) {
    const convention =
      v.convention === 'negative'
        ? 'Your deltas and gradients are recorded negated (error = y − ŷ, as the seed keeps them): a convention, not a mistake.'
        : 'Your deltas and gradients are recorded as ∂loss/∂z and ∂loss/∂w.';
    const d = v.first_difference;
    if (!d) {
      box.replaceChildren(
        el('p', el('strong', `Your program agrees: ${v.iterations.toLocaleString('en')} iterations, every recorded number.`)),
        el('p', `${name}. ${convention}`),
      );
      return;
    }
    const where = d.layer === null ? d.quantity : `layer ${d.layer}, ${d.quantity}${d.index.length ? ` [${d.index.join(', ')}]` : ''}`;
    const mistakes = v.mistakes.length
      ? el('ul', ...v.mistakes.map((m) => el('li', el('code', m.id), m.layer === null ? '' : ` (layer ${m.layer})`, `: ${m.detail}.`)))
      : el('p', 'Not one of the mistakes the lab knows: compare your numbers with the inspector\u2019s, layer by layer.');
    const open = button('Open in the inspector');
    open.addEventListener('click', () => confirmOpen(v, open));
    box.replaceChildren(
      el('p', el('strong', 'Your program differs from backpropagation.'), ` ${convention}`),
      el(
        'p',
        `First difference: iteration ${d.iteration} (update ${d.iteration + 1}), ${where}: yours `,
        el('code', d.yours === null ? 'NaN' : String(d.yours)),
        ', backpropagation\u2019s ',
        el('code', d.expected === null ? 'NaN' : String(d.expected)),
        '.',
      ),
      ...(d.yours === null
        ? [el('p', 'Your number there is NaN (or infinite): look for an overflow or a division by zero before it.')]
        : []),
      mistakes,
      el('p', open),
    );
  }

  /** Asks before the record's run takes the page's place. @param {CheckVerdict} v @param {HTMLButtonElement} open */
  function confirmOpen(v, open) {
    const [replace, cancel] = [button('Replace my run'), button('Cancel')];
    const ask = el(
      'p',
      'This puts your program\u2019s run on the page in place of the one there now; "Back to my run" returns to it. ',
      replace,
      ' ',
      cancel,
    );
    open.closest('p')?.replaceWith(ask);
    cancel.addEventListener('click', () => ask.replaceWith(el('p', open)));
    replace.addEventListener('click', async () => {
      ask.replaceWith(el('p', 'Opening\u2026'));
      await openAt(v);
    });
    replace.focus();
  }

  /** The record's run at the first difference, in the inspector beside the learner's numbers. @param {CheckVerdict} v */
  async function openAt(v) {
    const d = /** @type {NonNullable<CheckVerdict['first_difference']>} */ (v.first_difference);
    const locked = app.lockNote(null);
    if (locked) {
      app.messages.say('check', `The record's run cannot be opened: ${locked}`, { role: 'alert' });
      return;
    }
    try {
      kept ??= await app.state();
      await app.open({ app: 'backprop-lab', format: FORMAT, saved: /** @type {any} */ (v.run), points: null });
      if (d.iteration > 0) await app.trainTo(d.iteration);
    } catch (e) {
      app.messages.say('check', `The record's run cannot be opened: ${/** @type {Error} */ (e).message}`, { role: 'alert' });
      return;
    }
    inspector.showYours(v.yours && { yours: v.yours, layer: d.layer ?? 1, phase: PHASE_OF[d.quantity] ?? 'forward' });
    const back = button('Back to my run');
    back.addEventListener('click', async () => {
      inspector.showYours(null);
      const state = kept;
      kept = null;
      if (state) await app.open(state);
      back.closest('p')?.replaceWith(el('p', 'Your run is back.'));
    });
    box
      .querySelector('p:last-child')
      ?.replaceWith(el('p', `Your program's run stands before iteration ${d.iteration}; the inspector shows it. `, back));
    byId('inspector-title').scrollIntoView({ block: 'start' });
  }

  byId('check-record').addEventListener('click', () => check(text.value, text, 'The pasted record'));
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
