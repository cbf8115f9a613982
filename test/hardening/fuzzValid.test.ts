/**
 * Random valid programs: one random expression tree written in Python, JavaScript, TypeScript
 * and math notation. Every front end must read it to the same value and the same gradients
 * (to rounding) as the math-notation front end. A failure prints fast-check's seed and path;
 * FUZZ_SEED=<seed> runs that sequence again.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createFrontEnds } from '../../src/core/frontEnds';
import { inspectSource, type InspectOutcome } from '../../src/core/inspectSource';
import { wasmFromNodeModules } from '../support/wasmFromNodeModules';
import { warmUp } from './warmUp';
import { inputValues, program, tree, type Language, type Tree } from './fuzz/programs';

const RUNS_PER_LANGUAGE = 200;
const TOLERANCE = 1e-9;
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);

const frontEnds = createFrontEnds(wasmFromNodeModules);

function hasInput(node: Tree): boolean {
  switch (node.kind) {
    case 'input':
      return true;
    case 'number':
      return false;
    case 'unary':
      return hasInput(node.arg);
    case 'binary':
      return hasInput(node.left) || hasInput(node.right);
  }
}

async function read(
  language: Language,
  source: string,
  values: Record<string, number>,
): Promise<{ value: number; grads: Readonly<Record<string, number>> }> {
  const outcome: InspectOutcome = await inspectSource(frontEnds, { source, language, values });
  if (!outcome.ok) {
    assert.fail(`${language} refused:\n${source}\n${outcome.error.kind}: ${outcome.error.message}`);
  }
  if (outcome.kind === 'tensor') {
    assert.fail(`${language} read scalar code as array code:\n${source}`);
  }
  return { value: outcome.result.value, grads: outcome.result.grads };
}

function assertClose(actual: number, expected: number, what: string): void {
  if (!Number.isFinite(expected) || !Number.isFinite(actual)) {
    assert.ok(Object.is(actual, expected), `${what}: ${actual} ≠ ${expected}`);
    return;
  }
  const scale = Math.max(1, Math.abs(actual), Math.abs(expected));
  assert.ok(Math.abs(actual - expected) <= TOLERANCE * scale, `${what}: ${actual} ≠ ${expected}`);
}

describe('fuzzing: random valid programs read alike in every language', () => {
  before(async function () {
    this.timeout(60_000);
    await warmUp(frontEnds);
  });

  for (const language of ['python', 'javascript', 'typescript'] as const) {
    it(`${language}: ${RUNS_PER_LANGUAGE} programs give the math front end's value and gradients`, async function () {
      this.timeout(60_000);
      await fc.assert(
        fc.asyncProperty(
          tree.filter(hasInput),
          inputValues,
          fc.nat({ max: 2 }),
          async (node, values, form) => {
            const mathSource = program(node, 'math', form);
            const codeSource = program(node, language, form);
            const expected = await read('math', mathSource, values);
            const actual = await read(language, codeSource, values);
            const what = `\n${mathSource}\n${codeSource}\nat ${JSON.stringify(values)}`;
            assertClose(actual.value, expected.value, `value${what}`);
            const names = new Set([...Object.keys(expected.grads), ...Object.keys(actual.grads)]);
            for (const name of names) {
              assertClose(actual.grads[name] ?? 0, expected.grads[name] ?? 0, `∂f/∂${name}${what}`);
            }
          },
        ),
        { numRuns: RUNS_PER_LANGUAGE, ...(SEED === undefined ? {} : { seed: SEED }) },
      );
    });
  }
});
