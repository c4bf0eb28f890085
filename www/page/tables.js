// Datasets whose rows come whole from elsewhere, with a held-out quarter:
// the handwritten digits and three real tables, their files fetched only when
// chosen (the engine reads them: crate/src/data/digits.rs, tables.rs), so
// that opening the page does not carry them.
// A link or a reload names the dataset, and its test rows come back from here.

import digits from '../../crate/data/digits.txt?url';
import breastCancer from '../../crate/data/breast-cancer.csv?url';
import wine from '../../crate/data/wine.csv?url';
import diabetes from '../../crate/data/diabetes.csv?url';
import { tablePreset } from '../common/lab.js';
import { t } from './i18n.js';
import { wordsOf } from './ui/fields.js';

/**
 * @typedef {import('../common/lab.js').Config} Config
 * @typedef {{ inputs: number[][], targets: number[][] }} Rows
 */

/** [the key of its label, preset name, the file's address]. @type {[import('./i18n.js').Key, string, string][]} */
export const HELD_OUT_DATASETS = [
  ['dataset.digits', 'digits', digits],
  ['dataset.breast-cancer', 'breast-cancer', breastCancer],
  ['dataset.wine', 'wine', wine],
  ['dataset.diabetes', 'diabetes', diabetes],
];

/**
 * A dataset's preset: its training rows in a config, and its held-out rows.
 * Rejects with a sentence when the file cannot be fetched or read (and `what` went wrong).
 * @param {string} name @returns {Promise<{ config: Config, test: Rows }>}
 */
export async function heldOutPreset(name) {
  const entry = HELD_OUT_DATASETS.find(([, n]) => n === name);
  if (!entry) throw new Error(t('dataset.unknown', { name }));
  const [key, , url] = entry;
  const label = t(key);
  let text;
  try {
    const response = await fetch(url);
    if (!response.ok) throw new Error(t('dataset.server-answered', { status: response.status }));
    text = await response.text();
  } catch (e) {
    throw failure(t('dataset.not-fetched', { label, error: /** @type {Error} */ (e).message }));
  }
  try {
    return tablePreset(name, text);
  } catch (e) {
    throw failure(t('dataset.not-read', { label, error: wordsOf(e) }));
  }
}

/**
 * A file that could not be had: the sentence for a choice (nothing changed), and `what` went wrong,
 * for a link whose training rows came without it.
 * @param {string} what
 */
const failure = (what) => Object.assign(new Error(t('dataset.nothing-changed', { what })), { what });
