/**
 * A loop unrolled statically is the same program written out straight-line: fast-check writes
 * random loops (a range, a body of updates, an `if` on the running value inside), and the tool
 * must give the loop and its hand-unrolled twin (the `if` as a conditional expression, the loop
 * variable as its number) the same value and the same gradient for every input, bit for bit.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { FrontEnd } from '../../../src/language/frontEnd';
import { evaluateAt, javascript, lowerOk, python } from './codeHelpers';

type Update = 'affine' | 'index' | 'squash';

interface LoopProgram {
  readonly a: number;
  readonly w: number;
  readonly b: number;
  readonly start: number;
  readonly count: number;
  readonly updates: readonly Update[];
  /** The threshold of an `if x > t:` around the last update, if any. */
  readonly threshold?: number;
}

const value = fc.integer({ min: -20, max: 20 }).map((tenths) => tenths / 10 || 0.5);

const program: fc.Arbitrary<LoopProgram> = fc.record(
  {
    a: value,
    w: value,
    b: value,
    start: fc.integer({ min: -2, max: 2 }),
    count: fc.integer({ min: 0, max: 4 }),
    updates: fc.array(fc.constantFrom<Update>('affine', 'index', 'squash'), {
      minLength: 1,
      maxLength: 3,
    }),
    threshold: value,
  },
  { requiredKeys: ['a', 'w', 'b', 'start', 'count', 'updates'] },
);

type Syntax = 'python' | 'javascript';

/** The right-hand side of one update of x, with the loop variable written as `i`. */
function update(kind: Update, syntax: Syntax, i: string): string {
  const tanh = syntax === 'python' ? 'math.tanh' : 'Math.tanh';
  switch (kind) {
    case 'affine':
      return `x * w + b`;
    case 'index':
      return `x + w * ${i}`;
    case 'squash':
      return `${tanh}(x) * w`;
  }
}

function header(p: LoopProgram, syntax: Syntax): string {
  const end = p.start + p.count;
  const inputs =
    syntax === 'python'
      ? `import math\na = ${p.a}\nw = ${p.w}\nb = ${p.b}\nx = a\n`
      : `let a = ${p.a}, w = ${p.w}, b = ${p.b};\nlet x = a;\n`;
  return syntax === 'python'
    ? `${inputs}for i in range(${p.start}, ${end}):\n`
    : `${inputs}for (let i = ${p.start}; i < ${end}; i++) {\n`;
}

/** The program with its loop. */
function looped(p: LoopProgram, syntax: Syntax): string {
  const lines = p.updates.map((kind, k) => {
    const rhs = update(kind, syntax, 'i');
    const last = k === p.updates.length - 1;
    if (!last || p.threshold === undefined) {
      return syntax === 'python' ? `    x = ${rhs}\n` : `  x = ${rhs};\n`;
    }
    return syntax === 'python'
      ? `    if x > ${p.threshold}:\n        x = ${rhs}\n    else:\n        x = x - b\n`
      : `  if (x > ${p.threshold}) {\n    x = ${rhs};\n  } else {\n    x = x - b;\n  }\n`;
  });
  return `${header(p, syntax)}${lines.join('')}${syntax === 'python' ? '' : '}\n'}`;
}

/** The same program unrolled by hand: the index as its number, the `if` as a conditional. */
function straight(p: LoopProgram, syntax: Syntax): string {
  const inputs =
    syntax === 'python'
      ? `import math\na = ${p.a}\nw = ${p.w}\nb = ${p.b}\nx = a\n`
      : `let a = ${p.a}, w = ${p.w}, b = ${p.b};\nlet x = a;\n`;
  const lines: string[] = [];
  for (let i = p.start; i < p.start + p.count; i += 1) {
    p.updates.forEach((kind, k) => {
      const rhs = update(kind, syntax, `(${i})`);
      const last = k === p.updates.length - 1;
      const chosen =
        !last || p.threshold === undefined
          ? rhs
          : syntax === 'python'
            ? `(${rhs}) if x > ${p.threshold} else (x - b)`
            : `x > ${p.threshold} ? (${rhs}) : (x - b)`;
      lines.push(syntax === 'python' ? `x = ${chosen}\n` : `x = ${chosen};\n`);
    });
  }
  // An empty loop leaves x = a: say x once more so both programs end on x.
  lines.push(syntax === 'python' ? 'x = x\n' : 'x = x;\n');
  return `${inputs}${lines.join('')}`;
}

async function reading(frontEnd: FrontEnd, source: string) {
  const lowered = await lowerOk(frontEnd, source, { output: 'x' });
  return evaluateAt(lowered);
}

describe('loops read as the same program written out straight-line', () => {
  for (const [syntax, frontEnd] of [
    ['python', python],
    ['javascript', javascript],
  ] as const) {
    it(`${syntax}: 150 random loops give their unrolled twin's value and gradients`, async function () {
      this.timeout(60_000);
      await fc.assert(
        fc.asyncProperty(program, async (p) => {
          const loop = await reading(frontEnd, looped(p, syntax));
          const twin = await reading(frontEnd, straight(p, syntax));
          assert.ok(
            Object.is(loop.value, twin.value),
            `value ${loop.value} vs ${twin.value}\n${looped(p, syntax)}`,
          );
          for (const name of ['a', 'w', 'b']) {
            assert.ok(
              Object.is(loop.grads[name] ?? 0, twin.grads[name] ?? 0),
              `∂x/∂${name}: ${loop.grads[name]} vs ${twin.grads[name]}\n${looped(p, syntax)}`,
            );
          }
        }),
        { numRuns: 150, seed: 16 },
      );
    });
  }
});
