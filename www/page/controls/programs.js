// The seed's programs one click away, and "Train to": the course's single
// neuron, its 3-layer challenge and Ludo's n-layer network, each set up as
// the command line's preset of the same name (network, biases, activations,
// loss, update, optimizer, seed, data), with what the seed's program printed
// beside the page's own number.

import { byId } from '../ui/dom.js';
import { parseNumber } from '../ui/fields.js';
import { presetConfig } from '../presets.js';
import { replaceConfig } from '../../common/lab.js';
import { t } from '../i18n.js';

/** @typedef {import('../store.js').App} App */

/**
 * Each program: its preset, the question it asks, how far its program
 * trains, and what that program printed.
 * @type {Record<string, { question: number[] | null, iterations: number, printed: import('../i18n.js').Key }>}
 */
const PROGRAMS = {
  'siraj-neuron': {
    question: [1, 0, 0],
    iterations: 10_000,
    printed: 'programs.siraj-printed',
  },
  'three-layer-challenge': {
    question: [1, 0, 0],
    iterations: 10_000,
    printed: 'programs.challenge-printed',
  },
  'ludo-xor': {
    question: null,
    iterations: 1_000_000,
    printed: 'programs.ludo-printed',
  },
};

/** @param {App} app @param {{ ask: (values: number[]) => void }} ask */
export function setupPrograms(app, ask) {
  const select = byId('seed-program', HTMLSelectElement);
  const target = byId('train-to', HTMLInputElement);
  const progress = byId('train-to-progress', HTMLProgressElement);
  const note = byId('seed-printed');

  select.addEventListener('change', async () => {
    const name = select.value;
    const program = PROGRAMS[name];
    if (!program) return;
    const ok = await app.change((c) => replaceConfig(c, presetConfig(name)), select);
    if (!ok) return;
    if (program.question) ask.ask(program.question);
    target.value = String(program.iterations);
    note.dataset.i18n = program.printed;
    note.textContent = t(program.printed);
  });

  const trainTo = () => {
    const n = parseNumber(target.value, t('training.train-to-iteration'), { integer: true });
    if (n instanceof Error || n < 0) return app.refuse(target, n instanceof Error ? n.message : t('programs.zero-or-more'));
    app.accept(target);
    void app.trainTo(n);
  };
  byId('train-to-button', HTMLButtonElement).addEventListener('click', trainTo);
  target.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') trainTo();
  });

  return {
    /** The progress of "Train to" (hidden when not training to an iteration). @param {number} iteration @param {{ to: number, from: number } | null} to */
    update(iteration, to) {
      if (progress.hidden !== !to) progress.hidden = !to;
      if (!to) return;
      progress.max = Math.max(1, to.to - to.from);
      progress.value = Math.min(progress.max, Math.max(0, iteration - to.from));
    },
    /** The program's name and note go when the network or data are no longer the program's. @param {import('../../common/lab.js').Config} config */
    render(config) {
      if (!select.value) return;
      const program = presetConfig(select.value);
      if (JSON.stringify([config.layers, config.data]) === JSON.stringify([program.layers, program.data])) return;
      select.value = '';
      note.textContent = '';
    },
  };
}
