/**
 * PyTorch code as tutorials and notebooks have it, on the tensor path: the autograd tutorial
 * verbatim (prints, `y.grad_fn`), `requires_grad` set after the tensor is made, statements
 * separated by `;`, device lines, a seed for a non-scalar output (`y.backward(v)`), and the
 * refusals (a second `.backward()`, `requires_grad = False`). Expected numbers: the same code run
 * by real PyTorch (/usr/bin/python3, in float64), its output and each leaf's `.grad`.
 */
import assert from 'node:assert/strict';
import { assertClose, inspected, lines, runPython, tensorError } from './tensorPrograms';

interface Ran {
  readonly value: number;
  readonly grads: Readonly<Record<string, number[]>>;
}

/** `source` run by PyTorch in float64 (prints silenced): `output` and each leaf's grad. */
function torchRan(source: string, output: string, leaves: readonly string[]): Ran {
  return runPython<Ran>(
    `import contextlib, io, json, sys, torch
torch.set_default_dtype(torch.float64)
case = json.load(sys.stdin)
env = {}
with contextlib.redirect_stdout(io.StringIO()):
    exec(case['source'], env)
print(json.dumps({'value': float(env[case['output']]),
                  'grads': {n: env[n].grad.flatten().tolist() for n in case['leaves']}}))
`,
    { source, output, leaves },
  );
}

async function assertAsPyTorch(
  source: string,
  torchSource: string,
  output: string,
  leaves: readonly string[],
): Promise<readonly string[]> {
  const { program, result } = await inspected(source);
  const want = torchRan(torchSource, output, leaves);
  assert.ok(Math.abs(result.value - want.value) <= 1e-12 * Math.max(1, Math.abs(want.value)));
  for (const leaf of leaves) {
    const grad = result.grads[leaf];
    assert.ok(grad !== undefined, `no gradient for ${leaf}`);
    assertClose(grad.data, want.grads[leaf] ?? [], 1e-12, `∂${output}/∂${leaf}`);
  }
  return program.notes ?? [];
}

/** PyTorch's autograd tutorial ("Autograd: automatic differentiation"), verbatim. */
const TUTORIAL = lines(
  'import torch',
  'x = torch.ones(2, 2, requires_grad=True)',
  'print(x)',
  'y = x + 2',
  'print(y)',
  'print(y.grad_fn)',
  'z = y * y * 3',
  'out = z.mean()',
  'print(z, out)',
  'out.backward()',
  'print(x.grad)',
);

describe('pasted PyTorch code (tensor path)', function () {
  this.timeout(60_000);

  it('the autograd tutorial verbatim: out = 27, x.grad = 4.5 everywhere, the display lines in a note', async () => {
    const notes = await assertAsPyTorch(TUTORIAL, TUTORIAL, 'out', ['x']);
    assert.deepEqual(notes, [
      'lines 3, 5, 6, 9, 11: display only (`print(…)`, `x.grad_fn` …), skipped: they compute nothing',
    ]);
  });

  for (const setting of [
    'x.requires_grad = True',
    'x.requires_grad_(True)',
    'x.requires_grad_()',
  ]) {
    it(`requires_grad set after the tensor is made (\`${setting}\`), display lines and \`;\``, async () => {
      const source = lines(
        'import torch',
        'x = torch.ones(2, 2)',
        'x',
        setting,
        'y = x + 2; z = y * y * 3',
        'out = z.mean(); out.backward()',
        'y.grad_fn',
        'x.grad',
      );
      const notes = await assertAsPyTorch(source, source, 'out', ['x']);
      assert.ok(
        notes.includes(`line 4: \`${setting}\`: \`x\` is an input from here on, as in PyTorch`),
        notes.join('\n'),
      );
    });
  }

  it('device lines, .to(device) and .cpu() compute on the CPU, said in a note', async () => {
    const source = lines(
      'import torch',
      "device = 'cuda' if torch.cuda.is_available() else 'cpu'",
      'torch.set_default_device(device)',
      'w = torch.tensor([1.0, -2.0, 0.5], requires_grad=True, device=device)',
      'x = torch.tensor([3.0, 4.0, 5.0]).to(device)',
      'loss = ((w * x).cpu() ** 2).sum()',
      'optimizer.zero_grad()',
      'loss.backward()',
      'w.grad.data.zero_()',
    );
    // PyTorch 1.13 has no set_default_device (2.0 has): run without it, and without an optimizer.
    const torchSource = source
      .replace('torch.set_default_device(device)\n', '')
      .replace('optimizer.zero_grad()\n', '')
      .replace('w.grad.data.zero_()\n', '');
    const notes = await assertAsPyTorch(source, torchSource, 'loss', ['w']);
    assert.ok(
      notes.includes(
        "line 2: `device = 'cuda' if torch.cuda.is_availa…` skipped: it chooses the device; computed here on the CPU, in float64",
      ),
      notes.join('\n'),
    );
    assert.ok(notes.some((note) => note.startsWith('line 7: `optimizer.zero_grad()` skipped')));
    assert.ok(notes.some((note) => note.startsWith('line 9: `w.grad.data.zero_()` skipped')));
  });

  it('y.backward(v) seeds the backward pass: the gradients are PyTorch’s x.grad', async () => {
    const source = lines(
      'import torch',
      'x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)',
      'y = x * x * 2',
      'v = torch.tensor([0.1, 1.0, 0.0001])',
      'y.backward(v)',
      'print(x.grad)',
    );
    const { result, program } = await inspected(source);
    const want = torchRan(`${source}s = (v * y).sum()\n`, 's', ['x']);
    assertClose(result.grads.x?.data ?? [], want.grads.x ?? [], 1e-12, 'x.grad');
    assert.ok(Math.abs(result.value - want.value) < 1e-12);
    assert.equal(program.outputName, 'sum(v ⊙ y)');
    assert.ok(
      (program.notes ?? []).includes(
        "line 5: `y.backward(v)` seeds the backward pass with `v`: the output is sum(v ⊙ y), whose gradients are PyTorch's .grad",
      ),
    );
  });

  it('y.backward(gradient=…) with a seed of another shape is refused, naming both shapes', async () => {
    const error = await tensorError(
      lines(
        'import torch',
        'x = torch.ones(3, requires_grad=True)',
        'y = x * 2',
        'y.backward(gradient=torch.ones(2))',
      ),
    );
    assert.match(error.message, /the seed has shape \(2,\) but .* has shape \(3,\)/);
    assert.equal(error.range.start.line, 3);
  });

  it('a second .backward() is refused: PyTorch adds up the gradients of both', async () => {
    const error = await tensorError(
      lines(
        'import torch',
        'x = torch.ones(3, requires_grad=True)',
        'y = (x * x).sum()',
        'y.backward(retain_graph=True)',
        'y.backward()',
      ),
    );
    assert.equal(
      error.message,
      "a second `.backward()` (`y.backward()`, line 5; the first at line 4): PyTorch adds its gradients to the first's, which is not followed; inspect one `.backward()`",
    );
    assert.equal(error.range.start.line, 4);
  });

  it('x.requires_grad = False is refused, naming it', async () => {
    const error = await tensorError(
      lines(
        'import torch',
        'x = torch.ones(3, requires_grad=True)',
        'x.requires_grad = False',
        'y = (x * x).sum()',
      ),
    );
    assert.match(error.message, /^`x\.requires_grad = False` is not supported/);
    assert.equal(error.range.start.line, 2);
  });

  it('a Python 2 print statement in NumPy code is skipped with a note', async () => {
    const source = lines(
      'import numpy as np',
      'W = np.array([[1.0, 2.0], [3.0, 4.0]])',
      'x = np.array([1.0, -1.0])',
      'print "W is", W',
      's = W.dot(x)',
      'loss = np.sum(s ** 2)',
      'print loss',
    );
    const { program, result } = await inspected(source);
    // PyTorch 1.13 in float64 on the same loss (W.mv(x), then (s**2).sum()): loss = 2,
    // W.grad = [[-2, 2], [-2, 2]], x.grad = [-8, -12].
    assert.equal(result.value, 2);
    assertClose(result.grads.W?.data ?? [], [-2, 2, -2, 2], 1e-12, 'W.grad');
    assertClose(result.grads.x?.data ?? [], [-8, -12], 1e-12, 'x.grad');
    assert.deepEqual(program.notes, [
      'line 4: `print "W is", W` skipped: Python 2\'s `print` statement prints, it computes nothing',
      "line 7: `print loss` skipped: Python 2's `print` statement prints, it computes nothing",
    ]);
  });
});
