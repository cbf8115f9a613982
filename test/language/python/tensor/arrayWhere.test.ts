/**
 * np.where / torch.where as a primitive of its own: the branch not taken, infinite or NaN,
 * leaves no trace in the value or the gradient, as in NumPy and PyTorch.
 */
import assert from 'node:assert/strict';
import { assertChecked, inspected, lines, runPython } from './tensorPrograms';

const LOG_WHERE_POSITIVE = `
import json, numpy as np, torch
x = np.array([-1.0, 2.0])
with np.errstate(all='ignore'):
    f = float(np.sum(np.where(x > 0, np.log(x), 0.0)))
t = torch.tensor([-1.0, 2.0], dtype=torch.float64, requires_grad=True)
g = torch.sum(torch.where(t > 0, torch.log(t), torch.tensor(0.0, dtype=torch.float64)))
g.backward()
print(json.dumps({'numpy': f, 'torch': g.item(), 'grad': t.grad.tolist()}))
`;

describe('Python arrays: where with a branch that is not finite where it is not taken', function () {
  this.timeout(60_000);
  const expected = runPython(LOG_WHERE_POSITIVE) as {
    numpy: number;
    torch: number;
    grad: number[];
  };

  for (const [library, source] of [
    [
      'np.where',
      lines(
        'import numpy as np',
        'x = np.array([-1.0, 2.0])',
        'f = np.sum(np.where(x > 0, np.log(x), 0.0))',
      ),
    ],
    [
      'torch.where',
      lines(
        'import torch',
        'x = torch.tensor([-1.0, 2.0], requires_grad=True)',
        'f = torch.where(x > 0, torch.log(x), torch.tensor(0.0)).sum()',
      ),
    ],
  ] as const) {
    it(`${library}(x > 0, log(x), 0) at x = [-1, 2] gives log 2 and the gradient [0, 0.5]`, async () => {
      const { program, result } = await inspected(source);
      assert.equal(expected.numpy, Math.log(2));
      assert.equal(expected.torch, Math.log(2));
      assert.deepEqual(expected.grad, [-0, 0.5]);
      assert.equal(result.value, expected.numpy);
      assert.deepEqual([...(result.grads.x?.data ?? [])], expected.grad);
      assert.ok(
        !(program.notes ?? []).some((note) => note.includes('NaN')),
        `no note about NaN: ${(program.notes ?? []).join('; ')}`,
      );
      assertChecked(result);
    });
  }
});
