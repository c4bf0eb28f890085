// Datasets whose rows come whole from elsewhere, with a held-out quarter:
// the handwritten digits and three real tables, their files fetched only when
// chosen (the engine reads them: crate/src/data/digits.rs, tables.rs), so
// that opening the page does not carry them.
// A link or a reload names the dataset, and its test rows come back from here.

import digits from '../../crate/data/digits.txt?url';
import breastCancer from '../../crate/data/breast-cancer.csv?url';
import wine from '../../crate/data/wine.csv?url';
import diabetes from '../../crate/data/diabetes.csv?url';
import { Model } from '../common/lab.js';

/**
 * @typedef {import('../common/lab.js').Config} Config
 * @typedef {{ inputs: number[][], targets: number[][] }} Rows
 */

/** [label, preset name, the file's address]. @type {[string, string, string][]} */
export const HELD_OUT_DATASETS = [
  ['Digits (1,797 handwritten 8×8)', 'digits', digits],
  ['Breast cancer (569 tumours, 30 measurements)', 'breast-cancer', breastCancer],
  ['Wine (178 wines, 13 measurements)', 'wine', wine],
  ['Diabetes (442 patients, progression)', 'diabetes', diabetes],
];

/**
 * A dataset's preset: its training rows in a config, and its held-out rows.
 * Rejects with a sentence when the file cannot be fetched or read.
 * @param {string} name @returns {Promise<{ config: Config, test: Rows }>}
 */
export async function heldOutPreset(name) {
  const entry = HELD_OUT_DATASETS.find(([, n]) => n === name);
  if (!entry) throw new Error(`no dataset is called "${name}"`);
  const [label, , url] = entry;
  let text;
  try {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`the server answered ${response.status}`);
    text = await response.text();
  } catch (e) {
    throw new Error(`${label} could not be fetched (${/** @type {Error} */ (e).message}); nothing changed.`);
  }
  try {
    return name === 'digits' ? Model.digits(text) : Model.tablePreset(name, text);
  } catch (e) {
    throw new Error(`${label}'s file could not be read (${/** @type {Error} */ (e).message}); nothing changed.`);
  }
}
