// Runs the engine's command line, so that browser tests can compare the
// page's numbers with it. `npm test` builds it fresh (the cargo tests run
// first); the debug build only, so that a stale release build is never used.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const BINARY = 'target/debug/backprop-lab';

/** @param {string[]} args @returns {{ iterations: number, loss: number, predictions: number[][] }} */
export function cli(args) {
  if (!existsSync(BINARY)) throw new Error('build the command line first: cargo build -p backprop-lab-cli');
  return JSON.parse(execFileSync(BINARY, args, { encoding: 'utf8' }));
}

/** Runs the command line for its exit alone (a file it writes, say). @param {string[]} args */
export function cliRun(args) {
  if (!existsSync(BINARY)) throw new Error('build the command line first: cargo build -p backprop-lab-cli');
  execFileSync(BINARY, args, { stdio: ['ignore', 'ignore', 'inherit'] });
}
