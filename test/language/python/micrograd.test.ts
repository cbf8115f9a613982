/**
 * micrograd's `Value` and PyTorch scalars as their users write them. The fixtures are
 * micrograd's README example and the two scalar tests of its test suite (test/test_engine.py);
 * the expected numbers come from running the same programs in real Python (/usr/bin/python3,
 * with a small Value class of micrograd's shape written here, and PyTorch): the tests may run
 * code, the extension never does.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderTable } from '../../../src/cli/table';
import { inspectionOf } from '../../support/inspections';
import { lowerError, python } from '../code/codeHelpers';

const PYTHON = '/usr/bin/python3';

/** Our own Value of micrograd's shape, importable as `micrograd.engine`, and a runner. */
const HARNESS = String.raw`
import contextlib, io, json, math, sys, types

class Value:
    def __init__(self, data, _children=(), _op='', label=''):
        self.data = data
        self.grad = 0.0
        self._back = lambda: None
        self._parents = _children
    def _wrap(self, other):
        return other if isinstance(other, Value) else Value(other)
    def __add__(self, other):
        other = self._wrap(other)
        out = Value(self.data + other.data, (self, other))
        def back():
            self.grad += out.grad
            other.grad += out.grad
        out._back = back
        return out
    def __mul__(self, other):
        other = self._wrap(other)
        out = Value(self.data * other.data, (self, other))
        def back():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._back = back
        return out
    def __pow__(self, k):
        out = Value(self.data ** k, (self,))
        def back():
            self.grad += k * self.data ** (k - 1) * out.grad
        out._back = back
        return out
    def _unary(self, value, slope):
        out = Value(value, (self,))
        def back():
            self.grad += slope * out.grad
        out._back = back
        return out
    def relu(self):
        return self._unary(max(self.data, 0.0) if self.data > 0 else 0.0, 1.0 if self.data > 0 else 0.0)
    def tanh(self):
        t = math.tanh(self.data)
        return self._unary(t, 1 - t * t)
    def exp(self):
        e = math.exp(self.data)
        return self._unary(e, e)
    def __neg__(self): return self * -1
    def __radd__(self, other): return self + other
    def __sub__(self, other): return self + (-other)
    def __rsub__(self, other): return other + (-self)
    def __rmul__(self, other): return self * other
    def __truediv__(self, other): return self * other ** -1
    def __rtruediv__(self, other): return other * self ** -1
    def backward(self):
        order, seen = [], set()
        def visit(v):
            if id(v) not in seen:
                seen.add(id(v))
                for parent in v._parents:
                    visit(parent)
                order.append(v)
        visit(self)
        self.grad = 1.0
        for v in reversed(order):
            v._back()

engine = types.ModuleType('micrograd.engine')
engine.Value = Value
sys.modules['micrograd'] = types.ModuleType('micrograd')
sys.modules['micrograd.engine'] = engine

def number(v):
    return float(v.item()) if hasattr(v, 'item') else float(v.data if hasattr(v, 'data') else v)

def run(source, output, names):
    env = {}
    with contextlib.redirect_stdout(io.StringIO()):
        exec(compile(source, '<program>', 'exec'), env)
    return {'value': number(env[output]), 'grads': {n: number(env[n].grad) for n in names}}

cases = json.load(sys.stdin)
print(json.dumps([run(*case) for case in cases]))
`;

interface Ran {
  readonly value: number;
  readonly grads: Readonly<Record<string, number>>;
}

function runPython(cases: readonly (readonly [string, string, readonly string[]])[]): Ran[] {
  const run = spawnSync(PYTHON, ['-c', HARNESS], {
    input: JSON.stringify(cases),
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (run.status !== 0) {
    throw new Error(`${PYTHON} (with python3-torch) failed: ${run.stderr || String(run.error)}`);
  }
  return JSON.parse(run.stdout) as Ran[];
}

const README = readFileSync(join(__dirname, '../../../samples/micrograd.py'), 'utf8');

/** test_engine.py's test_sanity_check, micrograd's half. */
const SANITY = `from micrograd.engine import Value

x = Value(-4.0)
z = 2 * x + 2 + x
q = z.relu() + z * x
h = (z * z).relu()
y = h + q + q * x
y.backward()
`;

/** test_engine.py's test_more_ops, micrograd's half. */
const MORE_OPS = `from micrograd.engine import Value

a = Value(-4.0)
b = Value(2.0)
c = a + b
d = a * b + b**3
c += c + 1
c += 1 + c + (-a)
d += d * 2 + (b + a).relu()
d += 3 * d + (b - a).relu()
e = c - d
f = e**2
g = f / 2.0
g += 10.0 / f
g.backward()
`;

/** The PyTorch halves of the same tests, as micrograd's test file writes them. */
const SANITY_TORCH = `import torch
x = torch.Tensor([-4.0]).double()
x.requires_grad = True
z = 2 * x + 2 + x
q = z.relu() + z * x
h = (z * z).relu()
y = h + q + q * x
y.backward()
`;

const MORE_OPS_TORCH = `import torch
a = torch.Tensor([-4.0]).double()
b = torch.Tensor([2.0]).double()
a.requires_grad = True
b.requires_grad = True
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

/** Scalar tensors as PyTorch users write them: the same programs, read by the tool too. */
function asTorchScalars(program: string): string {
  return program
    .replace('from micrograd.engine import Value', 'import torch')
    .replace(/Value\(([^)]*)\)/g, 'torch.tensor($1, dtype=torch.float64, requires_grad=True)');
}

async function inspected(source: string) {
  const { result, program } = await inspectionOf({ source, language: 'python' });
  const grads: Record<string, number> = {};
  for (const input of result.inputs) {
    grads[input.name] = input.grad;
  }
  return { value: result.value, grads, output: result.output.name, result, program };
}

function close(actual: number, expected: number, what: string): void {
  assert.ok(
    Math.abs(actual - expected) <= 1e-12 * Math.max(1, Math.abs(expected)),
    `${what}: ${actual} ≠ ${expected}`,
  );
}

describe('micrograd and PyTorch scalars', function () {
  this.timeout(120_000);
  let ran: Ran[] = [];
  const programs = [
    [README, 'g', ['a', 'b']],
    [SANITY, 'y', ['x']],
    [MORE_OPS, 'g', ['a', 'b']],
    [SANITY_TORCH, 'y', ['x']],
    [MORE_OPS_TORCH, 'g', ['a', 'b']],
    [asTorchScalars(SANITY), 'y', ['x']],
    [asTorchScalars(MORE_OPS), 'g', ['a', 'b']],
  ] as const;

  before(() => {
    ran = runPython(programs);
  });

  it("micrograd's README example gives what micrograd prints: g = 24.7041, ∂g/∂a = 138.8338, ∂g/∂b = 645.5773", async () => {
    const { value, grads, output } = await inspected(README);
    assert.match(output, /^g/);
    assert.equal(value.toFixed(4), '24.7041');
    assert.equal(grads.a?.toFixed(4), '138.8338');
    assert.equal(grads.b?.toFixed(4), '645.5773');
    const [python] = ran;
    close(value, python?.value ?? NaN, 'g');
    close(grads.a ?? NaN, python?.grads.a ?? NaN, '∂g/∂a');
    close(grads.b ?? NaN, python?.grads.b ?? NaN, '∂g/∂b');
  });

  const fixtures = [
    ['test_sanity_check', SANITY, 1, 3],
    ['test_more_ops', MORE_OPS, 2, 4],
  ] as const;
  for (const [test, source, own, torch] of fixtures) {
    it(`${test}: micrograd's program gives PyTorch's value and gradients`, async () => {
      const { value, grads } = await inspected(source);
      const pytorch = ran[torch];
      const micrograd = ran[own];
      assert.ok(pytorch !== undefined && micrograd !== undefined);
      close(value, pytorch.value, 'value');
      close(micrograd.value, pytorch.value, 'the Python Value class');
      for (const [name, grad] of Object.entries(pytorch.grads)) {
        close(grads[name] ?? NaN, grad, `∂/∂${name}`);
      }
    });

    it(`${test}: the same program with torch.tensor(…, requires_grad=True) gives PyTorch's numbers`, async () => {
      const { value, grads } = await inspected(asTorchScalars(source));
      const pytorch = ran[torch + 2];
      assert.ok(pytorch !== undefined);
      close(value, pytorch.value, 'value');
      for (const [name, grad] of Object.entries(pytorch.grads)) {
        close(grads[name] ?? NaN, grad, `∂/∂${name}`);
      }
    });
  }

  it('hovering `a.grad` after backward() shows ∂g/∂a: the reference covers `a.grad`', async () => {
    const { result, program } = await inspected(README);
    const lines = README.split('\n');
    // The first line of code that reads it (the sample's header comment names it too).
    const line = lines.findIndex(
      (text) => !text.trimStart().startsWith('#') && text.includes('a.grad'),
    );
    const column = lines[line]?.indexOf('a.grad') ?? -1;
    const reference = program.references.find(
      (ref) => ref.range.start.line === line && ref.range.start.column === column,
    );
    assert.ok(reference !== undefined, 'a reference at a.grad');
    assert.equal(reference.range.end.column, column + 'a.grad'.length);
    assert.equal(result.nodes[reference.node]?.grad?.toFixed(4), '138.8338');
  });

  it('backward() names the output, not the last assignment; a display line `a.grad` makes no output', async () => {
    const source =
      'from micrograd.engine import Value\na = Value(3.0)\nb = Value(2.0)\ny = a * b\ny.backward()\nz = a + 1\na.grad\n';
    const { output, grads } = await inspected(source);
    assert.equal(output, 'y');
    assert.deepEqual(grads, { a: 2, b: 3 });
  });

  it('`.data` and `.item()` read the value as a constant the gradient does not flow through', async () => {
    for (const read of ['a.data', 'a.item()']) {
      const source = `import torch\na = torch.tensor(3.0, requires_grad=True)\ny = a * ${read}\ny.backward()\n`;
      const { value, grads, result } = await inspected(source);
      assert.equal(value, 9);
      assert.deepEqual(grads, { a: 3 });
      assert.ok(result.nodes.some((node) => node.note?.includes('plain number') === true));
    }
  });

  it('a tensor without requires_grad is a constant: no input, no gradient', async () => {
    const source =
      'import torch\nx = torch.tensor(2.0, requires_grad=True)\nk = torch.tensor(5.0)\ny = (k * x).tanh()\ny.backward()\n';
    const { value, grads } = await inspected(source);
    close(value, Math.tanh(10), 'y');
    assert.deepEqual(Object.keys(grads), ['x']);
  });

  it("a class of micrograd's shape in the file is read as micrograd's Value", async () => {
    const engine = readFileSync(join(__dirname, 'fixtures/valueClass.py'), 'utf8');
    const source = `${engine}\nx1 = Value(2.0, label='x1')\nw1 = Value(-3.0, label='w1')\nb = Value(6.8813735870195432)\no = (x1 * w1 + b).tanh()\no.backward()\n`;
    const { value, grads, output } = await inspected(source);
    assert.equal(output, 'o');
    close(value, Math.tanh(-6 + 6.8813735870195432), 'o');
    close(grads.w1 ?? NaN, 2 * (1 - value * value), '∂o/∂w1');
  });

  it('a class of another shape is refused as before', async () => {
    const error = await lowerError(
      python,
      'class Point:\n    def norm(self):\n        return 0\nx = 2.0\n',
    );
    assert.match(error.message, /a class is not supported/);
  });

  it('refuses clearly: a gradient used in a computation, requires_grad set after a use, two backward() calls', async () => {
    const head = 'from micrograd.engine import Value\na = Value(3.0)\ny = a * a\ny.backward()\n';
    assert.match(
      (await lowerError(python, `${head}z = a.grad * 2\n`)).message,
      /a\.grad.*computation/,
    );
    assert.match(
      (
        await lowerError(
          python,
          'import torch\nx = torch.tensor(2.0)\ny = x * x\nx.requires_grad = True\n',
        )
      ).message,
      /after `x` is used \(line 3: `y = x \* x`\)/,
    );
    assert.match(
      (await lowerError(python, `${head}y.backward()\n`)).message,
      /second `\.backward\(\)`/,
    );
  });

  it('the CLI table lists a `.data` note under notes', async () => {
    const { result, program } = await inspected(
      'from micrograd.engine import Value\na = Value(3.0)\ny = a * a.data\ny.backward()\n',
    );
    assert.match(
      renderTable(result, 6, program.valueTargets, program.notes),
      /notes\n.*plain number/,
    );
  });
});
