/**
 * The engine and front ends live in `dist/engine.js`, loaded on the first inspection rather
 * than at activation: activation then costs only this small host bundle.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';

export type Engine = typeof import('../api');

let engine: Engine | undefined;

export function loadEngine(): Engine {
  // A computed path, so the bundler leaves this require to run time.
  engine ??= createRequire(__filename)(join(__dirname, 'engine.js')) as Engine;
  return engine;
}
