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
  before(function () {
    this.timeout(60_000);
    torch = runPython<Expected>(TORCH);
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
});
