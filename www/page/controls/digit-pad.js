// "Draw a digit": an 8 × 8 pad in "Ask the network", shown when the inputs
// form an 8 × 8 image (Digits). A stroke darkens the cells it crosses in the
// dataset's 17 grey levels (0–16, scaled to [0, 1] as the images are), and
// the drawing is the question: the answer's ten outputs follow as one draws.
// Keys: arrows move the cursor (from the top left after Clear drawing),
// Space or Enter darkens its cell, Delete or Backspace clears it.

import { byId } from '../ui/dom.js';
import { isPicture, pictureSide } from '../picture.js';
import { t } from '../i18n.js';

const LEVELS = 16;
/** Levels a stroke adds to the cell under it, and to its four neighbours. */
const INK = 8;
const SPREAD = 3;

/** @param {(values: number[]) => void} ask called with the drawing's 64 inputs */
export function setupDigitPad(ask) {
  const SIDE = pictureSide();
  const wrap = byId('digit-pad-wrap');
  const canvas = byId('digit-pad', HTMLCanvasElement);
  const clear = byId('clear-drawing', HTMLButtonElement);
  const ctx = canvas.getContext('2d');
  /** The drawing's grey levels, row by row. */
  const levels = new Array(SIDE * SIDE).fill(0);
  let cursor = 0;
  let drawing = false;
  /** The cell the stroke last darkened (a cell is darkened once per pass of the pointer). */
  let last = -1;

  const send = () => ask(levels.map((l) => l / LEVELS));

  /** Adds ink at cell (x, y) and around it. @param {number} x @param {number} y */
  function ink(x, y) {
    /** @param {number} cx @param {number} cy @param {number} amount */
    const add = (cx, cy, amount) => {
      if (cx < 0 || cy < 0 || cx >= SIDE || cy >= SIDE) return;
      levels[cy * SIDE + cx] = Math.min(LEVELS, levels[cy * SIDE + cx] + amount);
    };
    add(x, y, INK);
    for (const [dx, dy] of [
      [1, 0],
      [-1, 0],
      [0, 1],
      [0, -1],
    ])
      add(x + dx, y + dy, SPREAD);
  }

  /** @param {PointerEvent} e */
  function cellOf(e) {
    const box = canvas.getBoundingClientRect();
    const x = Math.floor(((e.clientX - box.left) / box.width) * SIDE);
    const y = Math.floor(((e.clientY - box.top) / box.height) * SIDE);
    return x >= 0 && y >= 0 && x < SIDE && y < SIDE ? y * SIDE + x : -1;
  }

  /** @param {PointerEvent} e */
  function stroke(e) {
    const cell = cellOf(e);
    if (cell < 0 || cell === last) return;
    last = cell;
    cursor = cell;
    ink(cell % SIDE, Math.floor(cell / SIDE));
    draw();
    send();
  }

  canvas.addEventListener('pointerdown', (e) => {
    drawing = true;
    last = -1;
    canvas.setPointerCapture(e.pointerId);
    stroke(e);
  });
  canvas.addEventListener('pointermove', (e) => {
    if (drawing) stroke(e);
  });
  canvas.addEventListener('pointerup', () => {
    drawing = false;
  });
  canvas.addEventListener('keydown', (e) => {
    const moves = /** @type {Record<string, number>} */ ({ ArrowLeft: -1, ArrowRight: 1, ArrowUp: -SIDE, ArrowDown: SIDE });
    if (e.key in moves) {
      const next = cursor + moves[e.key];
      const sameRow = Math.abs(moves[e.key]) === SIDE || Math.floor(next / SIDE) === Math.floor(cursor / SIDE);
      if (next >= 0 && next < SIDE * SIDE && sameRow) cursor = next;
    } else if (e.key === ' ' || e.key === 'Enter') {
      levels[cursor] = Math.min(LEVELS, levels[cursor] + INK);
      send();
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      levels[cursor] = 0;
      send();
    } else {
      return;
    }
    e.preventDefault();
    e.stopPropagation(); // the page's keys (Space: Play) are not meant while drawing
    draw();
  });
  canvas.addEventListener('focus', () => draw());
  canvas.addEventListener('blur', () => draw());
  clear.addEventListener('click', () => {
    levels.fill(0);
    cursor = 0;
    draw();
    send();
  });

  /** The drawing at the dataset's resolution: 8 × 8 cells in 17 greys, the cursor outlined while focused. */
  function draw() {
    if (!ctx) return;
    const size = canvas.width;
    const cell = size / SIDE;
    for (let i = 0; i < SIDE * SIDE; i++) {
      const shade = Math.round(255 * (1 - levels[i] / LEVELS));
      ctx.fillStyle = `rgb(${shade}, ${shade}, ${shade})`;
      ctx.fillRect((i % SIDE) * cell, Math.floor(i / SIDE) * cell, cell, cell);
    }
    if (document.activeElement === canvas) {
      ctx.strokeStyle = '#e66100';
      ctx.lineWidth = 2;
      ctx.strokeRect((cursor % SIDE) * cell + 1, Math.floor(cursor / SIDE) * cell + 1, cell - 2, cell - 2);
    }
    const dark = levels.filter((l) => l > LEVELS / 2).length;
    canvas.setAttribute(
      'aria-description',
      t('ask.pad-described', { dark, cells: SIDE * SIDE, row: Math.floor(cursor / SIDE) + 1, column: (cursor % SIDE) + 1 }),
    );
  }

  return {
    /** Shown when the inputs are an 8 × 8 image. @param {number} inputs */
    render(inputs) {
      const shown = isPicture(inputs);
      if (wrap.hidden === shown) wrap.hidden = !shown;
      if (shown) draw();
    },
  };
}
