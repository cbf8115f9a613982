/**
 * Lists and tuples of numbers (issue 16 item 3): each construct in Python, JavaScript and
 * TypeScript against hand-checked values and gradients, against central differences on the
 * graph, and against the real language (one /usr/bin/python3 process, node's vm) run at the
 * point and with each given name moved by ±h.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import vm from 'node:vm';
import ts from 'typescript';
import type { FrontEnd } from '../../../src/language/frontEnd';
import { numericGradients } from '../../support/gradients';
import { parseValueList } from '../../../src/core/valueList';
import { PYTHON } from '../../hardening/differential/realRunners';
import {
  evaluateAt,
  javascript,
  lowerError,
  lowerOk,
  python,
  textAt,
  typescript,
} from './codeHelpers';

type Language = 'python' | 'javascript' | 'typescript';

interface Case {
  readonly title: string;
  readonly language: Language;
  readonly source: string;
  /** Values of the free names (given as the user would type them). */
  readonly values: Readonly<Record<string, number>>;
  readonly value: number;
  /** Every input's gradient, by key; inputs left out must have 0. */
  readonly grads: Readonly<Record<string, number>>;
  /** Lines selected (0-based, whole lines); all when absent. */
  readonly lines?: readonly [number, number];
}

const FRONT_ENDS: Readonly<Record<Language, FrontEnd>> = { python, javascript, typescript };

const CASES: readonly Case[] = [
  {
    title: 'a dot product: a generator expression over zip, literal items as inputs',
    language: 'python',
    source: 'ws = [0.5, -1.0]\nxs = [x0, x1]\nf = sum(w * x for w, x in zip(ws, xs))\n',
    values: { x0: 3, x1: 2 },
    value: -0.5,
    grads: { 'ws[0]': 3, 'ws[1]': 2, x0: 0.5, x1: -1 },
  },
  {
    title: 'a list comprehension with a condition, negative index, len',
    language: 'python',
    source: 'ys = [x * x for x in [a, b, c] if x > 0]\nf = ys[-1] + len(ys) * ys[0]\n',
    values: { a: 2, b: -1, c: 3 },
    value: 17,
    grads: { a: 8, c: 6 },
  },
  {
    title: 'range(len(w)) and indexing with the loop variable',
    language: 'python',
    source: 'w = [w0, w1, w2]\nf = sum(w[i] * x ** i for i in range(len(w)))\n',
    values: { w0: 1, w1: 2, w2: 3, x: 2 },
    value: 17,
    grads: { w0: 1, w1: 2, w2: 4, x: 14 },
  },
  {
    title: 'slices, max and min of one list, math.fsum',
    language: 'python',
    source: 'import math\nxs = [a, b, c, d]\nf = max(xs[1:]) - min(xs[::2]) + math.fsum(xs[:2])\n',
    values: { a: 1, b: 5, c: 2, d: 4 },
    value: 10,
    grads: { a: 0, b: 2 },
  },
  {
    title: 'tuple unpacking of literals and enumerate(…, start=1)',
    language: 'python',
    source: 'a, b = 1.5, -2.0\nf = sum(i * v for i, v in enumerate([a, b, a * b], start=1))\n',
    values: {},
    value: -11.5,
    grads: { a: -5, b: 6.5 },
  },
  {
    title: 'a list assigned above the selection: each item an input',
    language: 'python',
    source: 'xs = [1.0, 2.0, 3.0]\nf = sum(x * x for x in xs)\n',
    values: {},
    value: 14,
    grads: { 'xs[0]': 2, 'xs[1]': 4, 'xs[2]': 6 },
    lines: [1, 1],
  },
  {
    title: 'two for clauses, the first outermost',
    language: 'python',
    source: 'f = sum(x * y for x in [a, b] for y in [a, b])\n',
    values: { a: 1, b: 2 },
    value: 9,
    grads: { a: 6, b: 6 },
  },
  {
    title: 'a tuple, list(reversed(t))',
    language: 'python',
    source: 't = (a, b, c)\nr = list(reversed(t))\nf = r[0] * 10 + r[2]\n',
    values: { a: 1, b: 2, c: 3 },
    value: 31,
    grads: { a: 1, c: 10 },
  },
  {
    title: 'lists passed to a function defined in the code',
    language: 'python',
    source:
      'def dot(ws, xs):\n    return sum(w * x for w, x in zip(ws, xs))\n\nws = [0.5, -1.0]\nf = dot(ws, [x0, x1]) + dot((x0,), [x1])\n',
    values: { x0: 3, x1: 2 },
    value: 5.5,
    grads: { 'ws[0]': 3, 'ws[1]': 2, x0: 2.5, x1: 2 },
  },
  {
    title: 'arrays passed to a function defined in the code',
    language: 'javascript',
    source:
      'function dot(ws, xs) {\n  return ws.map((w, i) => w * xs[i]).reduce((s, v) => s + v, 0);\n}\nconst f = dot([a, -1.0], [x0, x1]);\n',
    values: { a: 0.5, x0: 3, x1: 2 },
    value: -0.5,
    grads: { a: 3, x0: 0.5, x1: -1 },
  },
  {
    title: 'append and extend, also inside a loop',
    language: 'python',
    source: 'ys = []\nfor x in [a, b]:\n    ys.append(x * x)\nys.extend([b, a])\nf = sum(ys)\n',
    values: { a: 2, b: 3 },
    value: 18,
    grads: { a: 5, b: 7 },
  },
  {
    title: 'a list built by append above the selection',
    language: 'python',
    source: 'ys = [1.0]\nys.append(2.0)\nf = sum(ys) * a\n',
    values: { a: 2 },
    value: 6,
    grads: { 'ys[0]': 2, 'ys[1]': 2, a: 3 },
    lines: [2, 2],
  },
  {
    title: 'push with a spread, in a for…of loop',
    language: 'javascript',
    source:
      'const ys = [];\nfor (const x of [a, b]) {\n  ys.push(x * x);\n}\nys.push(...[b, 1]);\nconst f = ys.reduce((s, y) => s + y);\n',
    values: { a: 2, b: 3 },
    value: 17,
    grads: { a: 4, b: 7 },
  },
  {
    title: 'a dot product: .map((w, i) => …) and .reduce(…, 0)',
    language: 'javascript',
    source:
      'const ws = [0.5, -1.0];\nconst xs = [x0, x1];\nconst f = ws.map((w, i) => w * xs[i]).reduce((s, v) => s + v, 0);\n',
    values: { x0: 3, x1: 2 },
    value: -0.5,
    grads: { 'ws[0]': 3, 'ws[1]': 2, x0: 0.5, x1: -1 },
  },
  {
    title: '.length, Math.max(...xs) and Math.min(...xs, 0)',
    language: 'javascript',
    source:
      'const xs = [a, b, c];\nconst f = xs[xs.length - 1] * xs.length + Math.max(...xs) + Math.min(...xs, 0);\n',
    values: { a: 2, b: -1, c: 3 },
    value: 11,
    grads: { a: 0, b: 1, c: 4 },
  },
  {
    title: 'destructuring, spread, .slice and .reduce without an initial value',
    language: 'javascript',
    source:
      'const [p, q] = [a * 2, b];\nconst ys = [...[p, q], p * q].slice(1);\nconst f = ys.reduce((s, y) => s + y * y);\n',
    values: { a: 1, b: 3 },
    value: 39,
    grads: { a: 72, b: 25 },
  },
  {
    title: 'typed callbacks with a block body',
    language: 'typescript',
    source:
      'const xs: number[] = [a, b];\nconst f: number = xs\n  .map((x: number): number => {\n    return x * x;\n  })\n  .reduce((s: number, v: number) => s + v, 0);\n',
    values: { a: 3, b: 4 },
    value: 25,
    grads: { a: 6, b: 8 },
  },
];

function selectionOf(source: string, lines: readonly [number, number] | undefined) {
  if (lines === undefined) {
    return {};
  }
  const text = source.split('\n');
  return {
    selection: {
      start: { line: lines[0], column: 0 },
      end: { line: lines[1], column: (text[lines[1]] ?? '').length },
    },
  };
}

describe('lists and tuples of numbers', () => {
  for (const example of CASES) {
    it(`${example.language}: ${example.title}`, async () => {
      const program = await lowerOk(FRONT_ENDS[example.language], example.source, {
        values: example.values,
        ...selectionOf(example.source, example.lines),
      });
      const { value, grads } = evaluateAt(program, example.values);
      assert.equal(value, example.value);
      for (const [key, grad] of Object.entries(grads)) {
        const expected = example.grads[key] ?? 0;
        assert.ok(Math.abs(grad - expected) <= 1e-12, `∂f/∂${key} = ${grad}, expected ${expected}`);
      }
      for (const key of Object.keys(example.grads)) {
        assert.ok(key in grads, `no input ${key}: ${Object.keys(grads).join(', ')}`);
      }
      const found = Object.fromEntries(
        Object.entries(program.bindings).map(([key, binding]) => [key, binding.value]),
      );
      const numeric = numericGradients(program.graph, { ...found, ...example.values });
      for (const [key, expected] of Object.entries(example.grads)) {
        assert.ok(
          Math.abs((numeric[key] ?? NaN) - expected) < 1e-6,
          `∂f/∂${key} by central differences = ${numeric[key]}, expected ${expected}`,
        );
      }
    });
  }

  it('gives the values and derivatives the real languages give', function () {
    this.timeout(20_000);
    const runs = CASES.flatMap((example) => {
      const names = Object.keys(example.values);
      const points = [
        example.values,
        ...names.flatMap((name) =>
          [1, -1].map((sign) => ({
            ...example.values,
            [name]: (example.values[name] ?? 0) + sign * H,
          })),
        ),
      ];
      return points.map((point) => ({ example, point }));
    });
    const pythonRuns = runs.filter((run) => run.example.language === 'python');
    const real = new Map<(typeof runs)[number], number>();
    const outputs = runPython(
      pythonRuns.map(({ example, point }) => ({ source: example.source, point })),
    );
    pythonRuns.forEach((run, i) => real.set(run, outputs[i] ?? NaN));
    for (const run of runs.filter((one) => one.example.language !== 'python')) {
      real.set(run, runJavaScript(run.example, run.point));
    }
    for (const example of CASES) {
      const mine = runs.filter((run) => run.example === example);
      const [atPoint, ...moved] = mine.map((run) => real.get(run) ?? NaN);
      assert.ok(
        Math.abs((atPoint ?? NaN) - example.value) < 1e-12,
        `${example.title}: real ${example.language} gives ${atPoint}`,
      );
      Object.keys(example.values).forEach((name, i) => {
        const slope = ((moved[2 * i] ?? NaN) - (moved[2 * i + 1] ?? NaN)) / (2 * H);
        const expected = example.grads[name] ?? 0;
        assert.ok(
          Math.abs(slope - expected) < 1e-5,
          `${example.title}: real ∂f/∂${name} ≈ ${slope}, the tool's ${expected}`,
        );
      });
    }
  });
});

const H = 1e-6;

/** One python3 process: each program runs with its point bound first; `f` is printed. */
function runPython(
  programs: readonly { source: string; point: Record<string, number> }[],
): number[] {
  const harness = [
    'import json, sys',
    'for line in sys.stdin:',
    '    job = json.loads(line)',
    '    env = dict(job["point"])',
    '    exec(job["source"], env)',
    '    print(json.dumps(env["f"]))',
  ].join('\n');
  const input = programs.map((program) => JSON.stringify(program)).join('\n') + '\n';
  const run = spawnSync(PYTHON, ['-c', harness], { input, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return run.stdout
    .trim()
    .split('\n')
    .map((line) => Number(JSON.parse(line)));
}

function runJavaScript(example: Case, point: Record<string, number>): number {
  const source =
    example.language === 'typescript'
      ? ts.transpileModule(example.source, { compilerOptions: { target: ts.ScriptTarget.ES2022 } })
          .outputText
      : example.source;
  return Number(vm.runInNewContext(`${source}\nf;`, { ...point }));
}

describe('lists and tuples of numbers: refusals', () => {
  const REFUSED: readonly [FrontEnd, string, string, RegExp][] = [
    [python, 'xs = [a, b]\nf = xs * 2\n', 'xs', /^`xs` is a list, used here as a number/],
    [python, 'xs = [a, b]\nf = xs[2]\n', 'xs[2]', /the index 2 is outside `xs`, which has 2 items/],
    [javascript, 'const xs = [a];\nconst f = xs[-1];\n', 'xs[-1]', /the index -1 is outside/],
    [python, 'f = [a, b]\n', 'f = [a, b]\n', /^`f` is a list of 2 items/],
    [
      python,
      'f = sum(x for x in range(n))\n',
      'n',
      /`n` is a bound of `range`, so n needs a value/,
    ],
    [python, 'f = sum(x for x in range(200000))\n', 'range(200000)', /200000 items, more than/],
    [python, 'a, b = xs = 1\n', 'a, b', /assigning several names at once is not supported/],
    [javascript, 'const [a, b] = [x];\nconst f = a;\n', '[x]', /2 names are unpacked from `\[x\]`/],
  ];
  for (const [frontEnd, source, covered, message] of REFUSED) {
    it(JSON.stringify(source), async () => {
      const error = await lowerError(frontEnd, source);
      assert.match(error.message, message);
      assert.equal(textAt(source, error.range), covered);
    });
  }
});

describe('lists and tuples of numbers: values typed or annotated', () => {
  const DOT =
    'def dot(ws, xs):\n    # at: ws=[0.5, -1.0], xs=[3, 2]\n    return sum(w * x for w, x in zip(ws, xs))\n';

  it('reads a list annotation for a selected function’s list parameters', async () => {
    const program = await lowerOk(python, DOT);
    const { value, grads } = evaluateAt(program);
    assert.equal(value, -0.5);
    assert.deepEqual(grads, { 'ws[0]': 3, 'ws[1]': 2, 'xs[0]': 0.5, 'xs[1]': -1 });
  });

  it('takes --at xs=[3, 4] (xs_1, xs_2) for the items of a list assigned above', async () => {
    const source = 'xs = [1.0, 2.0]\nf = sum(x * x for x in xs)\n';
    const program = await lowerOk(python, source, {
      values: { xs_1: 3, xs_2: 4 },
      selection: { start: { line: 1, column: 0 }, end: { line: 1, column: 26 } },
    });
    assert.deepEqual(program.valueTargets, { xs_1: 'xs[0]', xs_2: 'xs[1]' });
    const { value, grads } = evaluateAt(program, { 'xs[0]': 3, 'xs[1]': 4 });
    assert.equal(value, 25);
    assert.deepEqual(grads, { 'xs[0]': 6, 'xs[1]': 8 });
  });

  it('parses a typed item key (ws[0]=2) and a typed list', () => {
    const items = parseValueList('ws[0]=2, m[1][0]=3');
    assert.ok(items.ok);
    assert.deepEqual({ ...items.values }, { 'ws[0]': 2, 'm[1][0]': 3 });
    const list = parseValueList('ws=[1, 2]');
    assert.ok(list.ok);
    assert.deepEqual({ ...list.values }, { ws_1: 1, ws_2: 2 });
  });
});
