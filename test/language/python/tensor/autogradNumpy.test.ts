/**
 * HIPS autograd's `import autograd.numpy as np` (and `from autograd.numpy import …`) is read as
 * NumPy: autograd wraps NumPy's functions, so the numbers are NumPy's. Expected numbers from
 * the same code run by real PyTorch in float64.
 */
import assert from 'node:assert/strict';
import { assertClose, inspected, lines, runPython } from './tensorPrograms';

function torchRan(): { value: number; grad: number[] } {
  return runPython(
    `import json, torch
x = torch.tensor([0.5, -1.0, 2.0], dtype=torch.float64, requires_grad=True)
out = torch.sum(torch.tanh(x) * torch.exp(x))
out.backward()
print(json.dumps({'value': out.item(), 'grad': x.grad.tolist()}))
`,
    null,
  );
}

describe('HIPS autograd.numpy read as NumPy', function () {
  this.timeout(60_000);

  for (const imports of [
    'import autograd.numpy as np',
    'import autograd.numpy as np\nfrom autograd.numpy import tanh',
  ]) {
    it(`${imports.replace('\n', '; ')}: np.sum(np.tanh(x) * np.exp(x)) and its gradient as NumPy`, async () => {
      const tanh = imports.includes('from') ? 'tanh' : 'np.tanh';
      const source = lines(
        imports,
        'x = np.array([0.5, -1.0, 2.0])',
        `out = np.sum(${tanh}(x) * np.exp(x))`,
      );
      const { result } = await inspected(source, { output: 'out' });
      const want = torchRan();
      assert.ok(Math.abs(result.value - want.value) <= 1e-12 * Math.abs(want.value));
      const grad = result.grads.x;
      assert.ok(grad !== undefined, 'no gradient for x');
      assertClose(grad.data, want.grad, 1e-12, '∂out/∂x');
    });
  }
});
