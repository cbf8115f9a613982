import { strict as assert } from 'node:assert';
import { writeBackward } from '../../../src/core/backwardWriter/writeBackward';
import { linesRange } from '../../support/inspections';
import {
  frontEnds,
  largestDifference,
  pythonGradients,
  torchGradients,
  written,
} from './writtenRuns';
import { SOFTMAX, SOFTMAX_TWIN, TWO_LAYER, TWO_LAYER_TWIN } from './forwardPasses';

function codeLines(code: string): string[] {
  return code.split('\n').filter((line) => line !== '');
}

describe('Write the backward pass: NumPy in matrix form as the course notes write it', function () {
  this.timeout(60_000);

  it('writes the softmax classifier’s backward pass with the fused dscores, dW = X.T @ dscores and db with keepdims', async () => {
    const code = await written(SOFTMAX);
    assert.equal(code.style, 'numpy-matrix');
    const lines = codeLines(code.code);
    const fused = lines.indexOf('dscores = probs.copy()');
    assert.ok(fused > 0, code.code);
    assert.deepEqual(lines.slice(fused, fused + 3), [
      'dscores = probs.copy()',
      'dscores[range(num_examples), y] -= 1',
      'dscores /= num_examples',
    ]);
    assert.ok(lines.includes('dW += X.T @ dscores'));
    assert.ok(lines.includes('db = np.sum(dscores, axis=0, keepdims=True)'));
    assert.deepEqual(code.insertAt, { line: 16, column: 0 });
    const got = pythonGradients(SOFTMAX, code);
    assert.deepEqual(Object.keys(got).sort(), [
      'dW',
      'dX',
      'db',
      'ddata_loss',
      'dreg',
      'dreg_loss',
      'dscores',
    ]);
    assert.ok(largestDifference(got, torchGradients(SOFTMAX_TWIN, 'loss', code)) < 1e-10);
  });

  it('writes for the selected forward pass of a file that already has a backward pass below, keeping the notes’ names', async () => {
    const source = `${SOFTMAX}dscores = probs\ndscores[range(num_examples), y] -= 1\ndscores /= num_examples\ndW = np.dot(X.T, dscores)\n`;
    const code = await written(source, { selection: linesRange(source, 0, 15) });
    assert.deepEqual(code.insertAt, { line: 16, column: 0 });
    assert.ok(codeLines(code.code).includes('dscores = probs.copy()'), code.code);
    assert.ok(code.gradients.some((gradient) => gradient.name === 'dW'));
  });

  it('writes the two-layer net’s backward pass with the ReLU mask dhidden_layer[hidden_layer <= 0] = 0', async () => {
    const code = await written(TWO_LAYER);
    const lines = codeLines(code.code);
    assert.ok(lines.includes('dhidden_layer = dscores @ W2.T'), code.code);
    const mask = lines.indexOf('dhidden_layer[hidden_layer <= 0] = 0');
    assert.ok(mask > 0);
    assert.ok(lines.indexOf('dW += X.T @ dhidden_layer') > mask);
    assert.ok(lines.includes('db2 = np.sum(dscores, axis=0, keepdims=True)'));
    assert.ok(!code.gradients.some((gradient) => gradient.name === 'dhidden_layer'));
    const got = pythonGradients(TWO_LAYER, code);
    assert.ok(largestDifference(got, torchGradients(TWO_LAYER_TWIN, 'loss', code)) < 1e-10);
  });

  it('writes the plain chain of VJPs when the loss is not the notes’ mean (no fusion), scattering into dprobs', async () => {
    const source = SOFTMAX.replace(
      'data_loss = np.sum(correct_logprobs) / num_examples',
      'data_loss = np.sum(correct_logprobs)',
    );
    const twin = SOFTMAX_TWIN.replace(
      'data_loss = torch.sum(correct_logprobs) / num_examples',
      'data_loss = torch.sum(correct_logprobs)',
    );
    const code = await written(source);
    const lines = codeLines(code.code);
    assert.ok(!lines.includes('dscores = probs.copy()'), code.code);
    assert.ok(lines.includes('dprobs = np.zeros_like(probs)'));
    const got = pythonGradients(source, code);
    assert.ok('dprobs' in got && 'dexp_scores' in got);
    assert.ok(largestDifference(got, torchGradients(twin, 'loss', code)) < 1e-10);
  });

  it('does not fuse when the loss is counted twice (data_loss + data_loss): its gradient is 2, not 1', async () => {
    const source = SOFTMAX.replace(
      'loss = data_loss + reg_loss',
      'loss = data_loss + data_loss + reg_loss',
    );
    const twin = SOFTMAX_TWIN.replace(
      'loss = data_loss + reg_loss',
      'loss = data_loss + data_loss + reg_loss',
    );
    const code = await written(source);
    assert.ok(!codeLines(code.code).includes('dscores = probs.copy()'), code.code);
    assert.ok(
      largestDifference(pythonGradients(source, code), torchGradients(twin, 'loss', code)) < 1e-10,
    );
  });

  it('writes logistic regression (matrix @ vector, the sigmoid as p * (1 - p)) and least squares', async () => {
    const logistic = `import numpy as np
np.random.seed(2)
X = np.random.randn(6, 3)
y = np.array([0., 1., 1., 0., 1., 0.])
w = np.random.randn(3)
b = 0.1
z = X @ w + b
p = 1 / (1 + np.exp(-z))
loss = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
`;
    const logisticTwin = `import numpy as np
np.random.seed(2)
X = torch.tensor(np.random.randn(6, 3), requires_grad=True)
y = torch.tensor([0., 1., 1., 0., 1., 0.], requires_grad=True)
w = torch.tensor(np.random.randn(3), requires_grad=True)
b = torch.tensor(0.1, requires_grad=True)
z = X @ w + b
p = 1 / (1 + torch.exp(-z))
loss = -torch.mean(y * torch.log(p) + (1 - y) * torch.log(1 - p))`;
    const code = await written(logistic);
    const lines = codeLines(code.code);
    assert.ok(lines.includes('dz = p * (1 - p) * dp'), code.code);
    assert.ok(lines.includes('dX = np.outer(dz, w)'));
    assert.ok(lines.includes('dw = X.T @ dz'));
    assert.ok(lines.includes('db = np.sum(dz)'));
    assert.ok(
      largestDifference(
        pythonGradients(logistic, code),
        torchGradients(logisticTwin, 'loss', code),
      ) < 1e-10,
    );

    const squares = `import numpy as np
X = np.array([[1.0, 2.0], [-0.5, 0.3], [0.8, -1.2]])
w = np.array([0.5, -1.0])
t = np.array([0.2, -0.7, 1.1])
pred = X @ w
loss = np.mean((pred - t) ** 2) + 0.5 * (w @ w)
`;
    const squaresTwin = `X = torch.tensor([[1.0, 2.0], [-0.5, 0.3], [0.8, -1.2]], requires_grad=True)
w = torch.tensor([0.5, -1.0], requires_grad=True)
t = torch.tensor([0.2, -0.7, 1.1], requires_grad=True)
pred = X @ w
loss = torch.mean((pred - t) ** 2) + 0.5 * (w @ w)`;
    const squaresCode = await written(squares);
    assert.ok(
      largestDifference(
        pythonGradients(squares, squaresCode),
        torchGradients(squaresTwin, 'loss', squaresCode),
      ) < 1e-10,
    );
  });

  it('sums a broadcast operand’s gradient back to its shape, and divides a mean', async () => {
    const source = `import numpy as np
x = np.array([[1.0, -2.0, 0.5], [0.3, 0.7, -1.1]])
c = np.array([0.5, -0.25, 2.0])
s = np.array([[2.0], [-3.0]])
t = np.tanh(x * c + s)
u = np.sqrt(t ** 2 + 1.0) - x.T.sum(axis=1)
loss = np.mean(u * u)
`;
    const twin = `x = torch.tensor([[1.0, -2.0, 0.5], [0.3, 0.7, -1.1]], requires_grad=True)
c = torch.tensor([0.5, -0.25, 2.0], requires_grad=True)
s = torch.tensor([[2.0], [-3.0]], requires_grad=True)
t = torch.tanh(x * c + s)
u = torch.sqrt(t ** 2 + 1.0) - x.T.sum(axis=1)
loss = torch.mean(u * u)`;
    const code = await written(source);
    const lines = codeLines(code.code);
    assert.ok(
      lines.some((line) => line.startsWith('dc = np.sum(')),
      code.code,
    );
    assert.ok(lines.some((line) => line.includes('axis=1, keepdims=True')));
    const got = pythonGradients(source, code);
    assert.ok(largestDifference(got, torchGradients(twin, 'loss', code)) < 1e-10);
  });

  it('never lets a later += or a mask change another gradient: a passed-through gradient is copied, a ReLU on one is masked into a new array', async () => {
    const data = `X = np.array([[1.0, -2.0, 0.5, 0.3], [0.7, -1.1, 2.0, -0.4], [0.2, 0.9, -0.6, 1.5]])
W = np.array([[0.1, -0.2], [0.3, 0.4], [-0.5, 0.6], [0.7, -0.8]])
b = np.array([[0.05, -0.1]])`;
    const leaves = `X = torch.tensor([[1.0, -2.0, 0.5, 0.3], [0.7, -1.1, 2.0, -0.4], [0.2, 0.9, -0.6, 1.5]], requires_grad=True)
W = torch.tensor([[0.1, -0.2], [0.3, 0.4], [-0.5, 0.6], [0.7, -0.8]], requires_grad=True)
b = torch.tensor([[0.05, -0.1]], requires_grad=True)`;
    const forward = 'h = X @ W\nc = np.tanh(h)\ns = h + b\nloss = np.sum(s * s) + np.sum(c)\n';
    const aliased = `import numpy as np\n${data}\n${forward}`;
    const code = await written(aliased);
    assert.ok(codeLines(code.code).includes('dh = ds.copy()'), code.code);
    const twin = `${leaves}\n${forward.replaceAll('np.', 'torch.')}`;
    assert.ok(
      largestDifference(pythonGradients(aliased, code), torchGradients(twin, 'loss', code)) < 1e-10,
    );

    const relu = 'scores = np.maximum(0, X @ W) + b\nloss = np.sum(scores * scores)\n';
    const masked = `import numpy as np\n${data}\n${relu}`;
    const reluCode = await written(masked);
    assert.ok(!codeLines(reluCode.code).some((line) => line.startsWith('dscores[')), reluCode.code);
    const reluTwin = `${leaves}\nscores = torch.clamp(X @ W, min=0) + b\nloss = torch.sum(scores * scores)`;
    assert.ok(
      largestDifference(
        pythonGradients(masked, reluCode),
        torchGradients(reluTwin, 'loss', reluCode),
      ) < 1e-10,
    );
  });

  it('refuses PyTorch and JAX code, naming what it writes for', async () => {
    const torch = await writeBackward(frontEnds, {
      source: 'import torch\nx = torch.tensor([1.0, 2.0], requires_grad=True)\ny = (x * x).sum()\n',
      language: 'python',
    });
    assert.ok(!torch.ok && torch.error.kind === 'unwritable');
    assert.match(!torch.ok ? torch.error.message : '', /PyTorch tensors.*not plain NumPy arrays/);
    const jax = await writeBackward(frontEnds, {
      source: 'import jax.numpy as jnp\nx = jnp.array([1.0, 2.0])\ny = jnp.sum(x * x)\n',
      language: 'python',
    });
    assert.ok(!jax.ok && jax.error.kind === 'unwritable');
    assert.match(!jax.ok ? jax.error.message : '', /JAX arrays/);
  });

  it('refuses an op with no written form, naming it and its line', async () => {
    const outcome = await writeBackward(frontEnds, {
      source: 'import numpy as np\nx = np.array([1.0, -2.0, 3.0])\nloss = np.max(x * x)\n',
      language: 'python',
    });
    assert.ok(!outcome.ok && outcome.error.kind === 'unwritable');
    assert.match(!outcome.ok ? outcome.error.message : '', /`max` \(line 3\)/);
  });
});
