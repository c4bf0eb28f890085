// The project's source files, for the checks that read them (rooms.mjs,
// sizes.mjs): every file under a folder whose name matches, wasm-bindgen's
// generated folders aside.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** wasm-bindgen's output: the engine's (pkg) and "Check my code"'s (pkg-checker). Not ours to read. */
export const GENERATED = ['pkg', 'pkg-checker'];

/** The files under `dir` whose names match `pattern`, at any depth. @param {string} dir @param {RegExp} pattern @returns {string[]} */
export const sourcesUnder = (dir, pattern) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return GENERATED.includes(name) ? [] : sourcesUnder(path, pattern);
    return pattern.test(name) ? [path] : [];
  });
