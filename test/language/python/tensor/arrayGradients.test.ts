/**
 * Values and gradients of array code read by the tensor front end and inspected by the tensor
 * engine, against real NumPy and PyTorch run by /usr/bin/python3 (the tool never runs the
 * user's code; the tests prove its numbers are the ones NumPy and PyTorch give) and against
 * the engine's central differences.
 */
import assert from 'node:assert/strict';
import { ISSUE_SOFTMAX } from '../../../support/issueSoftmax';
import { assertChecked, assertClose, inspected, lines, runPython } from './tensorPrograms';

type Numbers = Record<string, number[]>;

function flat(data: Float64Array | undefined): number[] {
  return [...(data ?? [])];
}

describe('Python arrays: values and gradients against NumPy and PyTorch', function () {
  this.timeout(60_000);

  it("issue 13's softmax loss gives NumPy's loss, ∂loss/∂W and ∂loss/∂b to 1e-10", async () => {
    const source = ISSUE_SOFTMAX;
    const expected = runPython(`${source}
import json
d = p.copy(); d[np.arange(4), y] -= 1; d /= 4
print(json.dumps({'loss': [float(loss)], 'W': (X.T @ d).ravel().tolist(), 'b': d.sum(0).tolist()}))
`) as Numbers;
    const { result } = await inspected(source);
    assertClose([result.value], expected.loss ?? [], 1e-10, 'loss');
    assertClose(flat(result.grads.W?.data), expected.W ?? [], 1e-10, '∂loss/∂W');
    assertClose(flat(result.grads.b?.data), expected.b ?? [], 1e-10, '∂loss/∂b');
  });

  it('torch: x.relu() ** 2 summed gives ∂y/∂x = [2, 0, 6], as PyTorch', async () => {
    const source = lines(
      'import torch',
      'x = torch.tensor([1.0, -2.0, 3.0], requires_grad=True)',
      'y = (x.relu() ** 2).sum()',
    );
    const expected = runPython(`${source}
import json
y.backward()
print(json.dumps({'x': x.grad.tolist()}))
`) as Numbers;
    const { result } = await inspected(source);
    assert.deepEqual(flat(result.grads.x?.data), [2, 0, 6]);
    assert.deepEqual(flat(result.grads.x?.data), expected.x);
  });

  it("CS231n's affine layer and ReLU: the gradients of NumPy's backward pass", async () => {
    const source = lines(
      'import numpy as np',
      'np.random.seed(2)',
      'x = np.random.randn(3, 2, 2)',
      'w = np.random.randn(4, 5)',
      'b = np.random.randn(5)',
      'out = x.reshape(x.shape[0], -1) @ w + b',
      'r = np.maximum(0, out)',
      'loss = np.sum(r * r)',
    );
    const expected = runPython(`${source}
import json
dout = 2 * r * (out > 0)
xr = x.reshape(3, -1)
print(json.dumps({'x': (dout @ w.T).reshape(x.shape).ravel().tolist(), 'w': (xr.T @ dout).ravel().tolist(),
  'b': dout.sum(0).tolist(), 'loss': [float(loss)]}))
`) as Numbers;
    const { result } = await inspected(source);
    assertClose([result.value], expected.loss ?? [], 1e-12, 'loss');
    for (const name of ['x', 'w', 'b']) {
      assertClose(flat(result.grads[name]?.data), expected[name] ?? [], 1e-10, `∂loss/∂${name}`);
    }
    assertChecked(result);
  });

  it("CS231n's SVM loss with np.maximum(0, margins) and L2: NumPy's vectorised gradient", async () => {
    const source = lines(
      'import numpy as np',
      'np.random.seed(1)',
      'X = np.random.randn(5, 4)',
      'y = np.array([0, 2, 1, 2, 0])',
      'W = 0.1 * np.random.randn(4, 3)',
      'N = X.shape[0]',
      'scores = X.dot(W)',
      'correct = scores[np.arange(N), y][:, np.newaxis]',
      'margins = np.maximum(0, scores - correct + 1.0)',
      'loss = (np.sum(margins) - N) / N + 0.5 * np.sum(W * W)',
    );
    const expected = runPython(`${source}
import json
m = margins.copy(); m[np.arange(N), y] = 0
binary = (m > 0).astype(float)
binary[np.arange(N), y] = -binary.sum(1)
print(json.dumps({'W': (X.T @ binary / N + W).ravel().tolist(), 'loss': [float(loss)]}))
`) as Numbers;
    const { result } = await inspected(source);
    assertClose([result.value], expected.loss ?? [], 1e-12, 'loss');
    assertClose(flat(result.grads.W?.data), expected.W ?? [], 1e-10, '∂loss/∂W');
  });

  it("CS231n's svm_loss_vectorized as written, margins[np.arange(N), y] = 0 included", async () => {
    const source = lines(
      'import numpy as np',
      'np.random.seed(2)',
      'X = np.random.randn(6, 4)',
      'y = np.array([1, 0, 2, 2, 1, 0])',
      'W = np.random.randn(4, 3) * 0.5',
      'reg = 0.05',
      'num_train = X.shape[0]',
      'scores = X.dot(W)',
      'correct_class_scores = scores[np.arange(num_train), y].reshape(-1, 1)',
      'margins = np.maximum(0, scores - correct_class_scores + 1)',
      'margins[np.arange(num_train), y] = 0',
      'loss = np.sum(margins) / num_train',
      'loss += reg * np.sum(W * W)',
    );
    const expected = runPython(`${source}
import json
binary = (margins > 0).astype(float)
binary[np.arange(num_train), y] = -binary.sum(1)
print(json.dumps({'W': (X.T @ binary / num_train + 2 * reg * W).ravel().tolist(), 'loss': [float(loss)]}))
`) as Numbers;
    const { result } = await inspected(source);
    assertClose([result.value], expected.loss ?? [], 1e-12, 'loss');
    assertClose(flat(result.grads.W?.data), expected.W ?? [], 1e-10, '∂loss/∂W');
  });

  it("x[mask] += v and x[i] = v: NumPy's values, gradients by central differences", async () => {
    const source = lines(
      'import numpy as np',
      'x = np.array([[1.5, -2.0], [0.5, 3.0]])',
      'v = np.array([0.25, -0.75])',
      'h = x * 2',
      'h[h > 1] += 1.5',
      'h[0] = v',
      'h[:, 1] *= v',
      'loss = np.sum(h ** 2)',
    );
    const expected = runPython(
      `${source}\nimport json\nprint(json.dumps([float(loss)]))`,
    ) as number[];
    const { result } = await inspected(source);
    assertClose([result.value], expected, 1e-12, 'loss');
    assertChecked(result);
  });

  it('a two-layer net with softmax loss and L2 regularisation: NumPy backprop, reg included', async () => {
    const source = lines(
      'import numpy as np',
      'np.random.seed(0)',
      'N, D, H, C = 5, 4, 6, 3',
      'X = np.random.randn(N, D)',
      'y = np.array([0, 1, 2, 1, 0])',
      'W1 = 0.1 * np.random.randn(D, H)',
      'b1 = np.zeros(H)',
      'W2 = 0.1 * np.random.randn(H, C)',
      'b2 = np.zeros(C)',
      'reg = 0.05',
      'h = np.maximum(0, X @ W1 + b1)',
      'scores = h @ W2 + b2',
      'shifted = scores - np.max(scores, axis=1, keepdims=True)',
      'log_probs = shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))',
      'loss = -np.sum(log_probs[np.arange(N), y]) / N + 0.5 * reg * (np.sum(W1 * W1) + np.sum(W2 * W2))',
    );
    const expected = runPython(`${source}
import json
d = np.exp(log_probs); d[np.arange(N), y] -= 1; d /= N
dh = d @ W2.T; dh[h <= 0] = 0
print(json.dumps({'loss': [float(loss)], 'W2': (h.T @ d + reg * W2).ravel().tolist(), 'b2': d.sum(0).tolist(),
  'W1': (X.T @ dh + reg * W1).ravel().tolist(), 'b1': dh.sum(0).tolist(),
  'reg': [0.5 * float(np.sum(W1 * W1) + np.sum(W2 * W2))]}))
`) as Numbers;
    const { result } = await inspected(source);
    assertClose([result.value], expected.loss ?? [], 1e-12, 'loss');
    for (const name of ['W1', 'b1', 'W2', 'b2', 'reg']) {
      assertClose(flat(result.grads[name]?.data), expected[name] ?? [], 1e-10, `∂loss/∂${name}`);
    }
  });

  it("CS231n's softmax_loss_vectorized selected as a function, its arguments from # at:", async () => {
    const source = lines(
      'import numpy as np',
      '# at: W=[[0.1, -0.2, 0.3], [0.05, 0.2, -0.1]], X=[[1, 2], [0.5, -1], [2, 0.25], [-1, 1]], y=[0, 2, 1, 2], reg=0.1',
      'def softmax_loss_vectorized(W, X, y, reg):',
      '    num_train = X.shape[0]',
      '    scores = X.dot(W)',
      '    scores -= np.max(scores, axis=1, keepdims=True)',
      '    exp_scores = np.exp(scores)',
      '    probs = exp_scores / np.sum(exp_scores, axis=1, keepdims=True)',
      '    loss = -np.sum(np.log(probs[np.arange(num_train), y])) / num_train',
      '    loss += reg * np.sum(W * W)',
      '    return loss',
    );
    const expected = runPython(`${source}
import json
W = np.array([[0.1, -0.2, 0.3], [0.05, 0.2, -0.1]]); X = np.array([[1, 2], [0.5, -1], [2, 0.25], [-1, 1]])
y = np.array([0, 2, 1, 2]); reg = 0.1
s = X.dot(W); p = np.exp(s - s.max(1, keepdims=True)); p /= p.sum(1, keepdims=True)
d = p.copy(); d[np.arange(4), y] -= 1; d /= 4
print(json.dumps({'loss': [softmax_loss_vectorized(W, X, y, reg)], 'W': (X.T @ d + 2 * reg * W).ravel().tolist()}))
`) as Numbers;
    const selection = { start: { line: 2, column: 0 }, end: { line: 10, column: 15 } };
    const { program, result } = await inspected(source, { selection });
    assert.equal(program.outputName, 'softmax_loss_vectorized');
    assertClose([result.value], expected.loss ?? [], 1e-12, 'loss');
    assertClose(flat(result.grads.W?.data), expected.W ?? [], 1e-10, '∂loss/∂W');
  });

  it("PyTorch's autograd tutorial: w and b sampled, their gradients PyTorch's at those samples", async () => {
    const source = lines(
      'import torch',
      'x = torch.ones(5)  # input tensor',
      'y = torch.zeros(3)  # expected output',
      'w = torch.randn(5, 3, requires_grad=True)',
      'b = torch.randn(3, requires_grad=True)',
      'z = torch.matmul(x, w)+b',
      'loss = torch.nn.functional.binary_cross_entropy_with_logits(z, y)',
      'loss.backward()',
      'print(w.grad)',
      'print(b.grad)',
    );
    const { program, result } = await inspected(source);
    assert.equal(program.bindings.w?.sample, true);
    const w = JSON.stringify(flat(program.bindings.w?.value.data));
    const b = JSON.stringify(flat(program.bindings.b?.value.data));
    const expected = runPython(`
import json, torch
x = torch.ones(5, dtype=torch.float64)
y = torch.zeros(3, dtype=torch.float64)
w = torch.tensor(${w}, dtype=torch.float64).reshape(5, 3).requires_grad_()
b = torch.tensor(${b}, dtype=torch.float64).requires_grad_()
loss = torch.nn.functional.binary_cross_entropy_with_logits(torch.matmul(x, w) + b, y)
loss.backward()
print(json.dumps({'loss': [loss.item()], 'w': w.grad.ravel().tolist(), 'b': b.grad.tolist()}))
`) as Numbers;
    assertClose([result.value], expected.loss ?? [], 1e-12, 'loss');
    assertClose(flat(result.grads.w?.data), expected.w ?? [], 1e-12, '∂loss/∂w');
    assertClose(flat(result.grads.b?.data), expected.b ?? [], 1e-12, '∂loss/∂b');
  });

  it('a JAX loss over jnp, its parameters from a # at: comment: the gradients of its PyTorch twin', async () => {
    const source = lines(
      'import jax.numpy as jnp',
      '# at: w=[0.5, -0.25, 1.0], x=[[1, 2, 3], [0.5, -1, 2]], y=[0.3, -0.2]',
      'def loss(w, x, y):',
      '    pred = jnp.tanh(x @ w)',
      '    return jnp.mean((pred - y) ** 2)',
    );
    const expected = runPython(`
import json, torch
w = torch.tensor([0.5, -0.25, 1.0], dtype=torch.float64, requires_grad=True)
x = torch.tensor([[1, 2, 3], [0.5, -1, 2]], dtype=torch.float64, requires_grad=True)
y = torch.tensor([0.3, -0.2], dtype=torch.float64, requires_grad=True)
loss = torch.mean((torch.tanh(x @ w) - y) ** 2)
loss.backward()
print(json.dumps({'loss': [loss.item()], 'w': w.grad.tolist(), 'x': x.grad.ravel().tolist(), 'y': y.grad.tolist()}))
`) as Numbers;
    const { program, result } = await inspected(source);
    assert.equal(program.outputName, 'loss');
    assertClose([result.value], expected.loss ?? [], 1e-12, 'loss');
    for (const name of ['w', 'x', 'y']) {
      assertClose(flat(result.grads[name]?.data), expected[name] ?? [], 1e-12, `∂loss/∂${name}`);
    }
  });

  it("nn.Sequential with CrossEntropyLoss: PyTorch's gradients at the sampled parameters", async () => {
    const source = lines(
      'import torch',
      'import torch.nn as nn',
      'model = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2))',
      'x = torch.tensor([[1.0, 2.0, 3.0], [-1.0, 0.5, 2.0]])',
      'target = torch.tensor([1, 0])',
      'criterion = nn.CrossEntropyLoss()',
      'loss = criterion(model(x), target)',
      'loss.backward()',
    );
    const { program, result } = await inspected(source);
    const parameters = ['model.0.weight', 'model.0.bias', 'model.2.weight', 'model.2.bias'];
    const values = Object.fromEntries(
      parameters.map((name) => [name, flat(program.bindings[name]?.value.data)]),
    );
    const expected = runPython(`
import json, torch
import torch.nn as nn
values = json.loads('${JSON.stringify(values)}')
model = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2)).double()
with torch.no_grad():
    for name, p in model.named_parameters():
        p.copy_(torch.tensor(values['model.' + name], dtype=torch.float64).reshape(p.shape))
x = torch.tensor([[1.0, 2.0, 3.0], [-1.0, 0.5, 2.0]], dtype=torch.float64)
loss = nn.CrossEntropyLoss()(model(x), torch.tensor([1, 0]))
loss.backward()
out = {'loss': [loss.item()]}
for name, p in model.named_parameters():
    out['model.' + name] = p.grad.ravel().tolist()
print(json.dumps(out))
`) as Numbers;
    assertClose([result.value], expected.loss ?? [], 1e-12, 'loss');
    for (const name of parameters) {
      assertClose(flat(result.grads[name]?.data), expected[name] ?? [], 1e-12, `∂loss/∂${name}`);
    }
  });

  it('methods and layout on PyTorch tensors agree with central differences', async () => {
    const source = lines(
      'import torch',
      'import torch.nn.functional as F',
      'a = torch.tensor([[0.5, -1.0, 2.0], [1.5, 0.25, -0.75]], requires_grad=True)',
      'b = torch.tensor([1.0, 2.0, -1.0], requires_grad=True)',
      'h = (a * b).t().exp().clamp(min=0.5).log()',
      'v = h.reshape(-1).unsqueeze(0).view(2, 3).permute(1, 0)',
      'p = F.softmax(v, dim=1)',
      'loss = (p[:, 0] * torch.stack([b, b]).mean(0)).pow(2).sum() + F.mse_loss(a[0], b)',
    );
    const { result } = await inspected(source);
    assertChecked(result);
  });
});

/** Runs a PyTorch snippet as written and returns the output's value and each leaf's gradient. */
function torchRun(source: string, output: string, leaves: readonly string[]): Numbers {
  return runPython(`${source}
import json
${output}.backward()
out = {'value': [${output}.item()]}
${leaves.map((name) => `out['${name}'] = ${name}.grad.ravel().tolist()`).join('\n')}
print(json.dumps(out))
`) as Numbers;
}

describe('Python arrays: PyTorch snippets run as written in PyTorch (float64)', function () {
  this.timeout(60_000);
  const LEAVES = lines(
    'import torch',
    'import torch.nn.functional as F',
    'x = torch.tensor([[0.5, -1.0, 2.0], [1.5, 0.25, -0.75]], dtype=torch.float64, requires_grad=True)',
    't = torch.tensor([[0.2, 0.9, 0.1], [0.7, 0.3, 0.6]], dtype=torch.float64, requires_grad=True)',
    'w = torch.tensor([[0.3, -0.6, 0.9], [0.1, 0.4, -0.2]], dtype=torch.float64, requires_grad=True)',
    'b = torch.tensor([0.05, -0.1], dtype=torch.float64, requires_grad=True)',
    'labels = torch.tensor([2, 0])',
  );
  const CASES: [string, string][] = [
    [
      'F.mse_loss and F.l1_loss with their reductions',
      "loss = F.mse_loss(x, t) + F.l1_loss(x, t, reduction='sum')",
    ],
    [
      'F.binary_cross_entropy of a sigmoid and the logits form',
      'loss = F.binary_cross_entropy(torch.sigmoid(x), t) + F.binary_cross_entropy_with_logits(x, t, reduction="sum")',
    ],
    [
      'F.cross_entropy and F.nll_loss of log_softmax',
      "loss = F.cross_entropy(x, labels) + F.nll_loss(F.log_softmax(x, dim=1), labels, reduction='sum')",
    ],
    [
      'F.linear, tanh, logsumexp and norm',
      'loss = torch.logsumexp(torch.tanh(F.linear(x, w, b) + x @ w.T), dim=1).sum() + torch.norm(x * t)',
    ],
    [
      'positional keepdim, norm with its order, transpose by dim0/dim1',
      'loss = (x.sum(1, True) * t).sum() + torch.norm(x, 2) * torch.transpose(w, dim0=0, dim1=1).sum(0).pow(2).sum()',
    ],
    [
      'max and min over a dim, mean with keepdim, squeeze',
      'loss = x.max(dim=1)[0].sum() + torch.min(t, 0)[0].sum() * x.mean(1, keepdim=True).squeeze(1).sum()',
    ],
    [
      'cat, stack, where, clamp and abs',
      'loss = (torch.cat([x, t], dim=0).abs().sum() + torch.where(x > 0, x * t, -x).sum() + torch.clamp(x, -0.5, 1.0).pow(3).sum())',
    ],
  ];
  for (const [what, line] of CASES) {
    it(what, async () => {
      const source = `${LEAVES}${line}\n`;
      const leaves = ['x', 't', 'w', 'b'].filter((name) => new RegExp(`\\b${name}\\b`).test(line));
      const expected = torchRun(source, 'loss', leaves);
      const { result } = await inspected(source);
      assertClose([result.value], expected.value ?? [], 1e-12, 'loss');
      for (const name of leaves) {
        assertClose(flat(result.grads[name]?.data), expected[name] ?? [], 1e-12, `∂loss/∂${name}`);
      }
    });
  }
});
