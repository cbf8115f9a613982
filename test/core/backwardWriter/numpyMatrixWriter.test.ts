import { strict as assert } from 'node:assert';
import { writeBackward } from '../../../src/core/backwardWriter/writeBackward';
import {
  frontEnds,
  largestDifference,
  pythonGradients,
  torchGradients,
  written,
} from './writtenRuns';

/** CS231n's softmax classifier (the neural-networks case study), forward pass only. */
const SOFTMAX = `import numpy as np
np.random.seed(0)
N = 5; D = 4; K = 3
X = np.random.randn(N, D)
y = np.array([0, 2, 1, 1, 0])
W = 0.01 * np.random.randn(D, K)
b = np.zeros((1, K))
reg = 1e-3
num_examples = X.shape[0]
scores = np.dot(X, W) + b
exp_scores = np.exp(scores)
probs = exp_scores / np.sum(exp_scores, axis=1, keepdims=True)
correct_logprobs = -np.log(probs[range(num_examples), y])
data_loss = np.sum(correct_logprobs) / num_examples
reg_loss = 0.5 * reg * np.sum(W * W)
loss = data_loss + reg_loss
`;

/** The same data as leaves of PyTorch's autograd (the NumPy draws reproduced first). */
const SOFTMAX_DATA = `import numpy as np
np.random.seed(0)
N = 5; D = 4; K = 3
X = torch.tensor(np.random.randn(N, D), requires_grad=True)
y = [0, 2, 1, 1, 0]
W = torch.tensor(0.01 * np.random.randn(D, K), requires_grad=True)
b = torch.zeros((1, K), requires_grad=True)
reg = torch.tensor(1e-3, requires_grad=True)
num_examples = 5`;

const SOFTMAX_TWIN = `${SOFTMAX_DATA}
scores = X @ W + b
exp_scores = torch.exp(scores)
probs = exp_scores / torch.sum(exp_scores, 1, keepdim=True)
correct_logprobs = -torch.log(probs[range(num_examples), y])
data_loss = torch.sum(correct_logprobs) / num_examples
reg_loss = 0.5 * reg * torch.sum(W * W)
loss = data_loss + reg_loss`;

const TWO_LAYER = `import numpy as np
np.random.seed(0)
N = 5; D = 4; h = 6; K = 3
X = np.random.randn(N, D)
y = np.array([0, 2, 1, 1, 0])
W = 0.5 * np.random.randn(D, h)
b = np.zeros((1, h))
W2 = 0.5 * np.random.randn(h, K)
b2 = np.zeros((1, K))
reg = 1e-3
num_examples = X.shape[0]
hidden_layer = np.maximum(0, np.dot(X, W) + b)
scores = np.dot(hidden_layer, W2) + b2
exp_scores = np.exp(scores)
probs = exp_scores / np.sum(exp_scores, axis=1, keepdims=True)
correct_logprobs = -np.log(probs[range(num_examples), y])
data_loss = np.sum(correct_logprobs) / num_examples
reg_loss = 0.5 * reg * np.sum(W * W) + 0.5 * reg * np.sum(W2 * W2)
loss = data_loss + reg_loss
`;

const TWO_LAYER_TWIN = `import numpy as np
np.random.seed(0)
N = 5; D = 4; h = 6; K = 3
X = torch.tensor(np.random.randn(N, D), requires_grad=True)
y = [0, 2, 1, 1, 0]
W = torch.tensor(0.5 * np.random.randn(D, h), requires_grad=True)
b = torch.zeros((1, h), requires_grad=True)
W2 = torch.tensor(0.5 * np.random.randn(h, K), requires_grad=True)
b2 = torch.zeros((1, K), requires_grad=True)
reg = torch.tensor(1e-3, requires_grad=True)
num_examples = 5
hidden_layer = torch.clamp(X @ W + b, min=0)
scores = hidden_layer @ W2 + b2
exp_scores = torch.exp(scores)
probs = exp_scores / torch.sum(exp_scores, 1, keepdim=True)
correct_logprobs = -torch.log(probs[range(num_examples), y])
data_loss = torch.sum(correct_logprobs) / num_examples
reg_loss = 0.5 * reg * torch.sum(W * W) + 0.5 * reg * torch.sum(W2 * W2)
loss = data_loss + reg_loss`;

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

  it('refuses PyTorch code and code without NumPy, naming what it writes', async () => {
    const torch = await writeBackward(frontEnds, {
      source: 'import torch\nx = torch.tensor([1.0, 2.0], requires_grad=True)\ny = (x * x).sum()\n',
      language: 'python',
    });
    assert.ok(!torch.ok && torch.error.kind === 'unwritable');
    assert.match(!torch.ok ? torch.error.message : '', /NumPy code only/);
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
