import assert from 'node:assert/strict';
import type { Program } from '../../../src/language/frontEnd';
import { numericGradients } from '../../support/gradients';
import {
  evaluateAt,
  javascript,
  lowerError,
  lowerOk,
  python,
  rangeOf,
  shape,
  textAt,
  typescript,
} from './codeHelpers';

const NEURON = { w0: 2, x0: -1, w1: -3, x1: -2, w2: -3 };
/** σ(s)(1 − σ(s)) with s = w0·x0 + w1·x1 + w2 = 1, times each input's partner. */
const SLOPE = Math.exp(-1) / (1 + Math.exp(-1)) ** 2;
const NEURON_GRADS = { w0: -SLOPE, x0: 2 * SLOPE, w1: -2 * SLOPE, x1: -3 * SLOPE, w2: SLOPE };

/** Exact gradients as expected, and the same by central differences. */
function assertGradients(
  program: Program,
  values: Readonly<Record<string, number>>,
  expected: Readonly<Record<string, number>>,
): void {
  const { grads } = evaluateAt(program, values);
  assert.deepEqual(Object.keys(grads).sort(), Object.keys(expected).sort());
  const found = Object.fromEntries(
    Object.entries(program.bindings).map(([name, binding]) => [name, binding.value]),
  );
  const numeric = numericGradients(program.graph, { ...found, ...values });
  for (const [name, exact] of Object.entries(expected)) {
    const tolerance = 1e-12 * Math.max(1, Math.abs(exact));
    assert.ok(Math.abs((grads[name] ?? NaN) - exact) <= tolerance, `∂/∂${name} = ${grads[name]}`);
    assert.ok(
      Math.abs((numeric[name] ?? NaN) - exact) < 1e-6,
      `∂/∂${name} by central differences = ${numeric[name]}, expected ${exact}`,
    );
  }
}

function inputs(program: Program): string[] {
  return program.graph.nodes.flatMap((node) => (node.kind === 'input' ? [node.name] : []));
}

/** Names and versions of the named op and constant nodes, in graph order. */
function names(program: Program): string[] {
  return program.graph.nodes
    .filter((node) => node.kind !== 'input' && node.name !== undefined)
    .map((node) => `${node.name ?? ''}${node.version === undefined ? '' : `#${node.version}`}`);
}

describe('Python: calls of functions defined in the code', () => {
  const ACT = 'def act(x):\n    return x if x > 0 else 0.01 * x\nf = act(w * 2 + b)\n';

  it('follows a helper called once, taking the branch the argument selects', async () => {
    const negative = await lowerOk(python, ACT, { values: { w: -1, b: 0.5 } });
    assert.equal(negative.outputName, 'f');
    assert.deepEqual(inputs(negative), ['w', 'b'], 'the parameter x is no input');
    assert.equal(shape(negative.graph), '(select (mul 0.01 (add (mul w 2) b)))');
    const output = negative.graph.nodes[negative.graph.output];
    assert.equal(output?.note, 'x > 0 is false at this point: took the second branch');
    assert.equal(evaluateAt(negative, { w: -1, b: 0.5 }).value, -0.015);
    assertGradients(negative, { w: -1, b: 0.5 }, { w: 0.02, b: 0.01 });
    const positive = await lowerOk(python, ACT, { values: { w: 1, b: 0.5 } });
    assert.equal(shape(positive.graph), '(select (add (mul w 2) b))');
    assertGradients(positive, { w: 1, b: 0.5 }, { w: 2, b: 1 });
  });

  it('keeps the ranges of the body in the definition and names what the call computes', async () => {
    const program = await lowerOk(python, ACT, { values: { w: -1, b: 0.5 } });
    const texts = program.graph.nodes.map((node) => textAt(ACT, node.range));
    assert.deepEqual(texts, [
      'w',
      '2',
      'w * 2',
      'b',
      'w * 2 + b',
      '0.01',
      '0.01 * x',
      'x if x > 0 else 0.01 * x',
    ]);
    assert.deepEqual(names(program), ['act.x#1', 'f#1']);
    const parameter = program.references.find((reference) => reference.role === 'parameter');
    assert.equal(textAt(ACT, parameter?.range), 'x');
    assert.equal(program.graph.nodes[parameter?.node ?? -1]?.name, 'act.x');
  });

  it('adds the gradients of a helper called twice (fan-out)', async () => {
    const program = await lowerOk(python, 'def sq(t):\n    return t * t\nf = sq(x) + sq(x * y)');
    assert.equal(shape(program.graph), '(add (mul x x) (mul (mul x y) (mul x y)))');
    assert.deepEqual(names(program), ['sq#1', 'sq.t#1', 'sq#2', 'f#1']);
    // f = x² + x²y²
    assertGradients(program, { x: 1.5, y: -2 }, { x: 15, y: -9 });
  });

  it('names what a function assigns after it, one version per assignment that runs', async () => {
    const source = 'def g(t):\n    u = t * 2\n    return u + 1\nf = g(x) * g(y)';
    const program = await lowerOk(python, source);
    assert.deepEqual(names(program), ['g.u#1', 'g#1', 'g.u#2', 'g#2', 'f#1']);
    const writes = program.references.filter((reference) => reference.role === 'write');
    assert.deepEqual(
      writes.map((reference) => textAt(source, reference.range)),
      ['u', 'f'],
      'a name in the function has one reference, for its first call',
    );
    assertGradients(program, { x: 0.5, y: 3 }, { x: 14, y: 4 });
  });

  it('reads a lambda assigned to a name', async () => {
    const program = await lowerOk(python, 'sq = lambda t: t ** 2\nf = sq(x + 1) * 3');
    assert.equal(shape(program.graph), '(mul (pow (add x 1) 2) 3)');
    assertGradients(program, { x: 2 }, { x: 18 });
  });

  it('matches keyword arguments and takes defaults', async () => {
    const source = [
      'def affine(x, w=2.0, b=0.5):',
      '    return w * x + b',
      'f = affine(a) + affine(a, b=c) + affine(b=0, x=a, w=k)',
    ].join('\n');
    const program = await lowerOk(python, source);
    assert.equal(
      shape(program.graph),
      '(add (add (add (mul 2 a) 0.5) (add (mul 2 a) c)) (add (mul k a) 0))',
    );
    assert.deepEqual(program.unbound, ['a', 'c', 'k']);
    assertGradients(program, { a: 1, c: 3, k: 5 }, { a: 9, c: 1, k: 1 });
    const keywordOnly = await lowerOk(python, 'def g(x, *, s=1):\n    return x * s\nf = g(x, s=y)');
    assertGradients(keywordOnly, { x: 2, y: 3 }, { x: 3, y: 2 });
  });

  it('computes a default where the function is defined, not among its parameters', async () => {
    const source = 'scale = 4\ndef g(t, s=scale):\n    return t * s\nf = g(x)';
    const program = await lowerOk(python, source, { selection: rangeOf(source, 'f = g(x)') });
    assert.equal(shape(program.graph), '(mul x scale)');
    assert.equal(program.bindings.scale?.value, 4);
    assertGradients(program, { x: 2 }, { x: 4, scale: 2 });
  });

  it('follows nested calls', async () => {
    const source = 'def sq(t):\n    return t * t\ndef h(t):\n    return sq(t) + 1\nf = h(h(x))';
    const program = await lowerOk(python, source);
    assert.equal(shape(program.graph), '(add (mul (add (mul x x) 1) (add (mul x x) 1)) 1)');
    // f = (x² + 1)² + 1
    assertGradients(program, { x: 0.5 }, { x: 2.5 });
  });

  it('inspects the last of several selected functions, which may call the others', async () => {
    const source = [
      'import math',
      '',
      'def sigmoid(z):',
      '    return 1 / (1 + math.exp(-z))',
      '',
      'def neuron(w0, x0, w1, x1, w2):',
      '    return sigmoid(w0 * x0 + w1 * x1 + w2)',
      '',
    ].join('\n');
    const program = await lowerOk(python, source);
    assert.equal(program.outputName, 'neuron');
    assert.deepEqual(program.unbound, ['w0', 'x0', 'w1', 'x1', 'w2']);
    assert.equal(evaluateAt(program, NEURON).value, 1 / (1 + Math.exp(-1)));
    assertGradients(program, NEURON, NEURON_GRADS);
  });

  it('finds a function above the selection and reads its free names when it is called', async () => {
    const source = [
      'scale = 2',
      'def g(t):',
      '    return t * scale',
      'scale = 3',
      'unused = 10',
      'f = g(x)',
    ].join('\n');
    const program = await lowerOk(python, source, { selection: rangeOf(source, 'f = g(x)') });
    assert.equal(shape(program.graph), '(mul x scale)');
    assert.equal(program.bindings.scale?.value, 3);
    assert.equal(textAt(source, program.bindings.scale?.range), 'scale = 3');
    assertGradients(program, { x: 5 }, { x: 3, scale: 5 });
  });

  it('calls the function a name holds at the call: the latest definition', async () => {
    const source = 'def g(t):\n    return t\ndef g(t):\n    return 2 * t\nh = g\nf = h(x)';
    const program = await lowerOk(python, source, { selection: rangeOf(source, 'f = h(x)') });
    assert.equal(shape(program.graph), '(mul 2 x)');
  });

  it('follows a call inside a condition, and functions defined inside functions', async () => {
    const condition = 'def g(t):\n    return t - 1\nf = x if g(x) > 0 else -x';
    const taken = await lowerOk(python, condition, { values: { x: 2 } });
    assert.equal(shape(taken.graph), '(select x)');
    const nested = [
      'def outer(a):',
      '    def inner(t):',
      '        return t * a',
      '    return inner(a + 1)',
      'f = outer(x)',
    ].join('\n');
    assertGradients(await lowerOk(python, nested), { x: 2 }, { x: 5 });
  });

  it('uses a builtin unless the code defines a function of its name', async () => {
    const builtin = await lowerOk(python, 'f = max(x, y)');
    assert.equal(shape(builtin.graph), '(max x y)');
    const own = await lowerOk(python, 'def max(a, b):\n    return a - b\nf = max(x, y)');
    assert.equal(shape(own.graph), '(sub x y)');
  });

  it('refuses a function that reads a name its caller has its own of', async () => {
    const source = 'def model(x):\n    return w * x\ndef loss(w, x):\n    return model(x) * w\n';
    const error = await lowerError(python, source);
    assert.equal(error.kind, 'unsupported');
    assert.match(error.message, /^`model` reads the `w` outside it, but where `model` is called/);
    assert.equal(textAt(source, error.range), 'model');
  });

  describe('limits', () => {
    it(`refuses calls nested more than 100 deep, naming the place`, async () => {
      const chain = (count: number): string =>
        Array.from({ length: count }, (_, i) =>
          i === count - 1
            ? `def f${i}(t):\n    return t`
            : `def f${i}(t):\n    return f${i + 1}(t) + 1`,
        ).join('\n') + '\ny = f0(x)\n';
      const deepest = await lowerOk(python, chain(100));
      assert.equal(evaluateAt(deepest, { x: 1 }).value, 100);
      const source = chain(102);
      const error = await lowerError(python, source);
      assert.equal(error.kind, 'too-deep');
      assert.match(error.message, /^the call of `f100` is nested more than 100 calls deep/);
      assert.equal(textAt(source, error.range), 'f100(t)');
    });

    it('refuses calls that multiply into too many nodes or calls', async function () {
      this.timeout(20_000);
      const doubling = (leaf: string, twice: (inner: string) => string): string =>
        [
          `def g0(t):\n    return ${leaf}`,
          ...Array.from(
            { length: 40 },
            (_, i) => `def g${i + 1}(t):\n    return ${twice(`g${i}`)}`,
          ),
        ].join('\n') + '\nf = g40(x)\n';
      const nodes = await lowerError(
        python,
        doubling('t * 2', (g) => `${g}(t) + ${g}(t)`),
      );
      assert.equal(nodes.kind, 'too-large');
      assert.match(nodes.message, /the calls of functions make more than 100000 nodes/);
      const calls = await lowerError(
        python,
        doubling('t', (g) => `${g}(${g}(t))`),
      );
      assert.equal(calls.kind, 'too-large');
      assert.match(calls.message, /more than 100000 calls/);
    });
  });
});

for (const [dialect, frontEnd] of [
  ['JavaScript', javascript],
  ['TypeScript', typescript],
] as const) {
  describe(`${dialect}: calls of functions defined in the code`, () => {
    const ACT = 'const act = (x) => x > 0 ? x : 0.01 * x;\nconst f = act(w * 2 + b);\n';

    it('follows an arrow function, taking the branch the argument selects', async () => {
      const negative = await lowerOk(frontEnd, ACT, { values: { w: -1, b: 0.5 } });
      assert.deepEqual(inputs(negative), ['w', 'b']);
      assert.equal(shape(negative.graph), '(select (mul 0.01 (add (mul w 2) b)))');
      assert.equal(evaluateAt(negative, { w: -1, b: 0.5 }).value, -0.015);
      assertGradients(negative, { w: -1, b: 0.5 }, { w: 0.02, b: 0.01 });
      const positive = await lowerOk(frontEnd, ACT, { values: { w: 1, b: 0.5 } });
      assertGradients(positive, { w: 1, b: 0.5 }, { w: 2, b: 1 });
    });

    it('adds the gradients of a function called twice (fan-out)', async () => {
      const source = 'function sq(t) {\n  return t * t;\n}\nconst f = sq(x) + sq(x * y);';
      const program = await lowerOk(frontEnd, source);
      assert.deepEqual(names(program), ['sq#1', 'sq.t#1', 'sq#2', 'f#1']);
      assertGradients(program, { x: 1.5, y: -2 }, { x: 15, y: -9 });
    });

    it('hoists function declarations, in the selection and around it', async () => {
      const source = 'const f = sq(x) * 2;\nfunction sq(t) {\n  return t * t;\n}';
      const whole = await lowerOk(frontEnd, source);
      assertGradients(whole, { x: 3 }, { x: 12 });
      const call = await lowerOk(frontEnd, source, { selection: rangeOf(source, 'sq(x) * 2') });
      assertGradients(call, { x: 3 }, { x: 12 });
      const rebound =
        'let sq = (t) => 3 * t;\nconst f = sq(x);\nfunction sq(t) {\n  return t * t;\n}';
      const nearer = await lowerOk(frontEnd, rebound, { selection: rangeOf(rebound, 'sq(x)') });
      assert.equal(shape(nearer.graph), '(mul 3 x)', 'an assignment binds after the hoisting');
    });

    it('reads function expressions, block bodies and defaults that see earlier parameters', async () => {
      const source = [
        'const g = function (a, b = a * 2) {',
        '  const s = a + b;',
        '  return s * s;',
        '};',
        'const f = g(x) + g(x, y);',
      ].join('\n');
      const program = await lowerOk(frontEnd, source);
      assert.deepEqual(names(program), ['g.b#1', 'g.s#1', 'g#1', 'g.s#2', 'g#2', 'f#1']);
      // f = (3x)² + (x + y)²
      assertGradients(program, { x: 1, y: 2 }, { x: 24, y: 6 });
    });

    it('follows nested calls, and calls from a function selected alone', async () => {
      const source = [
        'const sigmoid = (z) => 1 / (1 + Math.exp(-z));',
        'function neuron(w0, x0, w1, x1, w2) {',
        '  const s = w0 * x0 + w1 * x1 + w2;',
        '  return sigmoid(s);',
        '}',
      ].join('\n');
      const whole = await lowerOk(frontEnd, source);
      assert.equal(whole.outputName, 'neuron');
      assertGradients(whole, NEURON, NEURON_GRADS);
      const alone = await lowerOk(frontEnd, source, { selection: rangeOf(source, 'function') });
      assertGradients(alone, NEURON, NEURON_GRADS);
    });

    it('calls from inside a function a function declared outside it', async () => {
      const source = [
        'const w = 2;',
        'function g(t) {',
        '  return t * w;',
        '}',
        'function h(x) {',
        '  const y = g(x) + 1;',
        '  return y;',
        '}',
      ].join('\n');
      const program = await lowerOk(frontEnd, source, {
        selection: rangeOf(source, 'const y = g(x) + 1;'),
      });
      assert.equal(program.bindings.w?.value, 2);
      assertGradients(program, { x: 1 }, { x: 2, w: 1 });
    });
  });
}

describe('TypeScript: typed functions', () => {
  it('reads annotations and overload signatures', async () => {
    const source = [
      'function sq(t: number): number;',
      'function sq(t: number): number {',
      '  return t * t;',
      '}',
      'const cube = (t: number): number => sq(t) * t;',
      'const f: number = cube(x as number);',
    ].join('\n');
    const program = await lowerOk(typescript, source);
    assertGradients(program, { x: 2 }, { x: 12 });
  });
});
