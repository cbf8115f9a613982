/**
 * PyTorch's legacy constructor `torch.Tensor([…])` (a float32 tensor of the data, as micrograd's
 * tests and Karpathy's lecture write it), `.float()` / `.half()` noted, and `requires_grad_(flag)`
 * inside an expression. Expected numbers: the same code run by real PyTorch (/usr/bin/python3),
 * in its default dtype, so `torch.Tensor` rounds its data to float32 there too.
 */
import assert from 'node:assert/strict';
import { assertClose, inspected, lines, runPython, tensorError } from './tensorPrograms';

interface Ran {
  readonly value: number;
  readonly grads: Readonly<Record<string, number[]>>;
}

/** `source` run by PyTorch as written: `output` and each leaf's grad. */
function torchRan(source: string, output: string, leaves: readonly string[]): Ran {
  return runPython<Ran>(
    `import json, sys, torch
case = json.load(sys.stdin)
env = {}
exec(case['source'], env)
print(json.dumps({'value': float(env[case['output']].sum()),
                  'grads': {n: env[n].grad.flatten().tolist() for n in case['leaves']}}))
`,
    { source, output, leaves },
  );
}

async function assertAsPyTorch(
  source: string,
  output: string,
  leaves: readonly string[],
  tolerance = 1e-12,
): Promise<readonly string[]> {
  const { program, result } = await inspected(source);
  const want = torchRan(source, output, leaves);
  assert.ok(
    Math.abs(result.value - want.value) <= tolerance * Math.max(1, Math.abs(want.value)),
    `${output}: ${result.value} against PyTorch's ${want.value}`,
  );
  assert.deepEqual(Object.keys(result.grads).sort(), [...leaves].sort());
  for (const leaf of leaves) {
    assertClose(result.grads[leaf]?.data ?? [], want.grads[leaf] ?? [], tolerance, leaf);
  }
  return program.notes ?? [];
}

const LEGACY_NOTE =
  "`torch.Tensor(…)` (PyTorch's legacy constructor) makes float32 tensors: their numbers are rounded to float32 here, as PyTorch stores them";

describe('PyTorch legacy constructor torch.Tensor and precision methods (tensor path)', function () {
  this.timeout(60_000);

  it("micrograd's test_sanity_check, the PyTorch half: y and x.grad as PyTorch's", async () => {
    const source = lines(
      'import torch',
      'x = torch.Tensor([-4.0]).double()',
      'x.requires_grad = True',
      'z = 2 * x + 2 + x',
      'q = z.relu() + z * x',
      'h = (z * z).relu()',
      'y = h + q + q * x',
      'y.backward()',
      'xpt, ypt = x, y',
    );
    const notes = await assertAsPyTorch(source, 'y', ['x']);
    assert.ok(notes.includes(LEGACY_NOTE), notes.join('\n'));
  });

  it('the PyTorch half selected after the micrograd half in one function: the earlier x = Value(-4.0) is not read', async () => {
    const half = [
      '    x = torch.Tensor([-4.0]).double()',
      '    x.requires_grad = True',
      '    z = 2 * x + 2 + x',
      '    q = z.relu() + z * x',
      '    h = (z * z).relu()',
      '    y = h + q + q * x',
      '    y.backward()',
    ];
    const source = lines(
      'import torch',
      'from micrograd.engine import Value',
      'def test_sanity_check():',
      '    x = Value(-4.0)',
      '    z = 2 * x + 2 + x',
      '    y = z * x',
      ...half,
    );
    const selection = { start: { line: 6, column: 0 }, end: { line: 12, column: 16 } };
    const { result } = await inspected(source, { selection });
    const want = torchRan(lines('import torch', ...half.map((line) => line.trim())), 'y', ['x']);
    assert.ok(Math.abs(result.value - want.value) <= 1e-12 * Math.abs(want.value));
    assertClose(result.grads.x?.data ?? [], want.grads.x ?? [], 1e-12, 'x');
  });

  it('the lecture neuron: b = torch.Tensor([6.8813735870195432]) is rounded to float32, as in PyTorch', async () => {
    // Unrounded, o would differ from PyTorch's after about 7 digits; the 1e-12 check needs b's
    // float32 value 6.881373405456543.
    const source = lines(
      'import torch',
      'x1 = torch.Tensor([2.0]).double()                ; x1.requires_grad = True',
      'x2 = torch.Tensor([0.0]).double()                ; x2.requires_grad = True',
      'w1 = torch.Tensor([-3.0]).double()               ; w1.requires_grad = True',
      'w2 = torch.Tensor([1.0]).double()                ; w2.requires_grad = True',
      'b = torch.Tensor([6.8813735870195432]).double()  ; b.requires_grad = True',
      'n = x1*w1 + x2*w2 + b',
      'o = torch.tanh(n)',
      'o.backward()',
    );
    await assertAsPyTorch(source, 'o', ['x1', 'x2', 'w1', 'w2', 'b']);
  });

  it('nested data: a 2×2 float32 tensor of 0.1 … 0.4, then .double()', async () => {
    const source = lines(
      'import torch',
      'w = torch.Tensor([[0.1, 0.2], [0.3, 0.4]]).double().requires_grad_()',
      'y = (w * w).sum()',
      'y.backward()',
    );
    await assertAsPyTorch(source, 'y', ['w']);
  });

  it('torch.Tensor(3) (sizes: uninitialised memory) is refused, naming the call', async () => {
    const error = await tensorError(
      lines(
        'import torch',
        'w = torch.ones(3, requires_grad=True)',
        'x = torch.Tensor(3)',
        'y = (w * x).sum()',
      ),
    );
    assert.equal(error.kind, 'unsupported');
    assert.match(
      error.message,
      /^`torch\.Tensor\(3\)`: the legacy constructor .* uninitialised memory/,
    );
  });

  it('.float() and .half() say that PyTorch computes in float32 and float16', async () => {
    const source = lines(
      'import torch',
      'x = torch.tensor([1.0, 2.0], dtype=torch.float64, requires_grad=True)',
      'y = (x.half() * x.float()).sum()',
    );
    const { program } = await inspected(source);
    const notes = program.notes ?? [];
    assert.ok(
      notes.some((note) => note.startsWith('torch.float32 (`.float()`): computed in float64')),
    );
    assert.ok(
      notes.some((note) => note.startsWith('torch.float16 (`.half()`): computed in float64')),
    );
  });

  it('requires_grad_(False) inside an expression leaves a constant: only x has a gradient', async () => {
    const source = lines(
      'import torch',
      'x = torch.tensor([1.0, 2.0], dtype=torch.float64, requires_grad=True)',
      'c = torch.full((2,), 3.0, dtype=torch.float64).requires_grad_(False)',
      'y = (x * c * x).sum()',
      'y.backward()',
    );
    await assertAsPyTorch(source, 'y', ['x']);
  });

  it('requires_grad_(True) inside an expression makes an input, as in PyTorch', async () => {
    const source = lines(
      'import torch',
      'x = torch.tensor([1.0, 2.0], dtype=torch.float64, requires_grad=True)',
      'c = torch.full((2,), 3.0, dtype=torch.float64).requires_grad_(True)',
      'y = (x * c * x).sum()',
      'y.backward()',
    );
    await assertAsPyTorch(source, 'y', ['x', 'c']);
  });

  it('requires_grad_(False) on a computed tensor is refused (PyTorch raises there too)', async () => {
    const error = await tensorError(
      lines(
        'import torch',
        'x = torch.tensor([1.0, 2.0], requires_grad=True)',
        'y = (x * x).requires_grad_(False).sum()',
      ),
    );
    assert.match(
      error.message,
      /^`\(x \* x\)\.requires_grad_\(False\)` on a tensor the gradient flows through/,
    );
  });
});
