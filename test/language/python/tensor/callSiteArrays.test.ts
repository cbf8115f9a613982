/**
 * Array code: a function's parameters take the arrays of its call at the top of the file, and
 * its free names hold what they hold at that call (issue 18, item 2). Expected numbers from
 * PyTorch (float64 autograd); JAX's `jax.grad(f)(1.0)` is ∂f/∂x at 1.0, computed there too.
 */
import assert from 'node:assert/strict';
import { inspected, lines, runPython, tensorError } from './tensorPrograms';

const JAX_GRAD = lines(
  'import jax',
  'import jax.numpy as jnp',
  'def f(x):',
  '    return jnp.sin(x) * x ** 2',
  'g = jax.grad(f)(1.0)',
);

const NUMPY_LOSS = lines(
  'import numpy as np',
  'def loss(W, b):',
  '    s = X @ W + b',
  '    return (s ** 2).mean()',
  'X = np.ones((2, 3))',
  'W0 = np.zeros((3, 2)) + 0.5',
  'b0 = np.array([1.0, -1.0])',
  'X = X * 2',
  'L = loss(W0, b0)',
);

/** JAX's quickstart loss over arrays whose names are the parameters', and how it is called. */
function jaxLoss(call: string): string {
  return lines(
    'import jax',
    'import jax.numpy as jnp',
    'def predict(W, b, x):',
    '    return jnp.tanh(x @ W + b)',
    'def loss(W, b, x, y):',
    '    preds = predict(W, b, x)',
    '    return jnp.mean((preds - y) ** 2)',
    'x = jnp.array([[1.0, 0.5], [-0.3, 2.0], [0.8, -1.2]])',
    'y = jnp.array([[0.5, 0.0], [1.0, -1.0], [0.0, 0.5]])',
    'W = jnp.array([[0.4, -0.6], [0.3, 0.9]])',
    'b = jnp.array([0.1, -0.2])',
    call,
  );
}

const TORCH_JAX_LOSS = String.raw`
import json, torch
x = torch.tensor([[1.0, 0.5], [-0.3, 2.0], [0.8, -1.2]], dtype=torch.float64, requires_grad=True)
y = torch.tensor([[0.5, 0.0], [1.0, -1.0], [0.0, 0.5]], dtype=torch.float64, requires_grad=True)
W = torch.tensor([[0.4, -0.6], [0.3, 0.9]], dtype=torch.float64, requires_grad=True)
b = torch.tensor([0.1, -0.2], dtype=torch.float64, requires_grad=True)
loss = torch.mean((torch.tanh(x @ W + b) - y) ** 2)
loss.backward()
grads = {name: t.grad.flatten().tolist() for name, t in {'W': W, 'b': b, 'x': x, 'y': y}.items()}
print(json.dumps({'loss': loss.item(), **grads}))
`;

interface ExpectedLoss {
  readonly loss: number;
  readonly W: number[];
  readonly b: number[];
  readonly x: number[];
  readonly y: number[];
}

const TORCH = String.raw`
import json, torch
x = torch.tensor(1.0, dtype=torch.float64, requires_grad=True)
f = torch.sin(x) * x ** 2
f.backward()
X = torch.ones((2, 3), dtype=torch.float64) * 2
W = (torch.zeros((3, 2), dtype=torch.float64) + 0.5).requires_grad_(True)
b = torch.tensor([1.0, -1.0], dtype=torch.float64, requires_grad=True)
L = ((X @ W + b) ** 2).mean()
L.backward()
print(json.dumps({'f': f.item(), 'x': x.grad.item(), 'L': L.item(), 'W': W.grad.flatten().tolist(), 'b': b.grad.tolist()}))
`;

interface Expected {
  readonly f: number;
  readonly x: number;
  readonly L: number;
  readonly W: number[];
  readonly b: number[];
}

function assertAll(actual: ArrayLike<number> | undefined, expected: readonly number[]): void {
  assert.ok(actual !== undefined);
  assert.equal(actual.length, expected.length);
  expected.forEach((value, i) => {
    assert.ok(Math.abs((actual[i] ?? NaN) - value) < 1e-12, `[${i}]: ${actual[i]} ≠ ${value}`);
  });
}

describe('array values from call sites', () => {
  let torch: Expected;
  let jax: ExpectedLoss;
  before(function () {
    this.timeout(60_000);
    torch = runPython<Expected>(TORCH);
    jax = runPython<ExpectedLoss>(TORCH_JAX_LOSS);
  });

  it('`g = jax.grad(f)(1.0)` at the end inspects f at 1.0, g being ∂f/∂x', async () => {
    const { program, result } = await inspected(JAX_GRAD);
    assert.equal(program.outputName, 'f');
    assert.deepEqual(program.notes, [
      'values from the call at line 5: x = 1 (`jax.grad(f)(1.0)`: its value is ∂f/∂x, the gradient shown for x)',
    ]);
    assert.ok(Math.abs(result.value - torch.f) < 1e-12);
    assertAll(result.grads['x']?.data, [torch.x]);
  });

  it('a selected function takes the arrays of its call, and its free names their values there', async () => {
    const selection = { start: { line: 1, column: 0 }, end: { line: 3, column: 30 } };
    const { program, result } = await inspected(NUMPY_LOSS, { selection });
    assert.deepEqual(program.notes, [
      'values from the call at line 9: W = W0 (shape (3, 2)), b = b0 (shape (2,))',
    ]);
    assert.equal(result.output.name, 'loss');
    assert.equal(program.bindings['W']?.source, 'assignment');
    // W0 and b0 are what the call passes: values, not inputs of their own.
    assert.deepEqual(Object.keys(program.bindings).sort(), ['W', 'X', 'b']);
    assert.ok(Math.abs(result.value - torch.L) < 1e-12);
    assertAll(result.grads['W']?.data, torch.W);
    assertAll(result.grads['b']?.data, torch.b);
  });

  it('a selection inside the function takes them too', async () => {
    const selection = { start: { line: 3, column: 4 }, end: { line: 3, column: 30 } };
    const { result } = await inspected(NUMPY_LOSS, { selection });
    assert.ok(Math.abs(result.value - torch.L) < 1e-12);
  });

  it('a typed array wins over the call; a named call that is not one is refused', async () => {
    const selection = { start: { line: 1, column: 0 }, end: { line: 3, column: 30 } };
    const { program } = await inspected(NUMPY_LOSS, { selection, values: { b: 0 } });
    assert.deepEqual(program.notes, ['values from the call at line 9: W = W0 (shape (3, 2))']);
    const at = { start: { line: 4, column: 0 }, end: { line: 4, column: 0 } };
    const error = await tensorError(NUMPY_LOSS, { selection, callSite: at });
    assert.equal(error.kind, 'selection');
    assert.match(error.message, /no call of `loss` at line 5/u);
  });

  it('`jax.grad(loss, argnums=(0, 1))(W, b, x, y)` at the end: loss over W and b, x and y held constant', async () => {
    const { program, result } = await inspected(
      jaxLoss('grads = jax.grad(loss, argnums=(0, 1))(W, b, x, y)'),
    );
    assert.equal(result.output.name, 'loss');
    // The parameters are the inputs, by their own names; the module's W, b, x, y only give values.
    assert.deepEqual(Object.keys(result.grads), ['W', 'b']);
    assert.deepEqual(result.unused, []);
    assert.deepEqual(program.notes?.slice(1), [
      'x, y held constant: `jax.grad(loss, argnums=(0, 1))` differentiates loss with respect to W, b only (argnums 0, 1)',
    ]);
    assert.ok(Math.abs(result.value - jax.loss) < 1e-12);
    assertAll(result.grads['W']?.data, jax.W);
    assertAll(result.grads['b']?.data, jax.b);
  });

  it('jax.grad differentiates the first argument only unless argnums says otherwise', async () => {
    const first = await inspected(jaxLoss('g = jax.grad(loss)(W, b, x, y)'));
    assert.deepEqual(Object.keys(first.result.grads), ['W']);
    assert.match(
      first.program.notes?.at(-1) ?? '',
      /^b, x, y held constant: .*W only \(argnums 0\)$/u,
    );
    assertAll(first.result.grads['W']?.data, jax.W);
    const positional = await inspected(jaxLoss('g = jax.grad(loss, 3)(W, b, x, y)'));
    assert.deepEqual(Object.keys(positional.result.grads), ['y']);
    assertAll(positional.result.grads['y']?.data, jax.y);
    const both = await inspected(
      jaxLoss('v, g = jax.value_and_grad(loss, argnums=(2, 0))(W, b, x, y)'),
    );
    assert.deepEqual(Object.keys(both.result.grads).sort(), ['W', 'x']);
    assertAll(both.result.grads['x']?.data, jax.x);
    assert.ok(Math.abs(both.result.value - jax.loss) < 1e-12);
  });

  it('argnums beyond the parameters is refused, naming the call', async () => {
    const error = await tensorError(jaxLoss('g = jax.grad(loss, argnums=4)(W, b, x, y)'));
    assert.match(
      error.message,
      /`jax.grad\(loss, argnums=4\)` differentiates argument 4, but `loss` has 4 parameters/u,
    );
  });

  it('a plain call passing arrays named as the parameters: each parameter one input, nothing unused', async () => {
    const selection = { start: { line: 4, column: 0 }, end: { line: 6, column: 40 } };
    const { program, result } = await inspected(jaxLoss('L = loss(W, b, x, y)'), { selection });
    assert.equal(result.output.name, 'loss');
    assert.deepEqual(Object.keys(result.grads).sort(), ['W', 'b', 'x', 'y']);
    assert.deepEqual(result.unused, []);
    assert.equal(program.notes?.length, 1);
    for (const name of ['W', 'b', 'x', 'y'] as const) {
      assertAll(result.grads[name]?.data, jax[name]);
    }
  });

  it('under jax.grad a module array the function reads is a constant, said in the note', async () => {
    const source = lines(
      'import jax',
      'import jax.numpy as jnp',
      'X = jnp.ones((2, 3)) * 2',
      'def loss(W, b):',
      '    return ((X @ W + b) ** 2).mean()',
      'W0 = jnp.zeros((3, 2)) + 0.5',
      'b0 = jnp.array([1.0, -1.0])',
      'g = jax.grad(loss)(W0, b0)',
    );
    const { program, result } = await inspected(source);
    assert.deepEqual(Object.keys(result.grads), ['W']);
    assert.match(
      program.notes?.at(-1) ?? '',
      /^b held constant: .*; X, read from the module, is a constant there too$/u,
    );
    assertAll(result.grads['W']?.data, torch.W);
    assert.ok(Math.abs(result.value - torch.L) < 1e-12);
  });
});
