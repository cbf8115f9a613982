// Small helpers shared by the VS Code test runner's steps.
import { dirname, join } from 'node:path';
import { clearTimeout } from 'node:timers';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Where screenshots and the code-server log go (gitignored). */
export const outputDir = join(root, 'test-output', 'vscode');

/** Progress goes to stderr: stdout carries the mocha reports and the closing count. */
export function log(message) {
  process.stderr.write(`[test:vscode] ${message}\n`);
}

/** Seconds since `start` (a performance.now() value), for progress messages. */
export function seconds(start) {
  return `${((performance.now() - start) / 1000).toFixed(1)} s`;
}

/** Settles like `promise`, or rejects with `what timed out` after `ms`. */
export function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The outcome of one suite; `problem` says why it could not run to the end. */
export function outcome(suite, passed, failed, problem) {
  return { suite, passed, failed, problem };
}
