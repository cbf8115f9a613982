/**
 * Loops unrolled statically and branches taken define-by-run (issue 16, items 1 and 2): each
 * construct in Python, JavaScript and TypeScript against hand-checked values and gradients,
 * which central differences confirm; the limits give clear errors fast.
 */
import assert from 'node:assert/strict';
import type { FrontEnd } from '../../../src/language/frontEnd';
import { numericGradients } from '../../support/gradients';
import { evaluateAt, javascript, lowerError, lowerOk, python, typescript } from './codeHelpers';

interface Case {
  readonly name: string;
  readonly frontEnd: FrontEnd;
  readonly source: string;
  readonly value: number;
  readonly grads: Readonly<Record<string, number>>;
  readonly output?: string;
}

const CASES: readonly Case[] = [
  {
    name: 'Python: the issue’s loop (x = x * w + b, three times)',
    frontEnd: python,
    source: 'w = 0.5\nb = 2\nx = 1.0\nfor i in range(3):\n    x = x * w + b\n',
    value: 3.625,
    grads: { w: 4.75, b: 1.75, x: 0.125 },
  },
  {
    name: 'Python: range with a negative step, if/elif/else on the loop variable',
    frontEnd: python,
    source:
      'w = 0.5\nx = 1.0\nfor i in range(10, 0, -3):\n    if i > 5:\n        x = x * w\n    elif i == 4:\n        x = x + w\n    else:\n        x = x - i\n',
    value: -0.25,
    grads: { w: 2, x: 0.25 },
  },
  {
    name: 'Python: while with a condition the values decide',
    frontEnd: python,
    source: 'w = 2.0\nx = 1.0\nwhile x < 100:\n    x = x * w\n',
    value: 128,
    grads: { w: 448, x: 128 },
  },
  {
    name: 'Python: enumerate over a list literal, break skips the else',
    frontEnd: python,
    source:
      'w = 2.0\ns = 0\nfor i, v in enumerate([w, 3, w * w]):\n    if i == 2:\n        break\n    s = s + v * i\nelse:\n    s = 0\n',
    value: 3,
    grads: { w: 0, s: 1 },
  },
  {
    name: 'Python: zip, reversed, continue, and the else of a loop that ran out',
    frontEnd: python,
    source:
      'a = 2.0\nb = 3.0\ns = 0\nfor u, v in zip(reversed([a, b, 5]), [1, 2, 3]):\n    if v == 2:\n        continue\n    s = s + u * v\nelse:\n    s = s * a\n',
    value: (5 * 1 + 2 * 3) * 2,
    grads: { a: 3 * 2 + 11, b: 0, s: 2 },
  },
  {
    name: 'Python: a loop over lists held by names, zipped',
    frontEnd: python,
    source:
      'ws = [0.5, -1.0]\nxs = [2.0, 3.0]\nf = 0\nfor w, x in zip(ws, xs):\n    f = f + w * x\n',
    value: -2,
    grads: { 'ws[0]': 2, 'ws[1]': 3, 'xs[0]': 0.5, 'xs[1]': -1, f: 1 },
  },
  {
    name: 'JavaScript: for…of over an array held by a name',
    frontEnd: javascript,
    source: 'const xs = [1.5, 2];\nlet f = 0;\nfor (const v of xs) {\n  f += v * v;\n}\n',
    value: 6.25,
    grads: { 'xs[0]': 3, 'xs[1]': 4, f: 1 },
  },
  {
    name: 'JavaScript: for (let i = 0; i < 3; i++)',
    frontEnd: javascript,
    source:
      'let w = 0.5, b = 2;\nlet x = 1.0;\nfor (let i = 0; i < 3; i++) {\n  x = x * w + b;\n}\n',
    value: 3.625,
    grads: { w: 4.75, b: 1.75, x: 0.125 },
  },
  {
    name: 'TypeScript: i -= 3, if / else if / else',
    frontEnd: typescript,
    source:
      'let w: number = 0.5;\nlet x = 1.0;\nfor (let i = 10; i > 0; i -= 3) {\n  if (i > 5) { x = x * w; } else if (i === 4) x = x + w; else { x = x - i; }\n}\n',
    value: -0.25,
    grads: { w: 2, x: 0.25 },
  },
  {
    name: 'JavaScript: for…of over an array literal with continue',
    frontEnd: javascript,
    source:
      'let w = 2, s = 0;\nfor (const v of [w, 3, w * w]) {\n  if (v === 3) continue;\n  s += v;\n}\n',
    value: 6,
    grads: { w: 5, s: 1 },
  },
  {
    name: 'JavaScript: do…while',
    frontEnd: javascript,
    source: 'let w = 2, x = 1;\ndo { x *= w; } while (x < 100);\n',
    value: 128,
    grads: { w: 448, x: 128 },
  },
  {
    name: 'JavaScript: switch with fallthrough',
    frontEnd: javascript,
    source:
      'let w = 2, k = 1, y = 0;\nswitch (k) {\n  case 0: y = w; break;\n  case 1: y = w * w;\n  case 2: y += w; break;\n  default: y = 0;\n}\n',
    value: 6,
    grads: { w: 5, k: 0, y: 0 },
  },
  {
    name: 'TypeScript: a block’s let hides the outer name only inside the loop',
    frontEnd: typescript,
    source: 'let t = 1, w = 3;\nfor (let i = 0; i < 2; i++) { let t = w * 2; }\nconst f = t * w;\n',
    value: 3,
    grads: { t: 3, w: 1 },
  },
  {
    name: 'JavaScript: a loop inside a called function',
    frontEnd: javascript,
    source:
      'function f(w) {\n  let s = 0;\n  for (let i = 0; i < 4; i += 2) { const t = w * i; s += t; }\n  return s;\n}\nconst w = 3;\nconst g = f(w);\n',
    value: 6,
    grads: { w: 2 },
  },
  {
    name: 'Python: a return inside a branch of a called function',
    frontEnd: python,
    source:
      'def relu(z):\n    if z > 0:\n        return z\n    return 0.0 * z\nw = 3.0\nf = relu(w) + relu(-w)\n',
    value: 3,
    grads: { w: 1 },
  },
];

describe('loops and branches (define-by-run)', () => {
  for (const test of CASES) {
    it(test.name, async () => {
      const program = await lowerOk(test.frontEnd, test.source);
      const { value, grads } = evaluateAt(program);
      assert.equal(value, test.value);
      for (const [name, exact] of Object.entries(test.grads)) {
        assert.ok(
          Math.abs((grads[name] ?? NaN) - exact) < 1e-12,
          `∂/∂${name} = ${grads[name]}, expected ${exact}`,
        );
      }
      const found = Object.fromEntries(
        Object.entries(program.bindings).map(([name, binding]) => [name, binding.value]),
      );
      const numeric = numericGradients(program.graph, found);
      for (const [name, exact] of Object.entries(test.grads)) {
        assert.ok(
          Math.abs((numeric[name] ?? NaN) - exact) < 1e-6,
          `numeric ∂/∂${name} = ${numeric[name]}`,
        );
      }
    });
  }

  it('labels each iteration in a group inside the loop’s group', async () => {
    const program = await lowerOk(python, 'w = 0.5\nx = 1.0\nfor i in range(3):\n    x = x * w\n');
    const groups = program.graph.groups ?? [];
    assert.deepEqual(
      groups.map((group) => [group.kind, group.label, group.parent]),
      [
        ['loop', 'for i in range(3)', undefined],
        ['iteration', 'for i in range(3) · i = 0', 0],
        ['iteration', 'for i in range(3) · i = 1', 0],
        ['iteration', 'for i in range(3) · i = 2', 0],
      ],
    );
    const muls = program.graph.nodes.filter((node) => node.kind === 'op' && node.op === 'mul');
    assert.deepEqual(
      muls.map((node) => node.group),
      [1, 2, 3],
    );
  });

  it('the condition of an if has a reference whose note says which branch ran', async () => {
    const source = 'w = 2.0\nif w > 1:\n    f = w * w\nelse:\n    f = w\n';
    const program = await lowerOk(python, source);
    const condition = program.references.find((reference) => reference.role === 'condition');
    assert.ok(condition !== undefined);
    const node = program.graph.nodes[condition.node];
    assert.match(
      node?.note ?? '',
      /`w > 1` is true at this point: took the `if` branch.*gradient does not flow through the condition/,
    );
    assert.deepEqual(evaluateAt(program).grads, { w: 4 });
  });

  it('a bound the values do not decide asks for it by name', async () => {
    const error = await lowerError(python, 'for i in range(n):\n    x = x + i\n');
    assert.equal(error.kind, 'unknown-name');
    assert.deepEqual(error.names, ['n']);
    assert.match(error.message, /`n` decides how many times `for i in range\(n\)` runs/);
    const branch = await lowerError(javascript, 'if (c > 0) { y = 1; } else { y = 2; }\n');
    assert.deepEqual(branch.names, ['c']);
  });

  for (const [name, frontEnd, source, pattern] of [
    ['while True', python, 'x = 1\nwhile True:\n    x = x + 1\n', /never ends/],
    ['for (;;)', javascript, 'let x = 1;\nfor (;;) { x = x + 1; }\n', /never ends/],
    [
      'a huge range',
      python,
      'x = 0\nfor i in range(10**9):\n    x = x + i\n',
      /1000000000 iterations, more than the 100000/,
    ],
    [
      'a loop the values never end',
      python,
      'x = 1\nwhile x > 0:\n    pass\n',
      /still running after 100000 iterations/,
    ],
    [
      'nested loops beyond the total',
      python,
      'x = 0\nfor i in range(1000):\n    for j in range(1000):\n        pass\n',
      /100000/,
    ],
  ] as const) {
    it(`${name}: a clear error, fast`, async () => {
      const started = Date.now();
      const error = await lowerError(frontEnd, source);
      assert.equal(error.kind, 'too-large');
      assert.match(error.message, pattern);
      assert.ok(Date.now() - started < 3000, `took ${Date.now() - started} ms`);
    });
  }

  it('break and continue outside a loop are refused', async () => {
    const error = await lowerError(python, 'x = 1\nbreak\n');
    assert.match(error.message, /`break` outside a loop/);
  });

  it('a loop above the selection: its names are not folded (asked for, never wrong)', async () => {
    const source = 'x = 1.0\nfor i in range(3):\n    x = x * 2\ny = x * 3\n';
    const selection = { start: { line: 3, column: 0 }, end: { line: 3, column: 9 } };
    const program = await lowerOk(python, source, { selection });
    assert.equal(program.bindings.x, undefined);
  });
});
