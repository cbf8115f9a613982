/**
 * In-place writes in array code, each against real NumPy: `x[idx] = v` with ranges, lists,
 * masks, integer pairs and slices, `+=`/`-=`/`*=`/`/=` on names and slices, writes inside loops,
 * and writes that involve an input (graph ops, against PyTorch's autograd of the same writes).
 */
import assert from 'node:assert/strict';
import { runPython } from '../../../support/tensorOpChecks';
import { inspected, lines, tensorError } from './tensorPrograms';
import { assertSame, leafValue, numpyArrays, probed, probedValues } from './setupChecks';

const CASES: readonly [string, string, readonly string[]][] = [
  [
    'X[idx] = np.c_[u, v] with idx = range(…) inside a loop',
    lines(
      'import numpy as np',
      'X = np.zeros((6, 2))',
      'for k in range(3):',
      '    idx = range(2*k, 2*k+2)',
      '    u = np.array([1.0, 2.0]) * k',
      '    X[idx] = np.c_[u, u + 0.5]',
    ),
    ['X'],
  ],
  [
    'labels[[i, j]] = k in np.int32 and int64 label arrays',
    lines(
      'import numpy as np',
      'labels = np.zeros(6, dtype=np.int32)',
      'other = np.zeros(6, dtype=np.int64)',
      'for k in range(3):',
      '    labels[[2*k, 2*k+1]] = k',
      '    other[2*k:2*k+2] = labels[2*k:2*k+2] * 10',
    ),
    ['labels', 'other'],
  ],
  [
    'a[mask] = 0, a[i, j] = v, a[:, 0] = column, a[1] = scalar',
    lines(
      'import numpy as np',
      'a = np.array([1.5, -2.0, 0.5, -3.0])',
      'a[a < 0] = 0',
      'm = np.ones((3, 3))',
      'm[1, 2] = 7.5',
      'm[0, -1] = -1',
      'm[:, 0] = np.array([4.0, 5.0, 6.0])',
      'm[2] = 0.25',
    ),
    ['a', 'm'],
  ],
  [
    '+=, -=, *=, /= on a name, on slices, with steps, and on a repeated fancy index',
    lines(
      'import numpy as np',
      'a = np.arange(8.0)',
      'a += 1',
      'a[1:4] -= 2',
      'a[::2] *= 3',
      'a /= 2',
      'a[[0, 0, 5]] += 1',
      'a[-2:] = a[:2]',
    ),
    ['a'],
  ],
  [
    'np.add.at adds once per naming of an element (a[idx] += v adds once per element)',
    lines(
      'import numpy as np',
      'a = np.zeros(4)',
      'np.add.at(a, [0, 0, 2, 0], np.array([1.0, 2.0, 3.0, 4.0]))',
      'b = np.zeros(4)',
      'b[[0, 0, 2, 0]] += np.array([1.0, 2.0, 3.0, 4.0])',
      'm = np.ones((2, 3))',
      'np.add.at(m, (np.array([0, 0, 1]), np.array([2, 2, 0])), 5.0)',
      "counts = np.zeros(3, dtype='int64')",
      'np.add.at(counts, np.array([2, 2, 1]), 1)',
    ),
    ['a', 'b', 'm', 'counts'],
  ],
  [
    'a[:] = and a[...] = with broadcasting, and writes read back through range(…) and lists',
    lines(
      'import numpy as np',
      'a = np.zeros((2, 3))',
      'a[:] = np.array([1.0, 2.0, 3.0])',
      'b = np.zeros((2, 3))',
      'b[...] = 2.5',
      'b[range(2), [0, 2]] = -1.0',
      'c = a[range(1, 2)] + b[[1, 0]]',
    ),
    ['a', 'b', 'c'],
  ],
];

interface TorchGrads {
  readonly loss: number;
  readonly grads: Record<string, number[]>;
}

describe('array writes', function () {
  this.timeout(120_000);

  for (const [title, source, names] of CASES) {
    it(`${title}: the values NumPy gives`, async () => {
      const { result } = await inspected(probed(source, names));
      const numpy = numpyArrays(source, names);
      const values = probedValues(result);
      names.forEach((name, i) => {
        assertSame(values[i] ?? [], numpy[name] ?? assert.fail(name), name);
      });
    });
  }

  it('a write that involves an input is a graph op: gradients as PyTorch’s autograd gives', async () => {
    const source = lines(
      'import numpy as np',
      'w = np.array([1.0, -2.0, 3.0])',
      'h = w * 2',
      'h[0] = 0.0',
      'a = np.zeros(4)',
      'a[1:3] = w[:2] * 3',
      'h[1:] += a[2:]',
      'loss = np.sum(h * h) + np.sum(a ** 2)',
    );
    const torch = runPython<TorchGrads>(
      lines(
        'import json, torch',
        'w = torch.tensor([1.0, -2.0, 3.0], dtype=torch.float64, requires_grad=True)',
        'a0 = torch.zeros(4, dtype=torch.float64, requires_grad=True)',
        'h = w * 2',
        'h[0] = 0.0',
        'a = a0.clone()',
        'a[1:3] = w[:2] * 3',
        'h[1:] += a[2:]',
        'loss = (h * h).sum() + (a ** 2).sum()',
        'loss.backward()',
        "print(json.dumps({'loss': loss.item(), 'grads': {'w': w.grad.tolist(), 'a': a0.grad.tolist()}}))",
      ),
    );
    const { result } = await inspected(source);
    assert.ok(Math.abs(result.value - torch.loss) <= 1e-12 * Math.abs(torch.loss));
    for (const name of ['w', 'a']) {
      const want = torch.grads[name] ?? [];
      assertSame(
        [...(result.grads[name]?.data ?? [])],
        { shape: [want.length], data: want, dtype: '' },
        `∂loss/∂${name}`,
      );
    }
  });

  it('np.add.at of values that depend on an input: PyTorch’s index_put_(accumulate=True)', async () => {
    const source = lines(
      'import numpy as np',
      'w = np.array([0.5, 2.0, -1.0])',
      'a = np.zeros(3)',
      'np.add.at(a, [1, 1, 0], w * w)',
      'loss = np.sum(a ** 3)',
    );
    const torch = runPython<TorchGrads>(
      lines(
        'import json, torch',
        'w = torch.tensor([0.5, 2.0, -1.0], dtype=torch.float64, requires_grad=True)',
        'a0 = torch.zeros(3, dtype=torch.float64, requires_grad=True)',
        'a = a0.clone()',
        'a.index_put_((torch.tensor([1, 1, 0]),), w * w, accumulate=True)',
        'loss = (a ** 3).sum()',
        'loss.backward()',
        "print(json.dumps({'loss': loss.item(), 'grads': {'w': w.grad.tolist(), 'a': a0.grad.tolist()}}))",
      ),
    );
    const { result } = await inspected(source);
    assert.ok(Math.abs(result.value - torch.loss) <= 1e-12 * Math.abs(torch.loss));
    for (const name of ['w', 'a']) {
      const want = torch.grads[name] ?? [];
      assertSame(
        [...(result.grads[name]?.data ?? [])],
        { shape: [want.length], data: want, dtype: '' },
        `∂loss/∂${name}`,
      );
    }
  });

  it('a parameter of the selected function written in place keeps the gradient of what survives', async () => {
    const source = lines(
      'import numpy as np',
      'def f(x):',
      '    x[0] = 0.0',
      '    return np.sum(x * x)',
    );
    const { result } = await inspected(source, {
      arrays: { x: { shape: [3], data: Float64Array.of(1.5, -2, 0.5) } },
      selection: { start: { line: 1, column: 0 }, end: { line: 3, column: 25 } },
    });
    assert.deepEqual([...(result.grads.x?.data ?? [])], [0, -4, 1]);
    assert.equal(result.value, 4.25);
  });

  it('refuses a write into a tensor with requires_grad, as PyTorch does, naming the line', async () => {
    const error = await tensorError(
      lines(
        'import torch',
        'w = torch.tensor([1.0, 2.0], requires_grad=True)',
        'w[0] = 5.0',
        'loss = (w * w).sum()',
      ),
    );
    assert.match(error.message, /w\[0\] = 5\.0.*requires_grad, which PyTorch refuses/);
    assert.equal(error.range?.start.line, 2);
  });

  it('refuses x += a float on an integer array (NumPy raises UFuncTypeError), naming the line', async () => {
    const error = await tensorError(
      lines(
        'import numpy as np',
        'y = np.array([1, 2, 3])',
        'y += 0.5',
        's = 1.0',
        'f = np.sum(y * s)',
      ),
    );
    assert.match(error.message, /y \+= 0\.5.*holds integers; NumPy refuses/);
    assert.equal(error.range?.start.line, 2);
  });

  it('refuses x += v whose result broadcasts x to a larger shape, as NumPy does', async () => {
    const error = await tensorError(
      lines('import numpy as np', 'a = np.ones(3)', 'a += np.ones((2, 3))', 'f = np.sum(a)'),
    );
    assert.match(error.message, /the result's shape \(2, 3\) is not a's \(3,\); NumPy refuses/);
    assert.equal(error.range?.start.line, 2);
  });

  it('notes a write into a copy (fancy indexing, then a write), which changes no array', async () => {
    const source = lines(
      'import numpy as np',
      'a = np.array([1.0, 2.0, 3.0])',
      'a[[0, 1]][0] = 9.0',
    );
    const { result, program } = await inspected(probed(source, ['a']));
    assertSame(leafValue(result, 'a'), numpyArrays(source, ['a']).a ?? assert.fail('a'), 'a');
    assert.ok(program.notes?.some((note) => /line 3: .*writes into a copy/.test(note)));
  });
});
