import assert from 'node:assert/strict';
import {
  cursorAfter,
  evaluateAt,
  lowerError,
  lowerOk,
  python,
  rangeOf,
  rounded,
  shape,
  textAt,
} from '../code/codeHelpers';

const REFERENCE = { x: -2, y: 5, z: -4 };
const REFERENCE_GRADS = { x: -4, y: -4, z: 3 };

describe('Python front end', () => {
  describe('the reference example f = (x + y)·z at x=−2, y=5, z=−4', () => {
    const forms: [string, string, string][] = [
      ['an expression', '(x + y) * z', 'f'],
      ['an assignment', 'f = (x + y) * z', 'f'],
      ['two statements', 'q = x + y\nf = q * z', 'f'],
      ['a function', 'def f(x, y, z):\n    return (x + y) * z\n', 'f'],
      ['a lambda', 'f = lambda x, y, z: (x + y) * z', 'f'],
    ];
    for (const [form, source, outputName] of forms) {
      it(`as ${form}`, async () => {
        const program = await lowerOk(python, source);
        assert.equal(program.outputName, outputName);
        assert.deepEqual(program.unbound, ['x', 'y', 'z']);
        const { value, grads } = evaluateAt(program, REFERENCE);
        assert.equal(value, -12);
        assert.deepEqual(grads, REFERENCE_GRADS);
      });
    }

    it('names q and f on the graph, with versions', async () => {
      const program = await lowerOk(python, 'q = x + y\nf = q * z');
      const named = program.graph.nodes.filter((node) => node.kind === 'op');
      assert.deepEqual(
        named.map((node) => [node.name, node.version]),
        [
          ['q', 1],
          ['f', 1],
        ],
      );
    });

    it('gives every name occurrence a reference with its range and node', async () => {
      const source = 'q = x + y\nf = q * z';
      const program = await lowerOk(python, source);
      const summary = program.references.map((reference) => [
        reference.name,
        reference.role,
        textAt(source, reference.range),
        program.graph.nodes[reference.node]?.name,
      ]);
      assert.deepEqual(summary, [
        ['q', 'write', 'q', 'q'],
        ['x', 'read', 'x', 'x'],
        ['y', 'read', 'y', 'y'],
        ['f', 'write', 'f', 'f'],
        ['q', 'read', 'q', 'q'],
        ['z', 'read', 'z', 'z'],
      ]);
    });

    it('puts a source range on every node', async () => {
      const source = 'f = (x + y) * z';
      const program = await lowerOk(python, source);
      const texts = program.graph.nodes.map((node) => textAt(source, node.range));
      assert.deepEqual(texts, ['x', 'y', 'x + y', 'z', '(x + y) * z']);
    });
  });

  it('differentiates the sigmoid neuron', async () => {
    const source = [
      'import math',
      '',
      'def neuron(w0, x0, w1, x1, w2):',
      '    """A two-input neuron with a sigmoid."""',
      '    return 1 / (1 + math.exp(-(w0 * x0 + w1 * x1 + w2)))',
      '',
    ].join('\n');
    const program = await lowerOk(python, source);
    assert.equal(program.outputName, 'neuron');
    assert.deepEqual(program.unbound, ['w0', 'x0', 'w1', 'x1', 'w2']);
    const { value, grads } = evaluateAt(program, { w0: 2, x0: -1, w1: -3, x1: -2, w2: -3 });
    assert.equal(value.toFixed(2), '0.73');
    assert.deepEqual(rounded(grads), { w0: -0.2, x0: 0.39, w1: -0.39, x1: -0.59, w2: 0.2 });
  });

  it('reads the sigmoid neuron written with numpy and torch', async () => {
    for (const call of ['np.exp(-s)', 'torch.exp(-s)']) {
      const source = `s = w0 * x0 + w1 * x1 + w2\nf = 1 / (1 + ${call})`;
      const program = await lowerOk(python, source);
      const { grads } = evaluateAt(program, { w0: 2, x0: -1, w1: -3, x1: -2, w2: -3 });
      assert.deepEqual(rounded(grads), { w0: -0.2, x0: 0.39, w1: -0.39, x1: -0.59, w2: 0.2 });
    }
    const sigmoid = await lowerOk(python, 'f = torch.sigmoid(w0 * x0 + w1 * x1 + w2)');
    const { grads } = evaluateAt(sigmoid, { w0: 2, x0: -1, w1: -3, x1: -2, w2: -3 });
    assert.deepEqual(rounded(grads), { w0: -0.2, x0: 0.39, w1: -0.39, x1: -0.59, w2: 0.2 });
  });

  describe('reassignment and augmented assignment', () => {
    it('makes a new version of the name at each assignment', async () => {
      const program = await lowerOk(python, 'y = x * 2\ny = y + 1\ny = y * y');
      assert.equal(shape(program.graph), '(mul (add (mul x 2) 1) (add (mul x 2) 1))');
      const versions = program.graph.nodes
        .filter((node) => node.name === 'y')
        .map((node) => node.version);
      assert.deepEqual(versions, [1, 2, 3]);
      assert.deepEqual(evaluateAt(program, { x: 3 }).grads, { x: 28 });
    });

    it('reads x before `x += …`, with no reference for that read', async () => {
      const source = 'x += 3\nx *= x\nx -= 1\nx /= 2\nx **= 2\nx //= 1\nx %= 7';
      const program = await lowerOk(python, source, { values: { x: 1 } });
      assert.equal(
        shape(program.graph),
        '(mod (floordiv (pow (div (sub (mul (add x 3) (add x 3)) 1) 2) 2) 1) 7)',
      );
      assert.equal(evaluateAt(program, { x: 1 }).value, Math.floor(((16 - 1) / 2) ** 2) % 7);
      assert.ok(
        program.references.every(
          (reference) =>
            reference.role === 'write' || reference.name !== 'x' || reference.range.start.line > 0,
        ),
      );
      assert.deepEqual(
        program.graph.nodes.filter((node) => node.name === 'x').map((node) => node.version),
        [undefined, 2, 3, 4, 5, 6, 7, 8],
      );
    });

    it('takes the last assigned name as the output, or the one asked for', async () => {
      const source = 'q = x + y\nf = q * z\ng = f + 1';
      assert.equal((await lowerOk(python, source)).outputName, 'g');
      const asked = await lowerOk(python, source, { output: 'q' });
      assert.equal(asked.outputName, 'q');
      assert.equal(shape(asked.graph), '(add x y)');
      const input = await lowerOk(python, source, { output: 'z' });
      assert.equal(shape(input.graph), 'z');
    });
  });

  describe('define-by-run conditionals', () => {
    it('takes the branch the condition selects and says so', async () => {
      const source = 'f = x * y if x > 0 else -x';
      const positive = await lowerOk(python, source, { values: { x: 3, y: 2 } });
      assert.equal(shape(positive.graph), '(select (mul x y))');
      const output = positive.graph.nodes[positive.graph.output];
      assert.equal(output?.note, 'x > 0 is true at this point: took the first branch');
      assert.equal(output?.name, 'f');
      const negative = await lowerOk(python, source, { values: { x: -3 } });
      assert.equal(shape(negative.graph), '(select (neg x))');
      assert.equal(
        negative.graph.nodes[negative.graph.output]?.note,
        'x > 0 is false at this point: took the second branch',
      );
      assert.deepEqual(evaluateAt(negative, { x: -3 }).grads, { x: -1 });
    });

    it('decides with values found in the document', async () => {
      const source = 'x = -2  # the input\nrelu = x if x > 0 else 0 * x';
      const program = await lowerOk(python, source);
      assert.equal(shape(program.graph), '(select (mul 0 x))');
      const annotated = await lowerOk(
        python,
        '# at: t=0.5\nf = t * t if 0 <= t < 1 and not t == 0 else t',
      );
      assert.equal(shape(annotated.graph), '(select (mul t t))');
    });

    it('evaluates `and`/`or` as Python does: one of the operands', async () => {
      const program = await lowerOk(python, 'f = a or b', { values: { a: 0, b: 2 } });
      assert.equal(shape(program.graph), '(select b)');
      assert.match(program.graph.nodes[program.graph.output]?.note ?? '', /a is falsy/);
    });

    it('treats a comparison used as a number as a constant (gradient 0)', async () => {
      const program = await lowerOk(python, 'f = x * (x > 0)', { values: { x: 3 } });
      assert.equal(shape(program.graph), '(mul x 1)');
      assert.deepEqual(evaluateAt(program, { x: 3 }).grads, { x: 1 });
    });

    it('asks for the values a condition needs', async () => {
      const source = 'y = 2 * w\nf = y if y > t else -y';
      const error = await lowerError(python, source);
      assert.equal(error.kind, 'unknown-name');
      assert.deepEqual(error.names, ['w', 't']);
      assert.equal(textAt(source, error.range), 'y > t');
      assert.match(error.message, /decides which branch is taken/);
      const program = await lowerOk(python, source, { values: { w: 1, t: 0 } });
      assert.equal(shape(program.graph), '(select (mul 2 w))');
    });

    it('finds values for a conditional inside a function from the defaults', async () => {
      const source = 'def leaky(x=-3.0, slope=0.1):\n    return x if x > 0 else slope * x\n';
      const program = await lowerOk(python, source);
      assert.equal(shape(program.graph), '(select (mul slope x))');
      assert.deepEqual(evaluateAt(program).grads, { x: 0.1, slope: -3 });
    });
  });

  describe('values, never by running the code', () => {
    it('takes numeric assignments above the selection, folded where needed', async () => {
      const source = [
        'import math',
        'k = 3',
        'n = 2 * k',
        'lr = 1e-3',
        'k += 1',
        'scale = math.sqrt(n) if n > 4 else 1',
        'unknown = f(n)',
        'f = lr * n * k * scale * unknown',
      ].join('\n');
      const program = await lowerOk(python, source, {
        selection: rangeOf(source, 'f = lr * n * k * scale * unknown'),
      });
      const values = Object.fromEntries(
        Object.entries(program.bindings).map(([name, binding]) => [
          name,
          [binding.value, binding.source],
        ]),
      );
      assert.deepEqual(values, {
        lr: [1e-3, 'assignment'],
        n: [6, 'assignment'],
        k: [4, 'assignment'],
        scale: [Math.sqrt(6), 'assignment'],
      });
      assert.deepEqual(program.unbound, ['unknown']);
      assert.equal(textAt(source, program.bindings.n?.range), 'n = 2 * k');
    });

    it('forgets values assigned in loops and branches', async () => {
      const source =
        'a = 1\nb = 2\nfor i in range(3):\n    a += 1\nif b > 1:\n    b = 0\nf = a * b';
      const program = await lowerOk(python, source, { selection: rangeOf(source, 'f = a * b') });
      assert.deepEqual(program.unbound, ['a', 'b']);
    });

    it('uses the selected function’s defaults and hides outer values of its parameters', async () => {
      const source = 'x = 10\nw = 7\ndef f(x, y=2 * w, z=-4):\n    return (x + y) * z\n';
      const program = await lowerOk(python, source, { selection: rangeOf(source, 'def f') });
      assert.deepEqual(program.unbound, ['x']);
      assert.deepEqual(
        Object.fromEntries(
          Object.entries(program.bindings).map(([name, binding]) => [
            name,
            [binding.value, binding.source],
          ]),
        ),
        { y: [14, 'default'], z: [-4, 'default'] },
      );
      assert.equal(textAt(source, program.bindings.y?.range), '2 * w');
    });

    it('takes values for a statement inside a function from the body and the defaults', async () => {
      const source = [
        'lr = 0.5',
        'def step(w, g=3.0):',
        '    decay = 0.25',
        '    return w - lr * g * decay',
      ].join('\n');
      const program = await lowerOk(python, source, { selection: cursorAfter(source, 'return w') });
      assert.equal(program.outputName, 'step');
      assert.deepEqual(program.unbound, ['w']);
      assert.deepEqual(
        Object.fromEntries(
          Object.entries(program.bindings).map(([name, binding]) => [name, binding.source]),
        ),
        { lr: 'assignment', g: 'default', decay: 'assignment' },
      );
    });

    it('reads `# at:` annotations on or just above the selection', async () => {
      const source =
        '# unrelated: x=100\n\n# at: x=-2, y=5\n# at z = -4\nf = (x + y) * z  # at: y=5.0\n';
      const program = await lowerOk(python, source, {
        selection: rangeOf(source, 'f = (x + y) * z'),
      });
      assert.deepEqual(program.unbound, []);
      assert.deepEqual(evaluateAt(program).grads, REFERENCE_GRADS);
      assert.equal(program.bindings.x?.source, 'annotation');
      assert.equal(textAt(source, program.bindings.x?.range), 'x=-2');
      assert.equal(textAt(source, program.bindings.y?.range), 'y=5.0');
    });

    it('prefers assignments to annotations, and the user’s values to both', async () => {
      const source = 'x = 1\n# at: x=2, y=3\nf = x * y';
      const program = await lowerOk(python, source, {
        selection: rangeOf(source, 'f = x * y'),
        values: { y: 30 },
      });
      assert.equal(program.bindings.x?.value, 1);
      assert.equal(program.bindings.y?.source, 'annotation');
      assert.deepEqual(program.unbound, []);
    });

    it('makes a number assigned inside the selection an input with that value', async () => {
      const source = 'x = -2\ny = 5\nz = -4\nf = (x + y) * z';
      const program = await lowerOk(python, source);
      assert.deepEqual(program.unbound, []);
      assert.deepEqual(evaluateAt(program).grads, REFERENCE_GRADS);
      assert.equal(program.bindings.x?.source, 'assignment');
      assert.equal(textAt(source, program.bindings.x?.range), 'x = -2');
    });
  });

  describe('libraries and imports', () => {
    it('follows import aliases seen anywhere in the file', async () => {
      const source = [
        'import numpy as xp',
        'from math import exp, pi',
        'from torch.nn import functional as G',
        'import torch.nn.functional',
        'def f(x):',
        '    return xp.tanh(x) + exp(x) * pi + G.relu(x) + torch.nn.functional.elu(x, alpha=0.5)',
      ].join('\n');
      const program = await lowerOk(python, source, { selection: rangeOf(source, 'def f') });
      assert.equal(
        shape(program.graph),
        '(add (add (add (tanh x) (mul (exp x) 3.14159265359)) (relu x)) (elu x 0.5))',
      );
    });

    it('understands np, F, math and torch without an import', async () => {
      const program = await lowerOk(
        python,
        'f = np.log1p(x) + F.softplus(x) + math.cos(x) + torch.erf(x) + F.sigmoid(x) + math.e',
      );
      assert.equal(
        shape(program.graph),
        '(add (add (add (add (add (log1p x) (softplus x)) (cos x)) (erf x)) (sigmoid x)) 2.71828182846)',
      );
    });

    it('maps keyword arguments and library conventions onto ops', async () => {
      const cases: [string, string][] = [
        ['F.leaky_relu(x, negative_slope=0.2)', '(leaky_relu x 0.2)'],
        ['F.leaky_relu(x)', '(leaky_relu x)'],
        ["F.gelu(x, approximate='tanh')", '(gelu_tanh x)'],
        ['F.gelu(x)', '(gelu x)'],
        ['torch.clamp(x, min=0)', '(max x 0)'],
        ['np.clip(x, None, 1)', '(min x 1)'],
        ['torch.clamp(x, -1, 1)', '(clamp x -1 1)'],
        ['max(x, 0, y)', '(max x 0 y)'],
        ['min(x, y)', '(min x y)'],
        ['abs(x) + round(y)', '(add (abs x) (round y))'],
        ['pow(x, 2) + x ** 2', '(add (pow x 2) (pow x 2))'],
        ['np.maximum(x, y) - np.fmin(x, y)', '(sub (max x y) (min x y))'],
        ['math.log(x, 2)', '(div (log x) (log 2))'],
        ['np.square(x)', '(pow x 2)'],
        ['x // y + x % y', '(add (floordiv x y) (mod x y))'],
        ['scipy.special.expit(x) + math.atan2(y, x)', '(add (sigmoid x) (atan2 y x))'],
        ['F.softplus(x, beta=2)', '(div (softplus (mul 2 x)) 2)'],
        [
          'torch.sign(x) + np.floor(x) + math.ceil(x) + math.trunc(x)',
          '(add (add (add (sign x) (floor x)) (ceil x)) (trunc x))',
        ],
        ['math.hypot(x, y, 2)', '(hypot x y 2)'],
        ['-x + +y', '(add (neg x) y)'],
        ['-2 ** 2 + x', '(add (neg (pow 2 2)) x)'],
        ['(-2) ** 2 * x', '(mul (pow -2 2) x)'],
        [
          "F.gelu(x, approximate='none') + F.relu6(x) + F.silu(x)",
          '(add (add (gelu x) (clamp x 0 6)) (mul x (sigmoid x)))',
        ],
        [
          'True + 1_000 + 0x1F + 0o17 + 0b11 + 1e-3 + 2.',
          '(add (add (add (add (add (add 1 1000) 31) 15) 3) 0.001) 2)',
        ],
      ];
      for (const [expression, expected] of cases) {
        assert.equal(
          shape((await lowerOk(python, `f = ${expression}`)).graph),
          expected,
          expression,
        );
      }
    });

    it('gives the same gradients as central differences for library functions', async () => {
      const program = await lowerOk(
        python,
        'f = F.gelu(x) * np.tanh(y) + F.elu(x - y) + math.log1p(x * x) / F.softplus(y) + np.hypot(x, y)',
      );
      const { grads } = evaluateAt(program, { x: 0.7, y: -0.4 });
      const h = 1e-6;
      const at = (x: number, y: number): number => evaluateAt(program, { x, y }).value;
      assert.ok(
        Math.abs((grads.x ?? NaN) - (at(0.7 + h, -0.4) - at(0.7 - h, -0.4)) / (2 * h)) < 1e-6,
      );
      assert.ok(
        Math.abs((grads.y ?? NaN) - (at(0.7, -0.4 + h) - at(0.7, -0.4 - h)) / (2 * h)) < 1e-6,
      );
    });
  });

  it('skips print calls between the lines', async () => {
    const program = await lowerOk(python, 'q = x + y\nprint(q)\nf = q * z\nprint("f", f)');
    assert.equal(program.outputName, 'f');
    assert.deepEqual(evaluateAt(program, REFERENCE).grads, REFERENCE_GRADS);
  });

  it('ignores type hints, docstrings, comments and pass', async () => {
    const source = [
      'def f(x: float, y: float = 5.0) -> float:',
      '    """Docstring."""',
      '    # a comment',
      '    q: float = x + y  # another',
      '    pass',
      '    return q * 2',
    ].join('\n');
    const program = await lowerOk(python, source);
    assert.equal(shape(program.graph), '(mul (add x y) 2)');
    assert.equal(program.bindings.y?.value, 5);
  });
});
