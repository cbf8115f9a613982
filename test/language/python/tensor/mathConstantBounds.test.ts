/**
 * `math.pi` in array code is the number π, as `np.pi` is: `np.linspace(-math.pi, math.pi, n)`,
 * `torch.linspace(-math.pi, math.pi, n)`. Expected numbers from real PyTorch in float64.
 */
import assert from 'node:assert/strict';
import { linesRange } from '../../../support/inspections';
import { assertClose, inspected, lines, runPython } from './tensorPrograms';

function torchRan(): { value: number; grad: number[] } {
  return runPython(
    `import json, math, torch
a = torch.tensor([0.3, -0.2], dtype=torch.float64, requires_grad=True)
x = torch.linspace(-math.pi, math.pi, 5, dtype=torch.float64)
out = torch.sum((a[0] + a[1] * x - torch.sin(x)) ** 2)
out.backward()
print(json.dumps({'value': out.item(), 'grad': a.grad.tolist()}))
`,
    null,
  );
}

describe('math.pi as a number in array code', function () {
  this.timeout(60_000);

  for (const [library, make] of [
    ['NumPy', 'np.linspace(-math.pi, math.pi, 5)'],
    ['PyTorch', 'torch.linspace(-math.pi, np.pi, 5)'],
  ] as const) {
    it(`${make}: the points, the loss and its gradient as PyTorch (${library})`, async () => {
      // NumPy: the selected last line reads a as an input; PyTorch: requires_grad does.
      const array =
        library === 'NumPy'
          ? 'np.array([0.3, -0.2])'
          : 'torch.tensor([0.3, -0.2], requires_grad=True)';
      const sin = library === 'NumPy' ? 'np.sin' : 'torch.sin';
      const source = lines(
        'import math',
        'import numpy as np',
        // With torch imported, arrays are inputs only with requires_grad.
        library === 'NumPy' ? '' : 'import torch',
        `a = ${array}`,
        `x = ${make}`,
        `out = ((a[0] + a[1] * x - ${sin}(x)) ** 2).sum()`,
      );
      const request =
        library === 'NumPy' ? { selection: linesRange(source, 5, 5) } : { output: 'out' };
      const { result } = await inspected(source, request);
      const want = torchRan();
      assert.ok(Math.abs(result.value - want.value) <= 1e-12 * Math.abs(want.value));
      const grad = result.grads.a;
      assert.ok(grad !== undefined, 'no gradient for a');
      assertClose(grad.data, want.grad, 1e-12, '∂out/∂a');
    });
  }
});
