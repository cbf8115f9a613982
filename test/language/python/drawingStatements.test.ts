/**
 * Drawing lines in pasted scalar code (displayCalls.ts): `draw_dot(o)` from another notebook cell,
 * `display(o)`, `plt.plot(…)` are skipped as display lines. Expected numbers: the code without
 * them, run by real PyTorch (drawing changes no number there either).
 */
import assert from 'node:assert/strict';
import { inspectionOf } from '../../support/inspections';
import { runPython } from '../../support/tensorOpChecks';
import { lowerError, python } from '../code/codeHelpers';

const SOURCE = `import torch
x = torch.tensor(0.7, requires_grad=True)
plt.plot([1, 2])
y = torch.tanh(x) * x
display(y)
o = y * torch.exp(x)
draw_dot(o)
o.backward()
`;

describe('drawing lines in pasted scalar code', function () {
  this.timeout(60_000);

  it('skips draw_dot, display and plt lines with the display note; o and ∂o/∂x as PyTorch', async () => {
    const { result, program } = await inspectionOf({ source: SOURCE, language: 'python' });
    const want = runPython<{ value: number; grad: number }>(
      `import json, torch
x = torch.tensor(0.7, requires_grad=True, dtype=torch.float64)
o = torch.tanh(x) * x * torch.exp(x)
o.backward()
print(json.dumps({'value': o.item(), 'grad': x.grad.item()}))
`,
      null,
    );
    assert.ok(Math.abs(result.value - want.value) <= 1e-12, `${result.value} ≠ ${want.value}`);
    const grad = result.inputs.find((input) => input.name === 'x')?.grad;
    assert.ok(grad !== undefined && Math.abs(grad - want.grad) <= 1e-12, `${grad} ≠ ${want.grad}`);
    assert.ok(
      (program.notes ?? []).includes(
        'lines 3, 5, 7: display only (`print(…)`, `x.grad_fn` …), skipped: they compute nothing',
      ),
      JSON.stringify(program.notes),
    );
  });

  it('reads a call on the same line as another statement: draw_dot is then refused by name', async () => {
    const error = await lowerError(
      python,
      'import torch\nx = torch.tensor(0.7, requires_grad=True)\no = x * x; draw_dot(o)\n',
    );
    assert.match(error.message, /draw_dot/u);
  });

  it('never skips an unknown call whose name does not say it shows (update(w, g) may change w)', async () => {
    const error = await lowerError(
      python,
      'import torch\nw = torch.tensor(0.7, requires_grad=True)\ng = w * 2\nupdate(w, g)\no = w * g\n',
    );
    assert.match(error.message, /update/u);
  });
});
