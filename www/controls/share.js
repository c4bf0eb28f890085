// Save and share: Copy link, Export JSON / Import JSON (file picker or a file
// dropped on the page), Export PNG (the diagram and the loss curve at 2×),
// Export Python (views: export-python.js), Start over, and the autosave that
// brings the work back after a reload.

import { Model } from '../lab.js';
import { checked, linkTo, FORMAT, MAX_STATE_BYTES } from '../share.js';
import { pythonScript } from '../export-python.js';
import { el } from '../views/formulas.js';

/**
 * @typedef {import('../main.js').App} App
 * @typedef {import('../share.js').State} State
 */

/** Where the autosave lives in localStorage. */
export const AUTOSAVE_KEY = 'backprop-lab:state';

/** @param {string} id */
const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

/** Offers `blob` as a download named `name`. @param {Blob} blob @param {string} name */
function download(blob, name) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

/** @param {App} app */
export function setupShare(app) {
  const messages = byId('share-messages');
  const importInput = /** @type {HTMLInputElement} */ (byId('import-json'));
  let savedVersion = -1;
  let savedAt = 0;
  /** Nothing is saved until the page has read what was saved before (see `start`). */
  let started = false;

  /** @param {string} text @param {'status' | 'alert'} [role] */
  const tell = (text, role = 'status') => {
    const p = el('p', text);
    p.setAttribute('role', role);
    p.className = role === 'alert' ? 'error' : 'status';
    messages.replaceChildren(p);
  };

  byId('copy-link').addEventListener('click', async () => {
    const link = await linkTo(app.state());
    const field = /** @type {HTMLInputElement} */ (el('input'));
    field.readOnly = true;
    field.value = link;
    field.setAttribute('aria-label', 'Link to this state');
    field.className = 'link-field';
    let copied = false;
    try {
      await navigator.clipboard.writeText(link);
      copied = true;
    } catch {
      // No clipboard (a permission or an old browser): the field is there to copy from.
    }
    const note = el('p', copied ? `Link copied (${link.length} characters): it opens this network at iteration ${app.model.iteration}.` : 'Copy this link:');
    note.setAttribute('role', 'status');
    messages.replaceChildren(note, field);
    field.select();
  });

  byId('export-json').addEventListener('click', () => {
    const text = JSON.stringify(JSON.parse(app.model.save()), null, 1);
    download(new Blob([text], { type: 'application/json' }), 'backprop-lab-run.json');
    tell(`Exported iteration ${app.model.iteration} with its weights: backprop-lab-run.json (the command line's --config reads it and goes on).`);
  });

  /** Loads a saved run from a file's text; a bad one changes nothing. @param {File} file */
  async function importFile(file) {
    if (file.size > MAX_STATE_BYTES) return app.refuse(importInput, `Import JSON: the file is ${(file.size / 1e6).toFixed(0)} MB; at most ${MAX_STATE_BYTES / 1e6} MB`, messages);
    const text = await file.text();
    try {
      app.restore({ app: 'backprop-lab', format: FORMAT, saved: JSON.parse(text), points: null });
    } catch (e) {
      const message = e instanceof SyntaxError ? 'not valid JSON' : /** @type {Error} */ (e).message;
      return app.refuse(importInput, `Import JSON: ${file.name}: ${message}`, messages);
    }
    app.accept(importInput);
    tell(`Imported ${file.name}: iteration ${app.model.iteration}.`);
  }
  importInput.addEventListener('change', () => {
    const file = importInput.files?.[0];
    if (file) importFile(file);
    importInput.value = '';
  });
  document.addEventListener('dragover', (e) => {
    if (!e.dataTransfer?.types.includes('Files')) return;
    e.preventDefault();
    document.body.classList.add('dropping');
  });
  document.addEventListener('dragleave', () => document.body.classList.remove('dropping'));
  document.addEventListener('drop', (e) => {
    document.body.classList.remove('dropping');
    const file = e.dataTransfer?.files[0];
    if (!file) return;
    e.preventDefault();
    importFile(file);
  });

  byId('export-png').addEventListener('click', () => {
    const diagram = /** @type {HTMLCanvasElement} */ (byId('network-canvas'));
    const chart = /** @type {HTMLCanvasElement | null} */ (document.querySelector('#loss-chart canvas'));
    const scale = 2;
    const parts = [diagram, ...(chart ? [chart] : [])].map((c) => ({ c, w: c.clientWidth, h: c.clientHeight }));
    const width = parts.reduce((sum, p) => sum + p.w, 0) + 16 * (parts.length - 1);
    const height = Math.max(...parts.map((p) => p.h));
    const canvas = document.createElement('canvas');
    canvas.width = width * scale;
    canvas.height = height * scale;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.fillStyle = getComputedStyle(document.body).getPropertyValue('--panel').trim() || '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    let x = 0;
    for (const p of parts) {
      ctx.drawImage(p.c, x * scale, ((height - p.h) / 2) * scale, p.w * scale, p.h * scale);
      x += p.w + 16;
    }
    canvas.toBlob((blob) => {
      if (!blob) return tell('The picture could not be made.', 'alert');
      download(blob, 'backprop-lab.png');
      tell(`Exported backprop-lab.png (${canvas.width} × ${canvas.height}).`);
    }, 'image/png');
  });

  byId('export-python').addEventListener('click', () => {
    download(new Blob([pythonScript(app.model.save())], { type: 'text/x-python' }), 'backprop_lab_run.py');
    tell('Exported backprop_lab_run.py: run "python3 backprop_lab_run.py 1000" for the loss after 1,000 more iterations.');
  });

  byId('start-over').addEventListener('click', () => {
    localStorage.removeItem(AUTOSAVE_KEY);
    app.restore({ app: 'backprop-lab', format: FORMAT, saved: Model.presetConfig('xor'), points: null });
    tell('Started over: the first network, untrained.');
  });

  /** @type {ReturnType<typeof setTimeout> | null} */
  let pending = null;

  /** Writes the state to localStorage when it changed (at most every 2 s while playing, else 300 ms; a change in between is saved when that time is up). */
  function autosave(force = false) {
    if (!started) return;
    const now = performance.now();
    if (!force && app.model.version === savedVersion) return;
    const wait = (app.playing ? 2000 : 300) - (now - savedAt);
    if (!force && wait > 0) {
      pending ??= setTimeout(() => {
        pending = null;
        autosave();
      }, wait);
      return;
    }
    savedVersion = app.model.version;
    savedAt = now;
    try {
      localStorage.setItem(AUTOSAVE_KEY, JSON.stringify(app.state()));
    } catch {
      // Storage full or refused: the work stays in the page; links and files still save it.
    }
  }
  addEventListener('pagehide', () => autosave(true));

  return {
    autosave,
    /** Starts the autosave, once the page stands where the link or the last autosave left it. */
    start() {
      started = true;
      autosave(true);
    },
    /** The autosaved state, if there is one this page can read. @returns {State | null} */
    autosaved() {
      const text = localStorage.getItem(AUTOSAVE_KEY);
      if (!text) return null;
      try {
        return checked(text);
      } catch {
        localStorage.removeItem(AUTOSAVE_KEY);
        return null;
      }
    },
  };
}
