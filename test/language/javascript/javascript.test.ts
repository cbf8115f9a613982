import assert from 'node:assert/strict';
import {
  evaluateAt,
  javascript,
  lowerOk,
  rangeOf,
  rounded,
  shape,
  textAt,
  typescript,
} from '../code/codeHelpers';

const REFERENCE = { x: -2, y: 5, z: -4 };
const REFERENCE_GRADS = { x: -4, y: -4, z: 3 };
const NEURON = { w0: 2, x0: -1, w1: -3, x1: -2, w2: -3 };
const NEURON_GRADS = { w0: -0.2, x0: 0.39, w1: -0.39, x1: -0.59, w2: 0.2 };

for (const [dialect, frontEnd] of [
  ['JavaScript', javascript],
  ['TypeScript', typescript],
] as const) {
  describe(`${dialect} front end`, () => {
    describe('the reference example f = (x + y)·z at x=−2, y=5, z=−4', () => {
      const forms: [string, string, string][] = [
        ['an expression', '(x + y) * z', 'f'],
        ['an assignment', 'const f = (x + y) * z;', 'f'],
        ['a plain assignment', 'f = (x + y) * z', 'f'],
        ['two statements', 'const q = x + y;\nconst f = q * z;', 'f'],
        ['a function', 'function f(x, y, z) {\n  return (x + y) * z;\n}', 'f'],
        ['an arrow function', 'const f = (x, y, z) => (x + y) * z;', 'f'],
        [
          'an arrow function with a block',
          'const f = (x, y, z) => {\n  const q = x + y;\n  return q * z;\n};',
          'f',
        ],
        ['a function expression', 'const f = function (x, y, z) { return (x + y) * z; };', 'f'],
      ];
      for (const [form, source, outputName] of forms) {
        it(`as ${form}`, async () => {
          const program = await lowerOk(frontEnd, source);
          assert.equal(program.outputName, outputName);
          assert.deepEqual(program.unbound, ['x', 'y', 'z']);
          const { value, grads } = evaluateAt(program, REFERENCE);
          assert.equal(value, -12);
          assert.deepEqual(grads, REFERENCE_GRADS);
        });
      }
    });

    it('differentiates the sigmoid neuron', async () => {
      const source = [
        'function neuron(w0, x0, w1, x1, w2) {',
        '  const s = w0 * x0 + w1 * x1 + w2;',
        '  return 1 / (1 + Math.exp(-s));',
        '}',
      ].join('\n');
      const program = await lowerOk(frontEnd, source);
      assert.equal(program.outputName, 'neuron');
      const { value, grads } = evaluateAt(program, NEURON);
      assert.equal(value.toFixed(2), '0.73');
      assert.deepEqual(rounded(grads), NEURON_GRADS);
    });

    it('reads reassignment, augmented assignment and increments', async () => {
      const source = 'let a = x;\na += 2;\na *= a;\na -= 1;\na /= 4;\na **= 2;\na++;\na--;\n--a;';
      const program = await lowerOk(frontEnd, source);
      const expected = (x: number): number => (((x + 2) * (x + 2) - 1) / 4) ** 2 + 1 - 1 - 1;
      const { value, grads } = evaluateAt(program, { x: 3 });
      assert.equal(value, expected(3));
      const h = 1e-6;
      assert.ok(Math.abs((grads.x ?? NaN) - (expected(3 + h) - expected(3 - h)) / (2 * h)) < 1e-5);
      assert.equal(program.outputName, 'a');
    });

    it("keeps JavaScript's remainder (the sign of the dividend) for % and %=", async () => {
      const program = await lowerOk(frontEnd, 'let r = x % 3;\nr %= 2;');
      assert.equal(evaluateAt(program, { x: -7.5 }).value, (-7.5 % 3) % 2);
      assert.equal(evaluateAt(program, { x: 7.5 }).value, (7.5 % 3) % 2);
      assert.deepEqual(evaluateAt(program, { x: -7.5 }).grads, { x: 1 });
    });

    it('takes the branch of a ternary the condition selects', async () => {
      const source = 'const relu = x > 0 ? x : 0.01 * x;';
      const negative = await lowerOk(frontEnd, source, { values: { x: -2 } });
      assert.equal(shape(negative.graph), '(select (mul 0.01 x))');
      assert.equal(
        negative.graph.nodes[negative.graph.output]?.note,
        'x > 0 is false at this point: took the second branch',
      );
      const logical = await lowerOk(frontEnd, 'const f = x !== 0 && !(y >= 1) ? x * y : y;', {
        values: { x: 2, y: 0.5 },
      });
      assert.equal(shape(logical.graph), '(select (mul x y))');
    });

    it('reads Math functions and constants', async () => {
      const cases: [string, string][] = [
        ['Math.exp(x) + Math.log(x)', '(add (exp x) (log x))'],
        ['Math.pow(x, 2) + x ** 2', '(add (pow x 2) (pow x 2))'],
        ['Math.max(x, y, 0) - Math.min(x, 1)', '(sub (max x y 0) (min x 1))'],
        ['Math.hypot(x, y)', '(hypot x y)'],
        ['Math.sign(x) * Math.abs(x)', '(mul (sign x) (abs x))'],
        ['Math.round(x)', '(floor (add x 0.5))'],
        [
          'Math.PI * Math.E + Math.SQRT2 - Math.LN2',
          '(sub (add (mul 3.14159265359 2.71828182846) 1.41421356237) 0.69314718056)',
        ],
        [
          'Math.atan2(y, x) + Math.tanh(x) + Math.cbrt(x)',
          '(add (add (atan2 y x) (tanh x)) (cbrt x))',
        ],
        [
          '1_000 + 0x1F + 0o17 + 0b11 + 1e-3 + .5 + 2E2',
          '(add (add (add (add (add (add 1000 31) 15) 3) 0.001) 0.5) 200)',
        ],
        ['-x + +y - -2', '(sub (add (neg x) y) -2)'],
      ];
      for (const [expression, expected] of cases) {
        assert.equal(
          shape((await lowerOk(frontEnd, `const f = ${expression};`)).graph),
          expected,
          expression,
        );
      }
      const rounding = await lowerOk(frontEnd, 'const f = Math.round(x);');
      assert.equal(evaluateAt(rounding, { x: -2.5 }).value, Math.round(-2.5));
      assert.equal(evaluateAt(rounding, { x: 2.5 }).value, Math.round(2.5));
    });

    it('reads several declarators and finds values above the selection', async () => {
      const source =
        'var x = -2, y = 5;\nlet z;\nz = -4;\nconst k = 2 * y;\nconst f = (x + y) * z + k;';
      const program = await lowerOk(frontEnd, source, { selection: rangeOf(source, 'const f') });
      assert.deepEqual(program.unbound, []);
      assert.deepEqual(evaluateAt(program).grads, { ...REFERENCE_GRADS, k: 1 });
      assert.equal(textAt(source, program.bindings.x?.range), 'x = -2');
      assert.equal(program.bindings.k?.value, 10);
    });

    it('takes parameter defaults and `// at:` annotations as values', async () => {
      const source = '// at: x=-2, y=5\nfunction f(x, y, z = -4) {\n  return (x + y) * z;\n}';
      const program = await lowerOk(frontEnd, source);
      assert.deepEqual(program.unbound, []);
      assert.equal(program.bindings.z?.source, 'default');
      assert.equal(program.bindings.x?.source, 'annotation');
      assert.deepEqual(evaluateAt(program).grads, REFERENCE_GRADS);
      const block = await lowerOk(frontEnd, '/* at: a=3 */\nconst f = a * a;');
      assert.equal(block.bindings.a?.value, 3);
    });

    it('skips console calls between the lines', async () => {
      const program = await lowerOk(
        frontEnd,
        'const q = x + y;\nconsole.log(q);\nconst f = q * z;',
      );
      assert.deepEqual(evaluateAt(program, REFERENCE).grads, REFERENCE_GRADS);
    });

    it('ignores imports, exports and directives around the code', async () => {
      const source = "'use strict';\nimport { x } from './x';\nexport const f = (x + y) * z;";
      const program = await lowerOk(frontEnd, source, {
        selection: rangeOf(source, 'export const f = (x + y) * z;'),
      });
      assert.equal(shape(program.graph), '(mul (add x y) z)');
      const fn = await lowerOk(frontEnd, 'export function g(t) { return t * t; }');
      assert.equal(fn.outputName, 'g');
    });
  });
}

describe('TypeScript front end', () => {
  it('ignores annotations, as, !, satisfies, <T>x and generics', async () => {
    const source = [
      'type Num = number;',
      'interface Point { x: number }',
      'function f<T extends number>(x: number, y: Num = 5, z?: number): number {',
      '  const q: number = (x as number) + y!;',
      '  return (q satisfies number) * (<number>z!);',
      '}',
    ].join('\n');
    const program = await lowerOk(typescript, source, { selection: rangeOf(source, 'function f') });
    assert.equal(shape(program.graph), '(mul (add x y) z)');
    assert.equal(program.bindings.y?.value, 5);
    assert.deepEqual(evaluateAt(program, REFERENCE).grads, REFERENCE_GRADS);
  });

  it('reads typed arrow functions and declarations', async () => {
    const source = 'const sq = (t: number): number => t * t;';
    const program = await lowerOk(typescript, source);
    assert.equal(program.outputName, 'sq');
    assert.deepEqual(evaluateAt(program, { t: 3 }).grads, { t: 6 });
  });
});
