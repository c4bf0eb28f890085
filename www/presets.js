// The named configs (docs/numerics.md's `--preset` names), as the engine
// writes them at build time (`cargo run --example presets`). The page's
// thread holds them; the engine's worker is handed the config it starts with.
// A point set's preset comes without its points: the engine's generator
// draws them again from the page's defaults and the seed, the same rows.

import PRESETS from './presets.json';
import { Model } from './lab.js';

/** A fresh copy of the named preset's config. @param {string} name @returns {import('./lab.js').Config} */
export function presetConfig(name) {
  const config = /** @type {Record<string, Omit<import('./lab.js').Config, 'data'> & { data?: import('./lab.js').Data }>} */ (PRESETS)[name];
  if (!config) throw new Error(`unknown preset "${name}"`);
  const copy = structuredClone(config);
  if (copy.data) return { ...copy, data: copy.data };
  const { points, noise, test_share: testShare } = Model.defaults.points;
  return { ...copy, data: Model.points(name, points, noise, testShare, copy.seed).train };
}
