import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { SourceRange } from '../../../src/engine/ir';
import type { FrontEndErrorKind, LowerResult } from '../../../src/language/frontEnd';
import { lowerMath } from '../../../src/language/math';
import { MAX_DEPTH } from '../../../src/language/math/mathError';
import { evaluate, lowerError, lowerOk, shape } from './helpers';

const KINDS: ReadonlySet<FrontEndErrorKind> = new Set([
  'syntax',
  'unsupported',
  'unknown-function',
  'unknown-name',
  'selection',
  'too-deep',
  'too-large',
  'no-output',
]);

/** Pieces of the grammar, so random mixes reach deep into the parser rather than the lexer. */
const TOKENS = [
  'x',
  'y',
  'z',
  'q',
  'f',
  'e',
  'pi',
  'π',
  'σ',
  '2',
  '.5',
  '1e-3',
  '3.',
  '+',
  '-',
  '−',
  '*',
  '/',
  '^',
  '**',
  '·',
  '×',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  '|',
  ',',
  '=',
  ';',
  '\n',
  ' ',
  '√',
  '∛',
  '²',
  '⁻¹',
  '_',
  '_{1}',
  'sin',
  'exp',
  'max',
  'atan2',
  'cot',
  '\\frac',
  '\\sqrt',
  '\\sin',
  '\\cdot',
  '\\left(',
  '\\right)',
  '\\alpha',
  '\\sigma',
  '\\,',
  '\\\\',
  '\\operatorname{relu}',
  '\\mathrm{',
  '\\hat',
  '\\begin{aligned}',
  '$',
  '$$',
  '\\[',
  '\\]',
  '# at: x=1',
  '% at: y=2',
  '//',
  'at:',
  ' at x=1',
  '&',
  ':=',
  '\r\n',
  '\\',
];

function assertWellFormed(result: LowerResult, source: string): void {
  if (result.ok) {
    const { graph, references } = result.program;
    assert.ok(graph.nodes.length > 0);
    assert.ok(graph.output >= 0 && graph.output < graph.nodes.length);
    graph.nodes.forEach((node, id) => {
      if (node.kind === 'op') {
        assert.ok(
          node.operands.every((operand) => operand < id),
          'operands come first',
        );
      }
      assertInside(node.range, source);
    });
    references.forEach((reference) => assertInside(reference.range, source));
  } else {
    assert.ok(KINDS.has(result.error.kind), result.error.kind);
    assert.ok(result.error.message.length > 0);
    assertInside(result.error.range, source);
  }
}

function assertInside(range: SourceRange | undefined, source: string): void {
  assert.ok(range !== undefined, 'every node has a range');
  const lines = source.split(/\r\n|\n|\r/);
  for (const position of [range.start, range.end]) {
    assert.ok(position.line >= 0 && position.line < lines.length, `line ${position.line}`);
    assert.ok(position.column >= 0 && position.column <= (lines[position.line]?.length ?? 0));
  }
}

/** A random formula printed in plain notation and in LaTeX. */
type Formula = { readonly plain: string; readonly latex: string };

const formula = fc.letrec<{ formula: Formula }>((tie) => ({
  formula: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc
      .constantFrom('x', 'y', 'z', 'w_1')
      .map((name) => ({ plain: name, latex: name.replace('_1', '_{1}') })),
    fc.integer({ min: 1, max: 9 }).map((n) => ({ plain: String(n), latex: String(n) })),
    fc.tuple(tie('formula'), fc.constantFrom('+', '-', '*'), tie('formula')).map(([a, op, b]) => ({
      plain: `(${a.plain} ${op} ${b.plain})`,
      latex: `\\left(${a.latex} ${op === '*' ? '\\cdot' : op} ${b.latex}\\right)`,
    })),
    fc.tuple(tie('formula'), tie('formula')).map(([a, b]) => ({
      plain: `((${a.plain}) / (${b.plain}))`,
      latex: `\\frac{${a.latex}}{${b.latex}}`,
    })),
    fc.tuple(tie('formula'), tie('formula')).map(([a, b]) => ({
      plain: `(${a.plain})(${b.plain})`,
      latex: `{${a.latex}} {${b.latex}}`,
    })),
    fc.tuple(fc.constantFrom('sin', 'exp', 'tanh', 'sqrt'), tie('formula')).map(([fn, a]) => ({
      plain: `${fn}(${a.plain})`,
      latex: fn === 'sqrt' ? `\\sqrt{${a.latex}}` : `\\${fn}\\left(${a.latex}\\right)`,
    })),
    tie('formula').map((a) => ({
      plain: `(${a.plain})^2`,
      latex: `\\left(${a.latex}\\right)^{2}`,
    })),
  ),
})).formula;

describe('math front end: properties', () => {
  it('answers every random string with a graph or a structured error, never an exception', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (source) => {
        assertWellFormed(lowerMath({ source }), source);
      }),
      { numRuns: 2000 },
    );
  });

  it('answers every random mix of grammar tokens the same way', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }), (tokens) => {
        const source = tokens.join('');
        assertWellFormed(lowerMath({ source }), source);
      }),
      { numRuns: 3000 },
    );
  });

  it('answers random selections of random token mixes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...TOKENS), { maxLength: 30 }),
        fc.nat(40),
        fc.nat(40),
        (tokens, a, b) => {
          const source = tokens.join('');
          const lines = source.split(/\r\n|\n|\r/);
          const line = Math.min(a % (lines.length + 1), lines.length - 1);
          const column = Math.min(b, lines[line]?.length ?? 0);
          const selection = { start: { line: 0, column: 0 }, end: { line, column } };
          assertWellFormed(lowerMath({ source, selection }), source);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('gives the same graph for a formula in plain notation and in LaTeX', () => {
    fc.assert(
      fc.property(formula, ({ plain, latex }) => {
        const plainGraph = lowerOk(plain).graph;
        assert.equal(shape(lowerOk(latex).graph), shape(plainGraph));
        const values = evaluate(plainGraph, { x: 0.3, y: -1.2, z: 2, w_1: 0.7 });
        assert.ok(values.length === plainGraph.nodes.length);
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses 10,000 nested brackets, roots, bars and applications with too-deep, not a crash', () => {
    const deep = [
      `${'('.repeat(10_000)}x${')'.repeat(10_000)}`,
      `${'('.repeat(10_000)}x`,
      `${'sin('.repeat(10_000)}x${')'.repeat(10_000)}`,
      `${'√'.repeat(10_000)}x`,
      `${'|'.repeat(10_000)}x${'|'.repeat(10_000)}`,
      `${'\\sqrt{'.repeat(10_000)}x${'}'.repeat(10_000)}`,
      `${'sin '.repeat(10_000)}x`,
      `${'\\sin^'.repeat(10_000)}x`,
    ];
    for (const source of deep) {
      assert.equal(lowerError(source).kind, 'too-deep', source.slice(0, 12));
    }
  });

  it('reads 10,000 signs or a tower of 10,000 powers in a loop, without recursion', () => {
    assert.equal(lowerOk(`${'-'.repeat(10_000)}x`).graph.nodes.length, 10_001);
    assert.equal(lowerOk(`${'2^'.repeat(10_000)}x`).graph.nodes.length, 20_001);
  });

  it('accepts nesting up to the limit', () => {
    const program = lowerOk(`${'('.repeat(MAX_DEPTH)}x${')'.repeat(MAX_DEPTH)}`);
    assert.equal(shape(program.graph), 'x');
    const sines = `${'-sin('.repeat(MAX_DEPTH)}x${')'.repeat(MAX_DEPTH)}`;
    assert.equal(lowerOk(sines).graph.nodes.length, 2 * MAX_DEPTH + 1);
    const roots = `${'\\sqrt{'.repeat(MAX_DEPTH)}x${'}'.repeat(MAX_DEPTH)}`;
    assert.equal(lowerOk(roots).graph.nodes.length, MAX_DEPTH + 1);
  });

  it('lowers a long flat chain without recursion', () => {
    const program = lowerOk(Array.from({ length: 100_000 }, () => 'x').join(' + '));
    assert.equal(program.graph.nodes.length, 100_000);
  });
});
