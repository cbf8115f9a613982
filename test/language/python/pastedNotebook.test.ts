/**
 * Code as people paste it from notebooks and tutorial pages: notebook magics, shell lines,
 * Python 2 `print` statements, display lines, labels, `requires_grad` set after the tensor is
 * made. Each is read as what it means or skipped with a note naming its line. The expected
 * numbers come from running the same code (minus the lines that are not Python 3) in real
 * Python with PyTorch (/usr/bin/python3, via runPython): the tests run code, the tool never does.
 */
import assert from 'node:assert/strict';
import { renderTable } from '../../../src/cli/table';
import { inspectTensorGraph } from '../../../src/engine/tensor/tensorInspect';
import { runPython } from '../../support/tensorOpChecks';
import { inspectionOf, linesRange } from '../../support/inspections';
import { evaluateAt, lowerError, lowerOk, python } from '../code/codeHelpers';

interface Ran {
  readonly value: number;
  readonly grads: Readonly<Record<string, number>>;
}

/** Runs `source` in Python 3 with torch; `output` and the `.grad` of each of `names`. */
function ranInPython(source: string, output: string, names: readonly string[]): Ran {
  return runPython<Ran>(
    `import contextlib, io, json, sys
case = json.load(sys.stdin)
env = {}
with contextlib.redirect_stdout(io.StringIO()):
    exec(case['source'], env)
num = lambda v: float(v.item()) if hasattr(v, 'item') else float(v)
print(json.dumps({'value': num(env[case['output']]), 'grads': {n: num(env[n].grad) for n in case['names']}}))
`,
    { source, output, names },
  );
}

async function inspected(source: string, range?: { from: number; to: number }) {
  const selection =
    range === undefined ? {} : { selection: linesRange(source, range.from, range.to) };
  const { result, program } = await inspectionOf({ source, language: 'python', ...selection });
  const grads: Record<string, number> = {};
  for (const input of result.inputs) {
    grads[input.name] = input.grad;
  }
  return { value: result.value, grads, output: result.output.name, notes: program.notes ?? [] };
}

function assertClose(actual: number | undefined, expected: number | undefined, what: string): void {
  assert.ok(actual !== undefined && expected !== undefined, `${what}: missing`);
  assert.ok(
    Math.abs(actual - expected) <= 1e-12 * Math.max(1, Math.abs(expected)),
    `${what}: ${actual} ≠ ${expected}`,
  );
}

/** The CS231n backprop notes' staged sigmoid example, with a Python 2 print added after it. */
const CS231N = `import math
x = 3 # example values
y = -4

# forward pass
sigy = 1.0 / (1 + math.exp(-y)) # sigmoid in numerator   #(1)
num = x + sigy # numerator                               #(2)
sigx = 1.0 / (1 + math.exp(-x)) # sigmoid in denominator #(3)
xpy = x + y                                              #(4)
xpysqr = xpy**2                                          #(5)
den = sigx + xpysqr # denominator                        #(6)
invden = 1.0 / den                                       #(7)
f = num * invden # done!                                 #(8)
print "f is", f
`;

/** The same computation in PyTorch, inputs as tensors, for the gradients. */
const CS231N_TORCH = `import torch
x = torch.tensor(3.0, dtype=torch.float64, requires_grad=True)
y = torch.tensor(-4.0, dtype=torch.float64, requires_grad=True)
sigy = 1.0 / (1 + torch.exp(-y))
num = x + sigy
sigx = 1.0 / (1 + torch.exp(-x))
xpy = x + y
xpysqr = xpy**2
den = sigx + xpysqr
invden = 1.0 / den
f = num * invden
f.backward()
`;

describe('pasted notebooks and pages (Python)', function () {
  this.timeout(60_000);

  describe('a Python 2 print statement', () => {
    it('inside the inspected code is skipped with a note, and the numbers are PyTorch’s', async () => {
      const got = await inspected(CS231N);
      const want = ranInPython(CS231N_TORCH, 'f', ['x', 'y']);
      assert.equal(got.output, 'f');
      assertClose(got.value, want.value, 'f');
      assertClose(got.grads.x, want.grads.x, '∂f/∂x');
      assertClose(got.grads.y, want.grads.y, '∂f/∂y');
      assert.ok(
        got.notes.includes(
          'line 14: `print "f is", f` skipped: Python 2\'s `print` statement prints, it computes nothing',
        ),
        got.notes.join('\n'),
      );
    });

    it('outside the selection does not stop it', async () => {
      const source = `print "start"\n${CS231N}`;
      const got = await inspected(source, { from: 2, to: 13 });
      const want = ranInPython(CS231N_TORCH, 'f', ['x', 'y']);
      assertClose(got.value, want.value, 'f');
      assertClose(got.grads.x, want.grads.x, '∂f/∂x');
    });
  });

  describe('notebook magics, shell and help lines', () => {
    const CELL = `%matplotlib inline\n!pip install torch\nx = 2.0\ny = x * x + 3 * x  # why?\nnp.sum?\n`;

    it('are skipped with a note naming each line, keeping every range exact', async () => {
      const result = await python.lower({ source: CELL });
      assert.ok(result.ok, result.ok ? '' : result.error.message);
      const program = result.program;
      assert.deepEqual(program.notes, [
        'line 1: `%matplotlib inline` (a notebook magic) skipped: not Python, it computes nothing',
        'line 2: `!pip install torch` (a shell command) skipped: not Python, it computes nothing',
        'line 5: `np.sum?` (a help request) skipped: not Python, it computes nothing',
      ]);
      assert.ok(program.kind !== 'tensor');
      const xs = program.references.filter((reference) => reference.name === 'x');
      assert.deepEqual(
        xs.map((reference) => reference.range.start),
        [
          { line: 2, column: 0 },
          { line: 3, column: 4 },
          { line: 3, column: 8 },
          { line: 3, column: 16 },
        ],
      );
    });

    it('an assignment of a magic or a shell command is one too', async () => {
      const source = 'files = !ls\nt = %timeit -o f(x)\nx = 3.0\ny = x * x\n';
      const result = await python.lower({ source });
      assert.ok(result.ok, result.ok ? '' : result.error.message);
      assert.deepEqual(result.program.notes, [
        'line 1: `files = !ls` (a shell command) skipped: not Python, it computes nothing',
        'line 2: `t = %timeit -o f(x)` (a notebook magic) skipped: not Python, it computes nothing',
      ]);
    });

    it('the cursor on one is told what the line is', async () => {
      const cursor = { line: 1, column: 3 };
      const error = await lowerError(python, CELL, { selection: { start: cursor, end: cursor } });
      assert.equal(
        error.message,
        'line 2: `!pip install torch` is a shell command, not Python: put the cursor on a statement, or select code',
      );
    });

    it('outside the selection are not named', async () => {
      const result = await python.lower({ source: CELL, selection: linesRange(CELL, 2, 3) });
      assert.ok(result.ok);
      assert.equal(result.program.notes, undefined);
    });

    it('a % that continues an expression in brackets is Python, and an error elsewhere still is one', async () => {
      const source = 'x = 7\ny = (x\n     % 4)\nz = y +\n';
      const error = await lowerError(python, source);
      assert.equal(error.kind, 'syntax');
      assert.deepEqual(error.range.start.line, 3);
    });

    it('a % line inside a string is left alone', async () => {
      const source = 'x = 2\ns = """\n%not a magic\n"""\ny = x * x +\n';
      const error = await lowerError(python, source);
      assert.equal(error.kind, 'syntax');
      assert.equal(error.range.start.line, 4);
    });
  });

  it('display lines are named in one note, the first eight by number', async () => {
    const prints = Array.from({ length: 10 }, (_, i) => `print(x, ${i})`).join('\n');
    const result = await python.lower({ source: `x = 2.0\n${prints}\ny = x * x\n` });
    assert.ok(result.ok);
    assert.deepEqual(result.program.notes, [
      'lines 2, 3, 4, 5, 6, 7, 8, 9 and 2 more: display only (`print(…)`, `x.grad_fn` …), skipped: they compute nothing',
    ]);
  });

  describe('a `>>>` session pasted from documentation', () => {
    const SESSION = `>>> import torch
>>> x = torch.ones(2, 2, requires_grad=True)
>>> y = x + 2
>>> y
tensor([[3., 3.],
        [3., 3.]], grad_fn=<AddBackward0>)
>>> for i in range(2):
...     y = y * 2
...
>>> out = y.mean()
>>> out.backward()
`;
    /** The code the session shows, prompts and outputs removed, for PyTorch. */
    const CODE = SESSION.split('\n')
      .filter((line) => /^(>>>|\.\.\.)/.test(line))
      .map((line) => line.slice(4))
      .join('\n');

    it('reads the code after the prompts, skips the output lines, with PyTorch’s numbers', async () => {
      const result = await python.lower({ source: SESSION });
      assert.ok(result.ok, result.ok ? '' : result.error.message);
      const program = result.program;
      assert.ok(program.kind === 'tensor');
      assert.deepEqual(program.notes, [
        'a pasted console session: the prompts on lines 1, 2, 3, 4, 7, 8, 9, 10 and 1 more are removed, the output lines 5, 6 skipped (not code)',
      ]);
      const values = Object.fromEntries(
        Object.entries(program.bindings).map(([key, binding]) => [key, binding.value]),
      );
      const got = inspectTensorGraph(program.graph, values);
      const want = runPython<{ value: number; grad: number[] }>(
        `import json, torch
torch.set_default_dtype(torch.float64)
${CODE}
print(json.dumps({'value': out.item(), 'grad': x.grad.flatten().tolist()}))
`,
      );
      assert.equal(got.value, want.value);
      assert.deepEqual([...(got.grads.x?.data ?? [])], want.grad);
    });

    it('an IPython session: In [n]: and ...: prompts, Out[n]: lines', async () => {
      const ipython = [
        'In [1]: x = 2.0',
        '',
        'In [2]: for i in range(3):',
        '   ...:     x = x * 1.5',
        '   ...:',
        '',
        'In [3]: x',
        'Out[3]: 6.75',
        '',
        'In [4]: y = x * x',
        '',
      ].join('\n');
      const result = await python.lower({ source: ipython });
      assert.ok(result.ok, result.ok ? '' : result.error.message);
      assert.ok(result.program.kind !== 'tensor');
      const evaluated = evaluateAt(result.program);
      // Python: x = 2.0 * 1.5 ** 3 = 6.75, y = x * x = 45.5625, dy/dx(x0) = 2 * 6.75 * 1.5 ** 3.
      assert.equal(evaluated.value, 45.5625);
      assert.equal(evaluated.grads.x, 2 * 6.75 * 1.5 ** 3);
      assert.deepEqual(result.program.notes, [
        'a pasted console session: the prompts on lines 1, 3, 4, 5, 7, 10 are removed, the output line 8 skipped (not code)',
      ]);
    });

    it('keeps the columns of the code after a prompt', async () => {
      const result = await python.lower({ source: SESSION });
      assert.ok(result.ok);
      const y = result.program.references.find((reference) => reference.name === 'y');
      assert.deepEqual(y?.range.start, { line: 2, column: 4 });
    });

    it('a session inside a docstring is left alone', async () => {
      const program = await lowerOk(
        python,
        'def f(x):\n    """\n    >>> f(2)\n    4\n    """\n    return x * x\n# at: x=3\n',
      );
      assert.equal(program.notes, undefined);
    });
  });

  describe('micrograd with labels, as karpathy’s lecture writes it', () => {
    const LECTURE = `from micrograd.engine import Value
a = Value(-4.0, label='a')
b = Value(2.0, label='b')
c = a + b; c.label = 'c'
d = a * b + b**3
d.label = 'd'
c += c + 1
c += 1 + c + (-a)
d += d * 2 + (b + a).relu()
d += 3 * d + (b - a).relu()
e = c - d
f = e**2
g = f / 2.0
g += 10.0 / f
print(f'{g.data:.4f}') # prints 24.7041, the outcome of this forward pass
g.backward()
print(f'{a.grad:.4f}') # prints 138.8338, i.e. the numerical value of dg/da
print(f'{b.grad:.4f}') # prints 645.5773, i.e. the numerical value of dg/db
a.grad = 0.0
`;
    /** The same computation in PyTorch, as micrograd's test_engine.py checks it. */
    const LECTURE_TORCH = `import torch
a = torch.tensor(-4.0, dtype=torch.float64, requires_grad=True)
b = torch.tensor(2.0, dtype=torch.float64, requires_grad=True)
c = a + b
d = a * b + b**3
c = c + c + 1
c = c + 1 + c + (-a)
d = d + d * 2 + (b + a).relu()
d = d + 3 * d + (b - a).relu()
e = c - d
f = e**2
g = f / 2.0
g = g + 10.0 / f
g.backward()
`;

    it('inspects with PyTorch’s numbers; the labels and display lines are in notes', async () => {
      const got = await inspected(LECTURE);
      const want = ranInPython(LECTURE_TORCH, 'g', ['a', 'b']);
      assert.equal(got.output, 'g₂'); // the second binding of g (g += …)
      assertClose(got.value, want.value, 'g');
      assertClose(got.grads.a, want.grads.a, '∂g/∂a');
      assertClose(got.grads.b, want.grads.b, '∂g/∂b');
      for (const note of [
        "line 4: `c.label = 'c'` skipped: a label only names the value for display",
        "line 6: `d.label = 'd'` skipped: a label only names the value for display",
        'line 19: `a.grad = 0.0` skipped: it zeroes gradients; those shown are of the one `.backward()` inspected',
        'lines 15, 17, 18: display only (`print(…)`, `x.grad_fn` …), skipped: they compute nothing',
      ]) {
        assert.ok(got.notes.includes(note), `${note}\nnot in\n${got.notes.join('\n')}`);
      }
    });
  });

  describe('PyTorch scalars as tutorials write them', () => {
    const SCALARS = `import torch
device = 'cuda' if torch.cuda.is_available() else 'cpu'
x = torch.tensor(2.0)
x.requires_grad = True
w = torch.tensor(3.0, dtype=torch.float64).to(device)
w.requires_grad_(True)
y = (w * x).cpu() * x; y.backward(retain_graph=True)
y.grad_fn
print(x.grad, w.grad)
`;
    const SCALARS_TORCH = `import torch
x = torch.tensor(2.0, dtype=torch.float64)
x.requires_grad = True
w = torch.tensor(3.0, dtype=torch.float64)
w.requires_grad_(True)
y = (w * x) * x; y.backward(retain_graph=True)
`;

    it('requires_grad set after the tensor is made, `;`, device and display lines', async () => {
      const got = await inspected(SCALARS);
      const want = ranInPython(SCALARS_TORCH, 'y', ['x', 'w']);
      assert.equal(got.output, 'y');
      assertClose(got.value, want.value, 'y');
      assertClose(got.grads.x, want.grads.x, '∂y/∂x');
      assertClose(got.grads.w, want.grads.w, '∂y/∂w');
      assert.deepEqual(
        got.notes.filter((note) => note.startsWith('line')),
        [
          "line 2: `device = 'cuda' if torch.cuda.is_availa…` skipped: it chooses the device; computed here on the CPU, in float64",
          'line 4: `x.requires_grad = True` read as `requires_grad=True` where `x` is made (line 3)',
          'line 6: `w.requires_grad_(True)` read as `requires_grad=True` where `w` is made (line 5)',
          'lines 8, 9: display only (`print(…)`, `x.grad_fn` …), skipped: they compute nothing',
        ],
      );
      assert.ok(got.notes.some((note) => note.startsWith('torch.float32 (PyTorch’s default)')));
    });

    it('values computed under `with torch.no_grad():` are constants, as PyTorch records them', async () => {
      const source = `import torch
x = torch.tensor(2.0, requires_grad=True)
with torch.no_grad():
    c = x * 3
    print(c)
y = x * c
y.backward()
`;
      const got = await inspected(source);
      const want = ranInPython(source, 'y', ['x']);
      assertClose(got.value, want.value, 'y');
      assertClose(got.grads.x, want.grads.x, '∂y/∂x');
      const { result, program } = await inspectionOf({ source, language: 'python' });
      assert.match(
        renderTable(result, 6, program.valueTargets, program.notes),
        /notes\n(?:.*\n)*.*computed under `torch\.no_grad\(\)`: a constant/,
      );
    });

    it('an in-place update under `torch.no_grad()` is refused, naming it', async () => {
      const error = await lowerError(
        python,
        'import torch\nx = torch.tensor(2.0, requires_grad=True)\nwith torch.no_grad():\n    x += 1\ny = x * x\n',
      );
      assert.match(
        error.message,
        /^`x \+= 1` \(an in-place update under `torch\.no_grad\(\)`\) is not supported/,
      );
      assert.equal(error.range.start.line, 3);
    });

    it('a device chosen inside a computation is not taken for a device line', async () => {
      const got = await inspected(
        'import torch\nx = torch.tensor(2.0, requires_grad=True)\nz = torch.tensor(3.0, device=torch.device("cpu"))\ny = x * z\n',
      );
      assert.equal(got.value, 6);
      assert.equal(got.grads.x, 3);
      assert.ok(!got.notes.some((note) => note.startsWith('line 3')), got.notes.join('\n'));
    });

    it('requires_grad set after a use of the tensor is refused, naming the use', async () => {
      const error = await lowerError(
        python,
        'import torch\nx = torch.tensor(2.0)\nz = x * 2\nx.requires_grad_()\ny = x * z\n',
      );
      assert.equal(
        error.message,
        '`x.requires_grad_()` after `x` is used (line 3: `z = x * 2`) is not supported: PyTorch computed that use without a gradient; set requires_grad where `x` is made',
      );
      assert.equal(error.range.start.line, 3);
    });

    it('requires_grad set on a computed value is refused', async () => {
      const error = await lowerError(
        python,
        'import torch\na = torch.tensor(2.0)\nx = a * 3\nx.requires_grad = True\ny = x * x\n',
      );
      assert.match(error.message, /on `x` made by `x = a \* 3` is not supported/);
      assert.equal(error.range.start.line, 3);
    });

    it('a seed on a scalar backward is refused; two backward calls are refused', async () => {
      const head = 'import torch\nx = torch.tensor(2.0, requires_grad=True)\ny = x * x\n';
      const seeded = await lowerError(python, `${head}y.backward(torch.tensor(2.0))\n`);
      assert.match(
        seeded.message,
        /`\.backward\(\)` with `torch\.tensor\(2\.0\)` is not supported/,
      );
      const twice = await lowerError(
        python,
        `${head}y.backward(retain_graph=True)\ny.backward()\n`,
      );
      assert.match(twice.message, /a second `\.backward\(\)`/);
      assert.equal(twice.range.start.line, 4);
    });
  });
});
