// The named configs (docs/numerics.md's `--preset` names), as the engine
// writes them at build time (`cargo run --example presets`). The page's
// thread holds them; the engine's worker is handed the config it starts with.

import PRESETS from './presets.json';

/** A fresh copy of the named preset's config. @param {string} name @returns {import('./lab.js').Config} */
export function presetConfig(name) {
  const config = /** @type {Record<string, import('./lab.js').Config>} */ (PRESETS)[name];
  if (!config) throw new Error(`unknown preset "${name}"`);
  return structuredClone(config);
}
