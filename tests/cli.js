// Runs the engine's command line (built by `cargo test` / `cargo build`), so
// that browser tests can compare the page's numbers with it.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const candidates = ['target/release/backprop-lab', 'target/debug/backprop-lab'];

/** @param {string[]} args @returns {{ iterations: number, loss: number, predictions: number[][] }} */
export function cli(args) {
  const binary = candidates.find((c) => existsSync(c));
  if (!binary) throw new Error('build the command line first: cargo build -p backprop-lab-cli');
  return JSON.parse(execFileSync(binary, args, { encoding: 'utf8' }));
}
