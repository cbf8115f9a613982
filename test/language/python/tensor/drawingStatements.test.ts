/**
 * Plotting and drawing lines in pasted NumPy/PyTorch code (displayCalls.ts): `plt.scatter(…)`,
 * `plt.show()`, `fig = plt.figure()`, `draw_dot(y)` are skipped as display lines; a call that
 * could change a value is still read. Expected numbers: the same code without the drawing
 * lines, run by real PyTorch in float64 (drawing changes no number there either).
 */
import assert from 'node:assert/strict';
import { assertClose, inspected, lines, runPython, tensorError } from './tensorPrograms';

interface Ran {
  readonly value: number;
  readonly grad: number[];
}

function torchRan(source: string): Ran {
  return runPython<Ran>(
    `import json, sys, torch
torch.set_default_dtype(torch.float64)
env = {'torch': torch}
exec(json.load(sys.stdin), env)
env['out'].backward()
print(json.dumps({'value': float(env['out']), 'grad': env['x'].grad.flatten().tolist()}))
`,
    source,
  );
}

const COMPUTED = lines(
  'x = torch.tensor([0.5, -1.0, 2.0], requires_grad=True)',
  'y = torch.tanh(x) * x',
  'out = (y * y).sum()',
);

describe('drawing lines in pasted array code', function () {
  this.timeout(60_000);

  it('skips calls through a matplotlib.pyplot alias and unknown drawing helpers, with the display note', async () => {
    const source = lines(
      'import torch',
      'import matplotlib.pyplot as pl',
      'x = torch.tensor([0.5, -1.0, 2.0], requires_grad=True)',
      'fig = pl.figure()',
      'y = torch.tanh(x) * x',
      'pl.scatter(x.detach()[:2], y.detach()[:2], c=y.detach()[:2], s=40, cmap=pl.cm.Spectral)',
      'pl.show()',
      'out = (y * y).sum()',
      'draw_dot(out)',
    );
    const { program, result } = await inspected(source, { output: 'out' });
    const want = torchRan(COMPUTED);
    assert.ok(Math.abs(result.value - want.value) <= 1e-12 * Math.abs(want.value));
    const grad = result.grads.x;
    assert.ok(grad !== undefined, 'no gradient for x');
    assertClose(grad.data, want.grad, 1e-12, '∂out/∂x');
    assert.ok(
      (program.notes ?? []).includes(
        'lines 4, 6, 7, 9: display only (`print(…)`, `x.grad_fn` …), skipped: they compute nothing',
      ),
      JSON.stringify(program.notes),
    );
  });

  it('reads plt as matplotlib.pyplot when the pasted page imported it elsewhere', async () => {
    const source = lines(
      'import torch',
      'x = torch.tensor([0.5, -1.0, 2.0], requires_grad=True)',
      'plt.plot(x.detach())',
      'plt.show()',
      'y = torch.tanh(x) * x',
      'out = (y * y).sum()',
    );
    const { result } = await inspected(source, { output: 'out' });
    assert.ok(Math.abs(result.value - torchRan(COMPUTED).value) <= 1e-12);
  });

  it('still reads a call the file defines, and a helper given more than names', async () => {
    const defined = lines(
      'import torch',
      'def draw_dot(v):',
      '    v.mul_(2)',
      'x = torch.tensor([0.5, -1.0, 2.0], requires_grad=True)',
      'out = (x * x).sum()',
      'draw_dot(out)',
    );
    assert.doesNotMatch((await tensorError(defined, { output: 'out' })).message, /display/u);
    const withData = lines(
      'import torch',
      'x = torch.tensor([0.5, -1.0, 2.0], requires_grad=True)',
      'out = (x * x).sum()',
      'update(out.data)',
    );
    assert.match((await tensorError(withData, { output: 'out' })).message, /update/u);
  });
});
