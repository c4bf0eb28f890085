// What a classifier gets wrong, where one can look at it: the confusion
// matrix of the training rows and of the held-out rows (true class by row,
// predicted class by column), and for pictures (Digits) a gallery of the
// misclassified held-out images; a click on one asks the network about it
// and shows it on the diagram (and in the Step inspector's forward pass).

import { byId, el } from '../ui/dom.js';
import { isPicture, pictureSide } from '../picture.js';
import { language, t, addEnglish } from '../i18n.js';
import english from '../i18n/en/confusion.json' with { type: 'json' };

addEnglish(english);

/**
 * @typedef {import('../store.js').App} App
 * @typedef {import('../../common/protocol.js').Confusion} Confusion
 * @typedef {import('../../common/lab.js').Config} Config
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
  // While playing the matrices come ten times a second: the tables and the
  // gallery's buttons are made once and then only their changes are written.
  /** The matrices' tables, for `shape` (classes, and whether there are test rows). */
  let tables = { shape: '', fill: /** @type {((confusion: Confusion) => void)[]} */ ([]) };
  /** The gallery's buttons by test row. @type {Map<number, HTMLElement>} */
  let buttons = new Map();

  /**
   * One matrix as a table (true class by row, predicted by column, the
   * diagonal marked) and the function that writes its counts into it.
   * @param {string} caption @param {number} k @returns {[HTMLElement, (counts: number[]) => void]}
   */
  function table(caption, k) {
    const head = el('tr', el('th', t('confusion.corner')), ...Array.from({ length: k }, (_, j) => el('th', String(j))));
    const cells = Array.from({ length: k * k }, () => el('td', ''));
    const rows = Array.from({ length: k }, (_, i) => el('tr', el('th', String(i)), ...cells.slice(i * k, (i + 1) * k)));
    const title = el('caption', '');
    /** @param {HTMLElement} node @param {string} text */
    const write = (node, text) => {
      if (node.textContent !== text) node.textContent = text;
    };
    /** @param {number[]} counts */
    const fill = (counts) => {
      cells.forEach((td, n) => {
        write(td, String(counts[n]));
        const kind = n % (k + 1) === 0 ? 'diagonal' : counts[n] > 0 ? 'wrong' : '';
        if (td.className !== kind) td.className = kind;
      });
      const total = counts.reduce((a, b) => a + b, 0);
      const right = Array.from({ length: k }, (_, i) => counts[i * k + i]).reduce((a, b) => a + b, 0);
      write(title, t('confusion.caption', { caption, right, total }));
    };
    return [el('table', title, el('thead', head), el('tbody', ...rows)), fill];
  }

  /** The matrices' tables for this shape, made when it changes. @param {Confusion} confusion */
  function showMatrices(confusion) {
    const k = confusion.classes;
    const shape = `${k} ${Boolean(confusion.test)} ${language()}`;
    if (tables.shape !== shape) {
      const [train, fillTrain] = table(t('confusion.training-rows'), k);
      const test = confusion.test ? table(t('confusion.test-rows'), k) : null;
      matrices.replaceChildren(train, ...(test ? [test[0]] : []));
      tables = { shape, fill: [(c) => fillTrain(c.train), ...(test ? [(/** @type {Confusion} */ c) => test[1](c.test ?? [])] : [])] };
    }
    for (const fill of tables.fill) fill(confusion);
  }

  /** A button for a misclassified test image: a click asks the network about it. @param {Confusion['wrong'][number]} w */
  function imageButton(w) {
    const button = el('button', picture(w.input), el('span', t('confusion.predicted-is', { predicted: w.predicted, actual: w.actual })));
    button.setAttribute('aria-label', t('confusion.image-label', { row: w.row + 1, predicted: w.predicted, actual: w.actual }));
    button.addEventListener('click', () => {
      ask.ask(w.input);
      onDiagram.checked = true;
      app.showQuestion(true);
    });
    return button;
  }

  /** The gallery: buttons kept for the images still misclassified the same way, made for the new ones. @param {Confusion} confusion */
  function showGallery(confusion) {
    const next = new Map();
    for (const w of confusion.wrong) {
      const key = w.row * 100 + w.predicted;
      next.set(key, buttons.get(key) ?? imageButton(w));
    }
    const same = next.size === buttons.size && [...next.keys()].every((key, n) => [...buttons.keys()][n] === key);
    buttons = next;
    if (same && next.size > 0) return;
    images.replaceChildren(...(next.size > 0 ? next.values() : [el('p', t('confusion.none-wrong'))]));
  }

  /** An image's inputs in [0, 1] as its picture. @param {number[]} input */
  function picture(input) {
    const canvas = document.createElement('canvas');
    const side = pictureSide();
    canvas.width = side;
    canvas.height = side;
    const ctx = canvas.getContext('2d');
    if (ctx) {
      const image = ctx.createImageData(side, side);
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
      gallery.hidden = !wanted || !isPicture(config.layers[0]);
      if (!wanted) shown = null;
      // New data: the gallery's images are other images.
      buttons = new Map();
    },
    /** Draws the latest matrices (once each). @param {Confusion | null} confusion */
    update(confusion) {
      if (!wanted || !confusion || confusion === shown) return;
      shown = confusion;
      showMatrices(confusion);
      if (!gallery.hidden) showGallery(confusion);
    },
  };
}
