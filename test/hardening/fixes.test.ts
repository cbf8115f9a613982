/**
 * One regression test for each fix the hardening tests led to, outside the catalogue's tables:
 * the catalogue shows the symptom, these pin the mechanism.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createFrontEnds } from '../../src/core/frontEnds';
import { inspectSource } from '../../src/core/inspectSource';
import { varyingNodes } from '../../src/engine/backward';
import { inspectGraph } from '../../src/engine/inspect';
import { nodeLabels } from '../../src/engine/labels';
import { OP_NAMES } from '../../src/engine/opName';
import { opSpec } from '../../src/engine/ops';
import { partialFormulaTexts, partialFormulaTextsOf } from '../../src/engine/partialFormulas';
import { getOwn, setOwn } from '../../src/engine/records';
import { call, num, variable, type Sym } from '../../src/engine/sym';
import { toText } from '../../src/engine/symbolic/print';
import { simplify } from '../../src/engine/symbolic/simplify';
import type { LanguageId } from '../../src/language/frontEnd';
import { readableMessage } from '../../src/language/messageText';
import { mulberry32, randomGraph } from '../support/randomGraph';
import { wasmFromNodeModules } from '../support/wasmFromNodeModules';
import { warmUp } from './warmUp';

const frontEnds = createFrontEnds(wasmFromNodeModules);

async function errorOf(language: LanguageId, source: string, values = {}) {
  const outcome = await inspectSource(frontEnds, { source, language, values });
  assert.ok(!outcome.ok, `expected an error for ${JSON.stringify(source)}`);
  return outcome.error;
}

describe('hardening fixes', () => {
  before(async function () {
    this.timeout(60_000);
    await warmUp(frontEnds);
  });

  it('records keyed by document names treat __proto__ and constructor as plain keys', async () => {
    const record: Record<string, number> = {};
    setOwn(record, '__proto__', 1);
    assert.equal(Object.getPrototypeOf(record), Object.prototype);
    assert.deepEqual(Object.keys(record), ['__proto__']);
    assert.equal(getOwn(record, '__proto__'), 1);
    assert.equal(getOwn(record, 'constructor'), undefined);
    // Before: "no value for input constructor" thrown from the engine instead of an answer.
    const unbound = await errorOf('math', 'constructor + toString');
    assert.equal(unbound.kind, 'unbound');
    assert.deepEqual(unbound.names, ['constructor', 'toString']);
    const read = await inspectSource(frontEnds, {
      source: '__proto__ = 3\nf = __proto__ * x',
      language: 'python',
      values: { x: 2 },
    });
    assert.ok(read.ok);
    assert.equal(Object.getPrototypeOf(read.result.grads), Object.prototype);
    assert.deepEqual(JSON.parse(JSON.stringify(read.result.grads)), { ['__proto__']: 2, x: 3 });
  });

  it('messages name invisible characters and cut document text of thousands of characters', () => {
    assert.equal(readableMessage('`x\u202e` is bad'), '`xU+202E` is bad');
    assert.equal(readableMessage('a\u0000b\nc\td'), 'aU+0000b\nc\td');
    assert.equal(
      readableMessage(`\`${'a'.repeat(5000)}\` is long`),
      `\`${'a'.repeat(39)}…\` is long`,
    );
    // A cut never splits a surrogate pair.
    assert.equal(readableMessage(`${'😀'.repeat(100)}.`), `${'😀'.repeat(40)}….`);
    assert.equal(readableMessage('supported: exp, ln/log, sqrt'), 'supported: exp, ln/log, sqrt');
  });

  it('an unbound error names at most ten inputs', async () => {
    const names = Array.from({ length: 30 }, (_, i) => `v${i}`);
    const error = await errorOf('math', names.join(' + '));
    assert.match(error.message, /^no value for v0, v1, .*, v9 and 20 more: give them a value/);
    assert.equal(error.names?.length, 30);
  });

  it('JavaScript refuses -x ** 2, as JavaScript does', async () => {
    for (const language of ['javascript', 'typescript'] as const) {
      const error = await errorOf(language, 'const f = -x ** 2;', { x: 1 });
      assert.equal(error.kind, 'syntax');
      assert.match(error.message, /needs parentheses, as in \(-x\) \*\* 2 or -\(x \*\* 2\)/);
    }
    const read = await inspectSource(frontEnds, {
      source: 'const f = (-x) ** 2 - -(x ** 2);',
      language: 'javascript',
      values: { x: 3 },
    });
    assert.ok(read.ok && read.result.value === 18);
  });

  it("TypeScript's `this` parameter is a type, not an input", async () => {
    const read = await inspectSource(frontEnds, {
      source: 'function f(this: Window, x: number) { return x * 2; }',
      language: 'typescript',
      values: { x: 3 },
    });
    assert.ok(read.ok);
    assert.deepEqual(read.result.grads, { x: 2 });
  });

  it('a name with a character the language forbids is refused at the name', async () => {
    const bidi = await errorOf('javascript', 'const f = x\u202e + y;');
    assert.equal(bidi.kind, 'syntax');
    assert.equal(
      bidi.message,
      'syntax error: `xU+202E` is not a valid JavaScript name: the invisible character U+202E cannot be part of a name',
    );
    assert.deepEqual(bidi.range, { start: { line: 0, column: 10 }, end: { line: 0, column: 12 } });
    const emoji = await errorOf('typescript', 'const f = 😀 * 2;');
    assert.match(emoji.message, /`😀` \(U\+1F600\) cannot be part of a name/);
    const fine = await inspectSource(frontEnds, {
      source: 'const f = é * $x + _y\u200d;',
      language: 'javascript',
      values: { é: 2, $x: 3, '_y\u200d': 1 },
    });
    assert.ok(fine.ok);
  });

  it('LaTeX: the character after a backslash is a whole code point, and invisible ones are named', async () => {
    const emoji = await errorOf('math', '\\😀 + x');
    assert.match(emoji.message, /^the LaTeX command \\😀 is not supported/);
    assert.deepEqual(emoji.range, { start: { line: 0, column: 0 }, end: { line: 0, column: 3 } });
    const nul = await errorOf('math', 'x \\\u0000');
    assert.match(nul.message, /^a `\\` followed by the invisible character U\+0000/);
    const bidi = await errorOf('math', 'x\u202e');
    assert.match(bidi.message, /^unexpected invisible character U\+202E:/);
  });

  it('a code selection over 1,000,000 characters is refused before it is parsed', async () => {
    const source = `f = x * 2  # ${'c'.repeat(1_100_000)}`;
    const began = performance.now();
    const error = await errorOf('python', source);
    assert.equal(error.kind, 'too-large');
    assert.equal(
      error.message,
      `the selection has ${source.length} characters; at most 1000000 can be inspected`,
    );
    assert.ok(performance.now() - began < 300);
    // A small selection in the same document is read (the whole document is parsed for it).
    const small = await inspectSource(frontEnds, {
      source,
      language: 'python',
      values: { x: 3 },
      selection: { start: { line: 0, column: 0 }, end: { line: 0, column: 9 } },
    });
    assert.ok(small.ok && small.result.value === 6);
  });

  it('math notation stops lexing at the first bracket error', async () => {
    const began = performance.now();
    const error = await errorOf('math', ')'.repeat(999_999));
    assert.match(error.message, /has no opening bracket/);
    assert.ok(performance.now() - began < 500, `${performance.now() - began} ms`);
  });

  describe('partial formulas by shape', () => {
    const NAMES = ['x', 'y', '#12', '#7', 'w₁', 'q₂', 'e', 'pi'];
    const atom: fc.Arbitrary<Sym> = fc.oneof(
      fc.constantFrom(...NAMES).map(variable),
      fc.constantFrom(0, 1, -1, 2, 0.5, -3.25, 1e-7).map(num),
    );

    it('print exactly what simplifying the formula itself prints, for names and numbers', function () {
      this.timeout(20_000);
      fc.assert(
        fc.property(
          fc.constantFrom(...OP_NAMES),
          fc.array(atom, { minLength: 3, maxLength: 3 }),
          (op, pool) => {
            const { min, max } = opSpec(op).arity;
            const count = Math.min(Math.max(min, 1), Number.isFinite(max) ? max : 3);
            const operands = pool.slice(0, Math.max(count, min));
            const direct = opSpec(op)
              .partialFormulas(operands)
              .map((formula) => toText(simplify(formula)));
            assert.deepEqual(partialFormulaTexts(op, operands), direct);
          },
        ),
        { numRuns: 500 },
      );
    });

    it('take an operand written as an expression as a whole, in parentheses where needed', () => {
      // ∂(a/b)/∂b = −a/b^2 with a = x·y and b = x: the labels are not simplified into each other.
      const xy = call('mul', variable('x'), variable('y'));
      assert.deepEqual(partialFormulaTexts('div', [xy, variable('x')]), ['1/x', '−(x·y)/x^2']);
      const sum = call('add', variable('x'), variable('y'));
      assert.deepEqual(partialFormulaTexts('div', [variable('z'), sum]), [
        '1/(x + y)',
        '−z/(x + y)^2',
      ]);
      assert.deepEqual(partialFormulaTexts('sigmoid', [sum]), ['σ(x + y)·(1 − σ(x + y))']);
      const negative = call('neg', variable('x'));
      assert.deepEqual(partialFormulaTexts('mul', [variable('z'), negative]), ['−x', 'z']);
      assert.equal(partialFormulaTexts('pow', [negative, num(2)])[0], '2·(−x)');
    });

    it('give every node of random graphs the formula of its operands’ labels', function () {
      this.timeout(20_000);
      for (let seed = 1; seed <= 40; seed++) {
        const { graph, values } = randomGraph(mulberry32(seed), 3, 40);
        const varies = varyingNodes(graph);
        const labels = nodeLabels(graph, varies);
        const result = inspectGraph(graph, values);
        for (const node of graph.nodes) {
          if (node.kind !== 'op') {
            continue;
          }
          const operands = node.operands.map((operand) => labels.operands[operand]!);
          const direct = partialFormulaTextsOf(node.op, operands);
          // Partials are given with respect to operands that depend on an input only.
          const partials = result.nodes[node.id]?.partials ?? [];
          const varying = node.operands.flatMap((operand, i) => (varies[operand] === 1 ? [i] : []));
          assert.deepEqual(
            partials.map((partial) => partial.operand),
            varying,
            `seed ${seed}, node ${node.id}`,
          );
          assert.deepEqual(
            partials.map((partial) => partial.formula),
            varying.map((i) => direct[i]),
            `seed ${seed}, node ${node.id}`,
          );
        }
      }
    });
  });
});
