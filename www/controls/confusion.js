// What a classifier gets wrong, where one can look at it: the confusion
// matrix of the training rows and of the held-out rows (true class by row,
// predicted class by column), and for pictures (Digits) a gallery of the
// misclassified held-out images; a click on one asks the network about it
// and shows it on the diagram (and in the Step inspector's forward pass).

import { byId, el } from '../dom.js';

/**
 * @typedef {import('../store.js').App} App
 * @typedef {import('../engine.js').Confusion} Confusion
 * @typedef {import('../lab.js').Config} Config
 */

/** Whether every target row is one-hot over at least two classes. @param {Config} config */
export function classifies(config) {
  const k = config.layers[config.layers.length - 1];
  return k >= 2 && config.data.targets.every((t) => t.filter((v) => v === 1).length === 1 && t.every((v) => v === 0 || v === 1));
}

/** @param {App} app @param {{ ask: (values: number[]) => void }} ask */
export function setupConfusion(app, ask) {
  const region = byId('confusion');
  const matrices = byId('confusion-tables');
  const gallery = byId('misclassified');
  const images = byId('misclassified-images');
  const onDiagram = byId('ask-on-diagram', HTMLInputElement);
  let shown = /** @type {Confusion | null} */ (null);
  let wanted = false;

  /** One matrix as a table: true class by row, predicted by column, the diagonal marked. @param {string} caption @param {number[]} counts @param {number} k */
  function table(caption, counts, k) {
    const head = el('tr', el('th', 'true ↓ predicted →'), ...Array.from({ length: k }, (_, j) => el('th', String(j))));
    const rows = Array.from({ length: k }, (_, i) => {
      const cells = Array.from({ length: k }, (_, j) => {
        const td = el('td', String(counts[i * k + j]));
        if (i === j) td.className = 'diagonal';
        else if (counts[i * k + j] > 0) td.className = 'wrong';
        return td;
      });
      return el('tr', el('th', String(i)), ...cells);
    });
    const total = counts.reduce((a, b) => a + b, 0);
    const right = Array.from({ length: k }, (_, i) => counts[i * k + i]).reduce((a, b) => a + b, 0);
    return el('table', el('caption', `${caption}: ${right} of ${total} right`), el('thead', head), el('tbody', ...rows));
  }

  /** An image of 64 inputs in [0, 1] as an 8 × 8 picture. @param {number[]} input */
  function picture(input) {
    const canvas = document.createElement('canvas');
    canvas.width = 8;
    canvas.height = 8;
    const ctx = canvas.getContext('2d');
    if (ctx) {
      const image = ctx.createImageData(8, 8);
      input.forEach((v, i) => {
        const shade = Math.round(255 * (1 - Math.min(1, Math.max(0, v))));
        image.data.set([shade, shade, shade, 255], 4 * i);
      });
      ctx.putImageData(image, 0, 0);
    }
    return canvas;
  }

  return {
    /** Whether the page shows the matrices (for the worker's view). */
    wants() {
      return wanted;
    },
    /** Shown for one-hot class targets. @param {Config} config */
    render(config) {
      wanted = classifies(config);
      region.hidden = !wanted;
      gallery.hidden = !wanted || config.layers[0] !== 64;
      if (!wanted) shown = null;
    },
    /** Draws the latest matrices (once each). @param {Confusion | null} confusion */
    update(confusion) {
      if (!wanted || !confusion || confusion === shown) return;
      shown = confusion;
      const k = confusion.classes;
      matrices.replaceChildren(table('Training rows', confusion.train, k), ...(confusion.test ? [table('Test rows', confusion.test, k)] : []));
      if (gallery.hidden) return;
      images.replaceChildren(
        ...confusion.wrong.map((w) => {
          const button = el('button', picture(w.input), el('span', `${w.predicted} (is ${w.actual})`));
          button.setAttribute('aria-label', `Test image ${w.row + 1}: predicted ${w.predicted}, is ${w.actual}`);
          button.addEventListener('click', () => {
            ask.ask(w.input);
            onDiagram.checked = true;
            app.showQuestion(true);
          });
          return button;
        }),
      );
      if (confusion.wrong.length === 0) images.replaceChildren(el('p', 'No test image is misclassified.'));
    },
  };
}
