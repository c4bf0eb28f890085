// The house's sizes (docs/architecture.md): no source file of the engine,
// the command line or the front-end over 450 code lines, and no function
// over 200 (past that, it is a module of named functions waiting to be
// written). A code line is one that is neither blank nor only a comment;
// a Rust file's `#[cfg(test)]` module and the test folders do not count.
// Prints "sizes: N passed, M failed" (two checks: files, functions) and
// exits non-zero on a failure.
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { sourcesUnder } from './sources.mjs';

const ROOT = new URL('..', import.meta.url).pathname;
const MAX_FILE = 450;
const MAX_FUNCTION = 200;
/** Where the sources are. */
const SOURCES = ['crate/src', 'cli/src', 'www'];

/** The text without a Rust file's test module (it begins at `#[cfg(test)]` and runs to the end). @param {string} text */
const withoutTests = (text) => text.split(/^#\[cfg\(test\)\]/m)[0];

/** Whether a line is code: not blank, not only a comment (`//`, or a line of a block comment). @param {string} line */
const isCode = (line) => !/^\s*($|\/\/|\/\*|\*)/.test(line);

/** @param {string} text */
const codeLines = (text) => text.split('\n').filter(isCode).length;

/**
 * The JavaScript functions (declarations, methods, arrows, expressions) of a
 * file, outermost first, with their code lines.
 * @param {string} file @param {string} text @returns {{ name: string, line: number, lines: number }[]}
 */
function jsFunctions(file, text) {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  /** @type {{ name: string, line: number, lines: number }[]} */
  const found = [];
  /** @param {ts.Node} node */
  const visit = (node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = node.getStart(source);
      const body = text.slice(start, node.getEnd());
      const name = /** @type {any} */ (node).name?.getText(source) ?? nameOfHolder(node, source);
      found.push({ name, line: source.getLineAndCharacterOfPosition(start).line + 1, lines: codeLines(body) });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** An unnamed function's name: the variable or property it is given to. @param {ts.Node} node @param {ts.SourceFile} source */
function nameOfHolder(node, source) {
  const holder = node.parent;
  if (holder && (ts.isVariableDeclaration(holder) || ts.isPropertyAssignment(holder))) return holder.name.getText(source);
  return '(anonymous)';
}

/**
 * The Rust functions of a file with their code lines: from a line that
 * begins `fn` (after its modifiers) to the line that closes its body, by
 * counting braces outside strings, characters and comments.
 * @param {string} text @returns {{ name: string, line: number, lines: number }[]}
 */
function rustFunctions(text) {
  const lines = text.split('\n');
  /** @type {{ name: string, line: number, lines: number }[]} */
  const found = [];
  lines.forEach((line, i) => {
    const head = line.match(/^\s*(?:pub(?:\([^)]*\))?\s+)?(?:const\s+)?(?:async\s+)?(?:unsafe\s+)?fn\s+(\w+)/);
    if (!head) return;
    let depth = 0;
    let opened = false;
    for (let j = i; j < lines.length; j++) {
      for (const c of braces(lines[j])) {
        depth += c === '{' ? 1 : -1;
        opened = true;
      }
      if (!opened && /;\s*$/.test(lines[j])) return; // a declaration without a body (a trait's)
      if (opened && depth === 0) {
        found.push({ name: head[1], line: i + 1, lines: lines.slice(i, j + 1).filter(isCode).length });
        return;
      }
    }
  });
  return found;
}

/** The braces of a Rust line that are code (not in a string, a character or a comment). @param {string} line */
function braces(line) {
  const code = line
    .replace(/\/\/.*$/, '')
    .replace(/"(?:\\.|[^"\\])*"/g, '""')
    .replace(/'(?:\\.|[^'\\])'/g, "''");
  return [...code].filter((c) => c === '{' || c === '}');
}

/** @type {string[]} */
const tooLong = [];
/** @type {string[]} */
const tooLongFunctions = [];
const files = SOURCES.flatMap((dir) => sourcesUnder(join(ROOT, dir), /\.(rs|js|mjs)$/));
for (const file of files) {
  const name = relative(ROOT, file);
  const text = file.endsWith('.rs') ? withoutTests(readFileSync(file, 'utf8')) : readFileSync(file, 'utf8');
  const lines = codeLines(text);
  if (lines > MAX_FILE) tooLong.push(`${name}: ${lines} code lines (at most ${MAX_FILE})`);
  const functions = file.endsWith('.rs') ? rustFunctions(text) : jsFunctions(file, text);
  for (const f of functions) {
    if (f.lines > MAX_FUNCTION)
      tooLongFunctions.push(`${name}:${f.line}: function ${f.name} has ${f.lines} code lines (at most ${MAX_FUNCTION})`);
  }
}

// Two checks: the files' sizes, the functions'.
for (const p of [...tooLong, ...tooLongFunctions]) console.error(`  ${p}`);
const failed = [tooLong, tooLongFunctions].filter((found) => found.length > 0).length;
console.log(
  `sizes: ${2 - failed} passed, ${failed} failed (${files.length} source files; at most ${MAX_FILE} code lines a file, ${MAX_FUNCTION} a function)`,
);
process.exit(failed === 0 ? 0 : 1);
