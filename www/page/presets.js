// The named configs (docs/numerics.md's `--preset` names), as the engine
// writes them at build time (`cargo run --example presets`). The page's
// thread holds them; the engine's worker is handed the config it starts with.
// A point set's preset comes without its points: the engine's generator
// draws them again from the page's defaults and the seed, the same rows.

import PRESETS from './presets.json';
import { defaults, drawPoints } from '../common/lab.js';
import { HELD_OUT_DATASETS, heldOutPreset } from './tables.js';

/** The presets' names (the engine's list: the command line's `--preset`), in a sentence. */
const expected = () => `expected one of ${defaults.presets.join(', ')}`;

/** A fresh copy of the named preset's config (one that presets.json holds). @param {string} name @returns {import('../common/lab.js').Config} */
export function presetConfig(name) {
  const all = /** @type {Record<string, Omit<import('../common/lab.js').Config, 'data'> & { data?: import('../common/lab.js').Data }>} */ (
    PRESETS
  );
  // Own names only: "constructor" or "__proto__" are not presets.
  const config = Object.hasOwn(all, name) ? all[name] : undefined;
  if (!config) throw new Error(`unknown preset "${name}"; ${expected()}`);
  const copy = structuredClone(config);
  if (copy.data) return { ...copy, data: copy.data };
  const { points, noise, test_share: testShare } = defaults.points;
  return { ...copy, data: drawPoints(name, points, noise, testShare, copy.seed).train };
}

/**
 * Any preset of the engine's list as a config: presets.json's, or a dataset
 * whose rows come whole from elsewhere (digits, the tables: tables.js), with
 * the name of those held-out rows' dataset.
 * @param {string} name @returns {Promise<{ config: import('../common/lab.js').Config, heldOut: string | null }>}
 */
export async function presetRun(name) {
  if (HELD_OUT_DATASETS.some(([, n]) => n === name)) return { config: (await heldOutPreset(name)).config, heldOut: name };
  return { config: presetConfig(name), heldOut: null };
}
