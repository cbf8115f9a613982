/**
 * Random mutations of valid programs (characters deleted, inserted or replaced, truncation,
 * duplicated pieces, stray Unicode, random selections) must never crash a front end: every run
 * answers with a result or a structured error that points inside the document, within a
 * second. A failure prints fast-check's seed and path; FUZZ_SEED=<seed> runs it again.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createFrontEnds } from '../../src/core/frontEnds';
import { inspectSource, type InspectOutcome } from '../../src/core/inspectSource';
import type { SourceRange } from '../../src/engine/ir';
import type { LanguageId } from '../../src/language/frontEnd';
import { wasmFromNodeModules } from '../support/wasmFromNodeModules';
import { warmUp } from './warmUp';
import { DocumentText } from './documentText';
import { program, tree, type Language } from './fuzz/programs';

const RUNS_PER_FRONT_END = 300;
const RUN_MS = 1000;
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const KINDS = new Set([
  'syntax',
  'unsupported',
  'unknown-function',
  'unknown-name',
  'selection',
  'too-deep',
  'too-large',
  'no-output',
  'unbound',
]);
const STACK_TRACE = /\n\s*at |\.ts:\d+:\d+|Error:/;
const VALUES = { a: 0.5, b: -1.5, c: 2, x: -2, y: 5, z: -4, w: 0.25 };

/** Hand-written programs with more than arithmetic: functions, calls, conditionals, LaTeX. */
const SEEDS: Readonly<Record<Language, readonly string[]>> = {
  math: [
    'f(x, y, z) = (x + y)z\n# at: x=-2, y=5, z=-4',
    'q = x + y\nf = q z',
    '$$\\frac{1}{1 + e^{-(w_{0} x + b)}}$$ at: x=1, b=0.5',
    '\\sqrt[3]{x^2 + y^2} \\cdot \\left| \\sin\\left(\\frac{\\pi}{4} x\\right) \\right|',
    'σ(2x) · ln(1 + y²) − √(x y + 30) / max(x, y, 1)',
    '\\begin{aligned} q &= x + y \\\\ f &= q^{2} \\end{aligned}',
  ],
  python: [
    'import numpy as np\n\ndef neuron(w0, x0, w1, x1, w2):\n    # at: w0=2, x0=-1, w1=-3, x1=-2, w2=-3\n    dot = w0 * x0 + w1 * x1 + w2\n    return 1 / (1 + np.exp(-dot))\n',
    'x = -2\ny = 5\nz = -4\nq = x + y\nf = q * z\n',
    'import torch.nn.functional as F\nact = lambda t: F.relu(t) + 0.1 * t\nf = act(x) if x > 0 else -act(y)\n',
    'def g(a, b=2):\n    return a ** b // 3 % 2\nf = g(x, b=y) + max(x, y, z)\nf += math.pi\n',
  ],
  javascript: [
    'function f(x, y, z) {\n  // at: x=-2, y=5, z=-4\n  const q = x + y;\n  return q * z;\n}\n',
    'const act = (t) => Math.max(0, t) + 0.1 * t;\nlet f = act(x) > 0 ? act(y) : -act(z);\nf **= 2;\n',
    'const sig = function (t) { return 1 / (1 + Math.exp(-t)); };\nconst f = sig(x * y + Math.PI);\n',
  ],
  typescript: [
    'function f(x: number, y: number, z: number): number {\n  const q = (x + y) as number;\n  return q * z!;\n}\n',
    'const act = <T extends number>(t: T): number => Math.tanh(t) satisfies number;\nconst f: number = act(x) ** 2;\n',
    'let f = 1_000e-3 * x;\nf -= 0x10 / y;\nf %= 3;\n',
  ],
};

/** Pieces that push parsers into odd corners. */
const SNIPPETS = [
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ',',
  ':',
  ';',
  '=',
  '==',
  '+',
  '-',
  '*',
  '/',
  '**',
  '^',
  '%',
  '@',
  '.',
  '\\',
  '\\frac',
  '\\left(',
  '\\right)',
  '$',
  '$$',
  '#',
  '//',
  '/*',
  '*/',
  '"',
  "'",
  '`',
  '\n',
  '\r\n',
  '\r',
  '\t',
  ' ',
  'lambda ',
  'def ',
  'return ',
  'function ',
  '=>',
  'if ',
  'else',
  'for ',
  'while ',
  'class ',
  'await ',
  'yield ',
  '...',
  'new ',
  'delete ',
  'import ',
  'as ',
  '__proto__',
  'constructor',
  'toString',
  '<script>',
  '](command:x)',
  '1e999',
  '0x',
  '1_0',
  'at: x=',
  '\u202e',
  '\u2066',
  '\u200b',
  '\u0000',
  '\u0007',
  '\u001b',
  '\ud800',
  '\udc00',
  '😀',
  'σ',
  '−',
  '√',
  '²',
  '·',
  'é',
  '\ufeff',
  '\u00a0',
  '9'.repeat(400),
  '('.repeat(600),
];

type Mutation =
  | { readonly kind: 'delete'; readonly at: number; readonly length: number }
  | { readonly kind: 'insert'; readonly at: number; readonly text: string }
  | { readonly kind: 'replace'; readonly at: number; readonly text: string }
  | { readonly kind: 'truncate'; readonly at: number }
  | {
      readonly kind: 'duplicate';
      readonly at: number;
      readonly length: number;
      readonly to: number;
    }
  /** Keeps the syntax: every use of a name becomes another (hostile) name. */
  | { readonly kind: 'rename'; readonly from: string; readonly to: string }
  /** Keeps the syntax: one operator becomes another. */
  | { readonly kind: 'swap'; readonly at: number; readonly to: string };

const NAMES = ['a', 'b', 'c', 'x', 'y', 'z', 't', 'q', 'w0'];
const HOSTILE_NAMES = [
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'prototype',
  'é',
  'σ',
  'x_1',
  '𝑥',
  'Δx',
  'a'.repeat(1000),
];

const position = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const text = fc.oneof(
  fc.constantFrom(...SNIPPETS),
  fc.string({ unit: 'binary', maxLength: 4 }),
  fc.string({ unit: 'grapheme', maxLength: 4 }),
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete'), at: position, length: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ kind: fc.constant('insert'), at: position, text }),
  fc.record({ kind: fc.constant('replace'), at: position, text }),
  fc.record({ kind: fc.constant('truncate'), at: position }),
  fc.record({
    kind: fc.constant('duplicate'),
    at: position,
    length: fc.integer({ min: 1, max: 20 }),
    to: position,
  }),
  fc.record({
    kind: fc.constant('rename'),
    from: fc.constantFrom(...NAMES),
    to: fc.constantFrom(...HOSTILE_NAMES),
  }),
  fc.record({ kind: fc.constant('swap'), at: position, to: fc.constantFrom('+', '-', '*', '/') }),
) as fc.Arbitrary<Mutation>;

function mutate(source: string, change: Mutation): string {
  const offset = (fraction: number): number => Math.floor(fraction * (source.length + 1));
  switch (change.kind) {
    case 'delete':
      return source.slice(0, offset(change.at)) + source.slice(offset(change.at) + change.length);
    case 'insert':
      return source.slice(0, offset(change.at)) + change.text + source.slice(offset(change.at));
    case 'replace':
      return source.slice(0, offset(change.at)) + change.text + source.slice(offset(change.at) + 1);
    case 'truncate':
      return source.slice(0, offset(change.at));
    case 'duplicate': {
      const piece = source.slice(offset(change.at), offset(change.at) + change.length);
      return source.slice(0, offset(change.to)) + piece + source.slice(offset(change.to));
    }
    case 'rename':
      return source.replace(new RegExp(`(?<![\\w.\\\\])${change.from}(?!\\w)`, 'g'), change.to);
    case 'swap': {
      const operators = [...source.matchAll(/(?<=\s)[-+*/](?=\s)/g)];
      const chosen = operators[Math.floor(change.at * operators.length)];
      return chosen?.index === undefined
        ? source
        : source.slice(0, chosen.index) + change.to + source.slice(chosen.index + 1);
    }
  }
}

/** Where to inspect: the whole text, a range inside it (maybe empty: a cursor), or anywhere. */
type Selection =
  | { readonly kind: 'whole' }
  | { readonly kind: 'inside'; readonly from: number; readonly to: number }
  | { readonly kind: 'anywhere'; readonly range: SourceRange };

const selection: fc.Arbitrary<Selection> = fc.oneof(
  { weight: 6, arbitrary: fc.constant({ kind: 'whole' } as const) },
  {
    weight: 3,
    arbitrary: fc
      .tuple(position, position)
      .map(([from, to]) => ({ kind: 'inside', from, to }) as const),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.nat({ max: 8 }), fc.nat({ max: 60 }), fc.nat({ max: 8 }), fc.nat({ max: 60 }))
      .map(
        ([l1, c1, l2, c2]) =>
          ({
            kind: 'anywhere',
            range: { start: { line: l1, column: c1 }, end: { line: l2, column: c2 } },
          }) as const,
      ),
  },
);

function rangeIn(source: string, chosen: Selection): SourceRange | undefined {
  switch (chosen.kind) {
    case 'whole':
      return undefined;
    case 'anywhere':
      return chosen.range;
    case 'inside': {
      const at = (fraction: number) => {
        const before = source.slice(0, Math.floor(fraction * (source.length + 1))).split('\n');
        return { line: before.length - 1, column: (before.at(-1) ?? '').length };
      };
      return { start: at(chosen.from), end: at(chosen.to) };
    }
  }
}

function original(language: Language): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(...SEEDS[language]),
    fc.tuple(tree, fc.nat({ max: 2 })).map(([node, form]) => program(node, language, form)),
  );
}

const frontEnds = createFrontEnds(wasmFromNodeModules);

function assertAnswer(outcome: InspectOutcome, source: string): void {
  const document = new DocumentText(source);
  if (outcome.ok) {
    assert.equal(typeof outcome.result.value, 'number');
    for (const node of outcome.program.graph.nodes) {
      if (node.range !== undefined) {
        const problem = document.problemWith(node.range);
        assert.equal(problem, undefined, `node ${node.id}: ${problem}`);
      }
    }
    return;
  }
  const { kind, message, range } = outcome.error;
  assert.ok(KINDS.has(kind), `kind ${kind}`);
  assert.ok(message.length > 0 && message.length <= 700, `message of ${message.length}`);
  assert.doesNotMatch(message, STACK_TRACE);
  const problem = document.problemWith(range);
  assert.equal(problem, undefined, `${kind}: ${message}: ${problem}`);
}

const FRONT_ENDS: readonly (readonly [Language, LanguageId])[] = [
  ['math', 'math'],
  ['python', 'python'],
  ['javascript', 'javascript'],
  ['typescript', 'typescript'],
];

describe('fuzzing: mutated programs never crash a front end', () => {
  before(async function () {
    this.timeout(60_000);
    await warmUp(frontEnds);
  });

  for (const [language, id] of FRONT_ENDS) {
    it(`${language}: ${RUNS_PER_FRONT_END} mutated programs answer within ${RUN_MS} ms`, async function () {
      this.timeout(120_000);
      let slowest = 0;
      await fc.assert(
        fc.asyncProperty(
          original(language),
          fc.array(mutation, { minLength: 1, maxLength: 3 }),
          selection,
          async (start, changes, chosen) => {
            const source = changes.reduce(mutate, start);
            const range = rangeIn(source, chosen);
            const began = performance.now();
            let outcome: InspectOutcome;
            try {
              outcome = await inspectSource(frontEnds, {
                source,
                language: id,
                values: VALUES,
                ...(range === undefined ? {} : { selection: range }),
              });
            } catch (error) {
              assert.fail(`threw: ${String(error)}\n${JSON.stringify(source)}`);
            }
            const elapsed = performance.now() - began;
            slowest = Math.max(slowest, elapsed);
            assert.ok(elapsed < RUN_MS, `${elapsed.toFixed(0)} ms for ${JSON.stringify(source)}`);
            assertAnswer(outcome, source);
          },
        ),
        { numRuns: RUNS_PER_FRONT_END, ...(SEED === undefined ? {} : { seed: SEED }) },
      );
      assert.ok(slowest < RUN_MS);
    });
  }
});
