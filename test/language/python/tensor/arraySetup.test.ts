/**
 * Array set-up code as people write it, before the part they inspect: the CS231n spiral data
 * set built in place in a loop (np.c_, uint8 labels, range(...) as an index) feeding the notes'
 * softmax classifier step, and each in-place write on its own, against real NumPy (values) and a
 * PyTorch twin over NumPy's arrays (gradients).
 */
import assert from 'node:assert/strict';
import { runPython } from '../../../support/tensorOpChecks';
import { inspected, lines } from './tensorPrograms';
import { assertSame, leafValue, numpyArrays } from './setupChecks';

/** cs231n.github.io/neural-networks-case-study, verbatim, with np.random.seed(0) first. */
const SPIRAL = lines(
  'import numpy as np',
  'np.random.seed(0)',
  'N = 100 # number of points per class',
  'D = 2 # dimensionality',
  'K = 3 # number of classes',
  'X = np.zeros((N*K,D)) # data matrix (each row = single example)',
  "y = np.zeros(N*K, dtype='uint8') # class labels",
  'for j in range(K):',
  '  ix = range(N*j,N*(j+1))',
  '  r = np.linspace(0.0,1,N) # radius',
  '  t = np.linspace(j*4,(j+1)*4,N) + np.random.randn(N)*0.2 # theta',
  '  X[ix] = np.c_[r*np.sin(t), r*np.cos(t)]',
  '  y[ix] = j',
);

/** The notes' softmax classifier: one forward pass and its loss. */
const SOFTMAX = lines(
  '# initialize parameters randomly',
  'W = 0.01 * np.random.randn(D,K)',
  'b = np.zeros((1,K))',
  '',
  '# some hyperparameters',
  'step_size = 1e-0',
  'reg = 1e-3 # regularization strength',
  '',
  'num_examples = X.shape[0]',
  'scores = np.dot(X, W) + b',
  'exp_scores = np.exp(scores)',
  'probs = exp_scores / np.sum(exp_scores, axis=1, keepdims=True) # [N x K]',
  'correct_logprobs = -np.log(probs[range(num_examples),y])',
  'data_loss = np.sum(correct_logprobs)/num_examples',
  'reg_loss = 0.5*reg*np.sum(W*W)',
  'loss = data_loss + reg_loss',
);

interface TorchTwin {
  readonly loss: number;
  readonly dW: number[];
  readonly db: number[];
  readonly dX: number[];
}

/** The softmax step in PyTorch float64 over NumPy's own X, y, W, b. */
function torchTwin(source: string): TorchTwin {
  return runPython<TorchTwin>(
    [
      source,
      'import json, torch',
      'Wt = torch.tensor(W, requires_grad=True)',
      'bt = torch.tensor(b, requires_grad=True)',
      'n = X.shape[0]',
      'Xt = torch.tensor(X, requires_grad=True)',
      's = Xt @ Wt + bt',
      'e = torch.exp(s)',
      'p = e / e.sum(1, keepdim=True)',
      'labels = torch.tensor(y.astype(np.int64))',
      'L = (-torch.log(p[torch.arange(n), labels])).sum() / n + 0.5 * reg * (Wt * Wt).sum()',
      'L.backward()',
      "print(json.dumps({'loss': L.item(), 'dW': Wt.grad.flatten().tolist(), 'db': bt.grad.flatten().tolist(), 'dX': Xt.grad.flatten().tolist()}))",
    ].join('\n'),
  );
}

function near(got: number, want: number, what: string): void {
  assert.ok(
    Math.abs(got - want) <= 1e-10 * Math.max(1, Math.abs(want)),
    `${what} = ${got}, expected ${want}`,
  );
}

describe('array set-up code: the CS231n spiral data set and softmax step', function () {
  this.timeout(120_000);

  it('gives NumPy’s X, W and loss and PyTorch’s ∂loss/∂W, ∂loss/∂b and ∂loss/∂X to 1e-10', async () => {
    const source = SPIRAL + SOFTMAX;
    const { result } = await inspected(source);
    const numpy = numpyArrays(source, ['X', 'W', 'loss']);
    const torch = torchTwin(source);
    assertSame(leafValue(result, 'X'), numpy.X ?? assert.fail('X'), 'X');
    assertSame(leafValue(result, 'W'), numpy.W ?? assert.fail('W'), 'W');
    near(result.value, numpy.loss?.data[0] ?? NaN, 'loss');
    near(result.value, torch.loss, 'loss (torch)');
    assertSame(
      [...(result.grads.W?.data ?? [])],
      { shape: [2, 3], data: torch.dW, dtype: '' },
      '∂loss/∂W',
    );
    assertSame(
      [...(result.grads.b?.data ?? [])],
      { shape: [1, 3], data: torch.db, dtype: '' },
      '∂loss/∂b',
    );
    // X as the loop left it is the X the loss reads: an input of its own, named by the write.
    assertSame(
      [...(result.grads['X (line 12)']?.data ?? [])],
      { shape: [300, 2], data: torch.dX, dtype: '' },
      '∂loss/∂X',
    );
  });

  it('builds the uint8 labels NumPy builds; the zeros X held before the loop are not used', async () => {
    const source = `${SPIRAL}s = 1.0\ncheck = np.sum(y * s) + np.sum(X * s)\n`;
    const { result } = await inspected(source);
    const numpy = numpyArrays(SPIRAL, ['y', 'X']);
    assert.equal(numpy.y?.dtype, 'uint8');
    assertSame(leafValue(result, 'y'), numpy.y ?? assert.fail('y'), 'y');
    const softmax = await inspected(SPIRAL + SOFTMAX);
    assert.deepEqual(Object.keys(softmax.result.grads).sort(), ['W', 'X (line 12)', 'b', 'reg']);
    assert.deepEqual(
      softmax.result.unused.map((input) => input.name),
      ['X', 'step_size'],
    );
  });
});
