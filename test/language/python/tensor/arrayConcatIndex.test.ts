/**
 * `np.c_[…]` and `np.r_[…]` in their common forms (1-D arrays as columns, 2-D blocks, numbers,
 * `a:b:c` ranges), against real NumPy; a gradient through np.c_ against PyTorch; directive
 * strings refused, naming the line.
 */
import assert from 'node:assert/strict';
import { runPython } from '../../../support/tensorOpChecks';
import { inspected, lines, tensorError } from './tensorPrograms';
import { assertSame, numpyArrays, probed, probedValues } from './setupChecks';

const SOURCE = lines(
  'import numpy as np',
  'u = np.array([1.0, 2.0, 3.0])',
  'v = np.array([-1.0, 0.5, 4.0])',
  'cols = np.c_[u, v]',
  'block = np.c_[np.ones((3, 2)), u, np.zeros((3, 1))]',
  'pair = np.c_[1, 2]',
  'rng = np.r_[0:5]',
  'steps = np.r_[1:10:3, 20]',
  'joined = np.r_[u, 3.5, v[:2]]',
  'rows = np.r_[np.ones((1, 2)), np.eye(2)]',
);
const NAMES = ['cols', 'block', 'pair', 'rng', 'steps', 'joined', 'rows'];

describe('np.c_ and np.r_', function () {
  this.timeout(120_000);

  it('stack columns and join rows as NumPy does', async () => {
    const { result } = await inspected(probed(SOURCE, NAMES));
    const numpy = numpyArrays(SOURCE, NAMES);
    const values = probedValues(result);
    NAMES.forEach((name, i) => {
      assertSame(values[i] ?? [], numpy[name] ?? assert.fail(name), name);
    });
  });

  it('pass gradients to their items as PyTorch’s cat of columns does', async () => {
    const source = lines(
      'import numpy as np',
      'r = np.array([0.5, 1.0, 1.5])',
      't = np.array([0.1, 0.2, 0.3])',
      'X = np.c_[r*np.sin(t), r*np.cos(t)]',
      'W = np.array([[1.0, -2.0], [0.5, 3.0]])',
      'loss = np.sum((X @ W) ** 2)',
    );
    const torch = runPython<Record<string, number[]>>(
      lines(
        'import json, torch',
        'f = torch.float64',
        'r = torch.tensor([0.5, 1.0, 1.5], dtype=f, requires_grad=True)',
        't = torch.tensor([0.1, 0.2, 0.3], dtype=f, requires_grad=True)',
        'W = torch.tensor([[1.0, -2.0], [0.5, 3.0]], dtype=f, requires_grad=True)',
        'X = torch.stack([r*torch.sin(t), r*torch.cos(t)], dim=1)',
        'loss = ((X @ W) ** 2).sum()',
        'loss.backward()',
        "print(json.dumps({'r': r.grad.tolist(), 't': t.grad.tolist(), 'W': W.grad.flatten().tolist()}))",
      ),
    );
    const { result } = await inspected(source);
    for (const name of ['r', 't', 'W']) {
      const want = torch[name] ?? [];
      assertSame(
        [...(result.grads[name]?.data ?? [])],
        { shape: [want.length], data: want, dtype: '' },
        `∂loss/∂${name}`,
      );
    }
  });

  it('refuses directive strings and items of different ranks, naming the line', async () => {
    const directive = await tensorError(
      lines(
        'import numpy as np',
        'a = np.array([1.0, 2.0])',
        "b = np.r_['0,2', a, a]",
        'f = np.sum(b)',
      ),
    );
    assert.match(directive.message, /directive strings in np\.r_\[…\] are not supported/);
    assert.equal(directive.range?.start.line, 2);
    const ranks = await tensorError(
      lines(
        'import numpy as np',
        'a = np.ones((2, 2, 2))',
        'b = np.c_[a, np.ones(2)]',
        'f = np.sum(b)',
      ),
    );
    assert.match(ranks.message, /different numbers of dimensions \(3, 2\)/);
    assert.equal(ranks.range?.start.line, 2);
  });
});
