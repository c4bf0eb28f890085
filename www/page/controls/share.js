// Save and share: Copy link, Export JSON / Import JSON (file picker or a file
// dropped on the page), Export PNG (the diagram and the loss curve at 2×),
// Export Python, PyTorch and ONNX (the engine writes every file but the PNG,
// as the command line's `export` does) and Start over. The autosave that
// brings the work back after a reload is autosave.js's.

import numpyTemplate from '../../../crate/src/export/numpy.py?url';
import pytorchTemplate from '../../../crate/src/export/pytorch.py?url';
import { byId, offerDownload, offerLink } from '../ui/dom.js';
import { checked, linkTo, unpacked, FORMAT, MAX_STATE_BYTES, LINK_PREFIX } from '../share.js';
import { t } from '../i18n.js';
import { wordsOf } from '../ui/fields.js';

/**
 * @typedef {import('../store.js').App} App
 * @typedef {import('../share.js').State} State
 */

/** The scripts' templates (the engine fills them in), fetched when an export needs one. @type {Record<string, string>} */
const TEMPLATES = { numpy: numpyTemplate, pytorch: pytorchTemplate };

/** A file of the page's own, as text; rejects with why. @param {string} url */
async function fetchText(url) {
  let response;
  try {
    response = await fetch(url);
  } catch (e) {
    throw new Error(`its template could not be fetched (${/** @type {Error} */ (e).message})`);
  }
  if (!response.ok) throw new Error(t('share.template-not-fetched', { status: response.status }));
  return response.text();
}

/** The formats' names in messages. @type {Record<string, string>} */
const EXPORTS = { json: 'JSON', numpy: 'Python', pytorch: 'PyTorch', onnx: 'ONNX' };

/** How a learner's record begins (docs/numerics.md, "The record of a learner's program"). */
const RECORD = /"format"\s*:\s*"backprop-lab-record"/;

/**
 * @param {App} app @param {{ forget: () => void }} autosave @param {{ end: () => void }} lessons
 * @param {{ checkDropped: (text: string, name: string) => void }} records where a dropped record goes
 */
export function setupShare(app, autosave, lessons, records) {
  const importInput = /** @type {HTMLInputElement} */ (byId('import-json'));

  /** @param {string} text @param {'status' | 'alert'} [role] */
  const tell = (text, role = 'status') => app.messages.say('share', text, { role });

  byId('copy-link').addEventListener('click', async () => {
    const link = await linkTo(await app.state());
    const { field, copied } = await offerLink(link, t('share.link-field'));
    const text = copied ? t('share.link-copied', { characters: link.length, iteration: app.model.iteration }) : t('share.copy-this-link');
    app.messages.say('share', text, { extra: [field] });
    field.select();
  });

  /**
   * The run as the engine writes it in `format`, offered as a download; resolves to whether it was.
   * @param {string} format @param {string} name @param {string} type
   */
  async function exportAs(format, name, type) {
    try {
      const template = format in TEMPLATES ? await fetchText(TEMPLATES[format]) : undefined;
      offerDownload(new Blob([await app.model.request('export', { format, template })], { type }), name);
      return true;
    } catch (e) {
      tell(t('share.export-failed', { what: EXPORTS[format], error: wordsOf(e) }), 'alert');
      return false;
    }
  }

  byId('export-json').addEventListener('click', async () => {
    if (!(await exportAs('json', 'backprop-lab-run.json', 'application/json'))) return;
    const saved = JSON.parse(await app.model.request('save'));
    if (saved.weights) {
      tell(t('share.exported-json', { iteration: saved.iteration }));
    } else if (app.model.iteration > 0) {
      // A diverged run's numbers are not numbers any more: the file holds its settings and data.
      tell(t('share.exported-json-diverged'), 'alert');
    } else {
      tell(t('share.exported-json-start'));
    }
  });

  /** @param {string} text */
  const refuseImport = (text) => app.messages.say('share', t('share.import-refused', { why: text }), { role: 'alert', field: importInput });

  /** Loads a saved run from a file's text; a bad one changes nothing. @param {File} file */
  async function importFile(file) {
    // A learner's record ("Check my code") is checked, which changes nothing: no lock holds it back.
    if (RECORD.test(await file.slice(0, 4096).text())) return records.checkDropped(await file.text(), file.name);
    const locked = app.lockNote(null);
    if (locked) return refuseImport(locked);
    if (file.size > MAX_STATE_BYTES)
      return refuseImport(t('share.file-too-large', { size: (file.size / 1e6).toFixed(0), most: MAX_STATE_BYTES / 1e6 }));
    try {
      await app.open(await stateOf(await file.text()));
    } catch (e) {
      const message = e instanceof SyntaxError ? t('share.not-json') : wordsOf(e);
      return refuseImport(`${file.name}: ${message}`);
    }
    tell(t('share.imported', { name: file.name, iteration: app.model.iteration }));
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
      if (!blob) return tell(t('share.picture-failed'), 'alert');
      offerDownload(blob, 'backprop-lab.png');
      tell(t('share.exported-png', { width: canvas.width, height: canvas.height }));
    }, 'image/png');
  });

  byId('export-python').addEventListener('click', async () => {
    if (await exportAs('numpy', 'backprop_lab_run.py', 'text/x-python')) {
      tell(t('share.exported-numpy'));
    }
  });
  byId('export-pytorch').addEventListener('click', async () => {
    if (await exportAs('pytorch', 'backprop_lab_run_torch.py', 'text/x-python')) {
      tell(t('share.exported-pytorch'));
    }
  });
  byId('export-onnx').addEventListener('click', async () => {
    if (await exportAs('onnx', 'backprop-lab.onnx', 'application/octet-stream')) {
      tell(t('share.exported-onnx'));
    }
  });

  byId('start-over').addEventListener('click', async () => {
    await app.startOver();
    lessons.end();
    autosave.forget();
    tell(t('share.started-over'));
  });
}

/**
 * The page state a file holds: a saved run (Export JSON, or a config), the
 * page's own state (as a link or the autosave packs it), or a link to one.
 * @param {string} text @returns {Promise<State>}
 */
async function stateOf(text) {
  const trimmed = text.trim();
  const at = trimmed.indexOf(LINK_PREFIX);
  if (/^https?:\/\/\S+$/.test(trimmed) && at >= 0) return unpacked(trimmed.slice(at + LINK_PREFIX.length));
  const value = JSON.parse(trimmed);
  if (value && typeof value === 'object' && 'app' in value) return checked(trimmed);
  return { app: 'backprop-lab', format: FORMAT, saved: value, points: null };
}
