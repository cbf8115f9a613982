/**
 * NumPy, PyTorch and JAX code as people write it (CS231n's layers and losses, PyTorch's
 * autograd tutorial, losses from torch.nn.functional), each with what the oracle needs to run
 * it in real Python: the output's name, and for NumPy and JAX code a twin of the same loss in
 * torch over the same arrays, whose autograd gives the gradients to compare with.
 */
import { ISSUE_SOFTMAX } from '../support/issueSoftmax';

export interface OracleSnippet {
  readonly name: string;
  readonly library: 'numpy' | 'torch' | 'jax';
  readonly source: string;
  readonly output: string;
  /** NumPy and JAX code: the same loss in torch, over `twinInputs` bound as tensors. */
  readonly twin?: string;
  /** The arrays the twin reads (float ones require gradients; integer ones are labels). */
  readonly twinInputs?: readonly string[];
}

/** Issue 13's "Done when" selection, line for line. */
const SOFTMAX_DONE_WHEN: OracleSnippet = {
  name: "issue 13's softmax loss (Done when)",
  library: 'numpy',
  source: ISSUE_SOFTMAX,
  output: 'loss',
  twin: `scores = X @ W + b
p = torch.exp(scores) / torch.sum(torch.exp(scores), dim=1, keepdim=True)
loss = -torch.mean(torch.log(p[torch.arange(4), y]))
`,
  twinInputs: ['X', 'y', 'W', 'b'],
};

/** CS231n assignment 2, layers.py: affine_forward on a (N, d1, d2) input. */
const AFFINE: OracleSnippet = {
  name: "CS231n's affine layer",
  library: 'numpy',
  source: `import numpy as np
np.random.seed(231)
x = np.random.randn(2, 2, 3)
w = np.random.randn(6, 4)
b = np.random.randn(4)
dout = np.random.randn(2, 4)
out = x.reshape(x.shape[0], -1).dot(w) + b
loss = np.sum(out * dout)
`,
  output: 'loss',
  twin: `out = x.reshape(x.shape[0], -1).mm(w) + b
loss = torch.sum(out * dout)
`,
  twinInputs: ['x', 'w', 'b', 'dout'],
};

/** CS231n's relu_forward, with an upstream gradient dout as its gradient check does. */
const RELU: OracleSnippet = {
  name: "CS231n's ReLU layer",
  library: 'numpy',
  source: `import numpy as np
x = np.linspace(-0.5, 0.5, num=12).reshape(3, 4) + 0.01
dout = np.array([[1.0, -2.0, 0.5, 3.0], [0.25, -1.5, 2.0, 1.0], [-0.75, 0.5, 1.25, -2.5]])
out = np.maximum(0, x)
loss = np.sum(out * dout)
`,
  output: 'loss',
  twin: `out = torch.relu(x)
loss = torch.sum(out * dout)
`,
  twinInputs: ['x', 'dout'],
};

/** CS231n assignment 1, softmax.py: softmax_loss_vectorized, with the max shift and L2. */
const SOFTMAX_VECTORIZED: OracleSnippet = {
  name: "CS231n's softmax_loss_vectorized",
  library: 'numpy',
  source: `import numpy as np
np.random.seed(1)
X = np.random.randn(5, 4)
y = np.array([0, 2, 1, 2, 0])
W = np.random.randn(4, 3) * 0.1
reg = 0.1
num_train = X.shape[0]
scores = X.dot(W)
scores -= np.max(scores, axis=1, keepdims=True)
exp_scores = np.exp(scores)
probs = exp_scores / np.sum(exp_scores, axis=1, keepdims=True)
loss = -np.sum(np.log(probs[np.arange(num_train), y])) / num_train
loss += reg * np.sum(W * W)
`,
  output: 'loss',
  twin: `scores = X.mm(W)
scores = scores - torch.max(scores, dim=1, keepdim=True).values
exp_scores = torch.exp(scores)
probs = exp_scores / torch.sum(exp_scores, dim=1, keepdim=True)
loss = -torch.sum(torch.log(probs[torch.arange(5), y])) / 5
loss = loss + reg * torch.sum(W * W)
`,
  twinInputs: ['X', 'y', 'W', 'reg'],
};

/** CS231n assignment 1, linear_svm.py: svm_loss_vectorized with np.maximum(0, margins). */
const SVM: OracleSnippet = {
  name: "CS231n's svm_loss_vectorized (hinge loss)",
  library: 'numpy',
  source: `import numpy as np
np.random.seed(2)
X = np.random.randn(6, 4)
y = np.array([1, 0, 2, 2, 1, 0])
W = np.random.randn(4, 3) * 0.5
reg = 0.05
num_train = X.shape[0]
scores = X.dot(W)
correct_class_scores = scores[np.arange(num_train), y].reshape(-1, 1)
margins = np.maximum(0, scores - correct_class_scores + 1)
margins[np.arange(num_train), y] = 0
loss = np.sum(margins) / num_train
loss += reg * np.sum(W * W)
`,
  output: 'loss',
  twin: `scores = X.mm(W)
correct_class_scores = scores[torch.arange(6), y].reshape(-1, 1)
margins = torch.clamp(scores - correct_class_scores + 1, min=0)
mask = torch.ones_like(margins)
mask[torch.arange(6), y] = 0
loss = torch.sum(margins * mask) / 6
loss = loss + reg * torch.sum(W * W)
`,
  twinInputs: ['X', 'y', 'W', 'reg'],
};

/** The same hinge loss with the correct classes masked by np.where instead of assigned 0. */
const SVM_WHERE: OracleSnippet = {
  name: 'SVM hinge loss with np.maximum(0, margins) and an np.where mask',
  library: 'numpy',
  source: `import numpy as np
np.random.seed(2)
X = np.random.randn(6, 4)
y = np.array([1, 0, 2, 2, 1, 0])
W = np.random.randn(4, 3) * 0.5
scores = X.dot(W)
correct = scores[np.arange(6), y].reshape(-1, 1)
margins = np.maximum(0, scores - correct + 1)
margins = np.where(np.arange(3) == y[:, None], 0, margins)
loss = np.sum(margins) / 6
`,
  output: 'loss',
  twin: `scores = X.mm(W)
correct = scores[torch.arange(6), y].reshape(-1, 1)
margins = torch.clamp(scores - correct + 1, min=0)
margins = torch.where(torch.arange(3) == y[:, None], torch.zeros(()), margins)
loss = torch.sum(margins) / 6
`,
  twinInputs: ['X', 'y', 'W'],
};

/** CS231n assignment 1, neural_net.py: TwoLayerNet.loss, forward pass and L2 regularisation. */
const TWO_LAYER_NET: OracleSnippet = {
  name: "CS231n's two-layer net with L2 regularisation",
  library: 'numpy',
  source: `import numpy as np
np.random.seed(0)
N, D, H, C = 5, 4, 10, 3
X = 10 * np.random.randn(N, D)
y = np.array([0, 1, 2, 2, 1])
W1 = 1e-1 * np.random.randn(D, H)
b1 = np.zeros(H)
W2 = 1e-1 * np.random.randn(H, C)
b2 = np.zeros(C)
reg = 0.05
h1 = np.maximum(0, X.dot(W1) + b1)
scores = h1.dot(W2) + b2
shifted = scores - np.max(scores, axis=1, keepdims=True)
probs = np.exp(shifted) / np.sum(np.exp(shifted), axis=1, keepdims=True)
data_loss = -np.sum(np.log(probs[np.arange(N), y])) / N
reg_loss = reg * (np.sum(W1 * W1) + np.sum(W2 * W2))
loss = data_loss + reg_loss
`,
  output: 'loss',
  twin: `h1 = torch.relu(X.mm(W1) + b1)
scores = h1.mm(W2) + b2
shifted = scores - torch.max(scores, dim=1, keepdim=True).values
probs = torch.exp(shifted) / torch.sum(torch.exp(shifted), dim=1, keepdim=True)
data_loss = -torch.sum(torch.log(probs[torch.arange(5), y])) / 5
reg_loss = reg * (torch.sum(W1 * W1) + torch.sum(W2 * W2))
loss = data_loss + reg_loss
`,
  twinInputs: ['X', 'y', 'W1', 'b1', 'W2', 'b2', 'reg'],
};

/** Issue 13's "Done when" PyTorch line. */
const TORCH_RELU_SQUARED: OracleSnippet = {
  name: "issue 13's x.relu() ** 2 (PyTorch)",
  library: 'torch',
  source: `import torch
x = torch.tensor([1.0, -2.0, 3.0], requires_grad=True)
y = (x.relu() ** 2).sum()
`,
  output: 'y',
};

/**
 * PyTorch's autograd tutorial (beginner/basics/autogradqs_tutorial.py), its torch.randn
 * weights written out.
 */
const TORCH_AUTOGRAD_TUTORIAL: OracleSnippet = {
  name: "PyTorch's autograd tutorial (binary_cross_entropy_with_logits)",
  library: 'torch',
  source: `import torch

x = torch.ones(5)  # input tensor
y = torch.zeros(3)  # expected output
w = torch.tensor([[0.3, -1.2, 0.5], [1.1, 0.2, -0.7], [-0.4, 0.9, 0.6], [0.05, -0.3, 1.4], [0.8, 0.1, -1.0]], requires_grad=True)
b = torch.tensor([0.2, -0.5, 0.1], requires_grad=True)
z = torch.matmul(x, w) + b
loss = torch.nn.functional.binary_cross_entropy_with_logits(z, y)
loss.backward()
`,
  output: 'loss',
};

/** The tensors of NumPy's seeded stream handed to PyTorch, as notebooks do to compare. */
const TORCH_FROM_NUMPY_SEED: OracleSnippet = {
  name: 'PyTorch tensors from np.random.seed values (tanh layer, mean of squares)',
  library: 'torch',
  source: `import numpy as np
import torch
np.random.seed(3)
x = torch.tensor(np.random.randn(4, 3), requires_grad=True)
w = torch.tensor(np.random.randn(3, 2), requires_grad=True)
h = torch.tanh(x @ w)
loss = (h ** 2).mean()
loss.backward()
`,
  output: 'loss',
};

const TORCH_CROSS_ENTROPY: OracleSnippet = {
  name: 'F.cross_entropy on logits and class labels',
  library: 'torch',
  source: `import torch
import torch.nn.functional as F
logits = torch.tensor([[2.0, 1.0, 0.1], [0.5, 2.5, 0.3], [1.2, -0.4, 3.1], [0.0, 0.2, -1.3]], requires_grad=True)
target = torch.tensor([0, 1, 2, 1])
loss = F.cross_entropy(logits, target)
loss.backward()
`,
  output: 'loss',
};

const TORCH_MSE: OracleSnippet = {
  name: 'F.mse_loss of a linear model',
  library: 'torch',
  source: `import torch
import torch.nn.functional as F
X = torch.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
w = torch.tensor([0.5, -0.25], requires_grad=True)
b = torch.tensor(0.1, requires_grad=True)
target = torch.tensor([1.0, 0.5, -0.5])
pred = X @ w + b
loss = F.mse_loss(pred, target)
loss.backward()
`,
  output: 'loss',
};

/** nn.Linear with its weights set from arrays, as tests and tutorials fix them. */
const TORCH_LINEAR_SET: OracleSnippet = {
  name: 'nn.Linear with weights set from arrays',
  library: 'torch',
  source: `import torch
import torch.nn as nn
layer = nn.Linear(3, 2)
with torch.no_grad():
    layer.weight.copy_(torch.tensor([[0.1, -0.2, 0.3], [0.4, 0.5, -0.6]]))
    layer.bias.copy_(torch.tensor([0.01, -0.02]))
x = torch.tensor([[1.0, 2.0, 3.0], [-1.0, 0.5, 2.0]])
loss = layer(x).pow(2).mean()
loss.backward()
`,
  output: 'loss',
};

/** nn.Linear at its default initialisation: Python gets the sample weights we chose. */
const TORCH_LINEAR_DEFAULT: OracleSnippet = {
  name: 'nn.Linear at its default initialisation, tanh, mean',
  library: 'torch',
  source: `import torch
import torch.nn as nn
layer = nn.Linear(3, 2)
x = torch.tensor([[1.0, 2.0, 3.0], [-1.0, 0.5, 2.0]], requires_grad=True)
loss = torch.tanh(layer(x)).mean()
loss.backward()
`,
  output: 'loss',
};

/** nn.Sequential at its default initialisation: Python gets the sample weights we chose. */
const TORCH_SEQUENTIAL: OracleSnippet = {
  name: 'nn.Sequential(nn.Linear, nn.ReLU, nn.Linear) with nn.CrossEntropyLoss',
  library: 'torch',
  source: `import torch
import torch.nn as nn
model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3))
criterion = nn.CrossEntropyLoss()
x = torch.tensor([[0.5, -1.0, 2.0, 0.1], [1.5, 0.3, -0.2, -0.8]])
labels = torch.tensor([2, 0])
loss = criterion(model(x), labels)
loss.backward()
`,
  output: 'loss',
};

/** A JAX loss written with jnp and jax.nn, straight-line as in JAX's quickstart. */
const JAX_LOG_SOFTMAX: OracleSnippet = {
  name: 'JAX: jnp.dot, jax.nn.log_softmax, one-hot cross-entropy',
  library: 'jax',
  source: `import jax
import jax.numpy as jnp
X = jnp.array([[0.2, -1.0, 0.5], [1.3, 0.4, -0.7]])
W = jnp.array([[0.1, 0.2, -0.3, 0.4], [-0.5, 0.6, 0.7, -0.8], [0.9, -1.0, 0.2, 0.3]])
b = jnp.array([0.05, -0.05, 0.1, 0.0])
targets = jnp.array([[0.0, 1.0, 0.0, 0.0], [0.0, 0.0, 0.0, 1.0]])
logits = jnp.dot(X, W) + b
log_probs = jax.nn.log_softmax(logits)
loss = -jnp.mean(jnp.sum(targets * log_probs, axis=1))
`,
  output: 'loss',
  twin: `logits = X.mm(W) + b
log_probs = torch.log_softmax(logits, dim=1)
loss = -torch.mean(torch.sum(targets * log_probs, dim=1))
`,
  twinInputs: ['X', 'W', 'b', 'targets'],
};

const JAX_MSE: OracleSnippet = {
  name: 'JAX: tanh layer and mean squared error',
  library: 'jax',
  source: `import jax.numpy as jnp
x = jnp.array([[1.0, 0.5], [-0.3, 2.0], [0.8, -1.2]])
W = jnp.array([[0.4, -0.6], [0.3, 0.9]])
b = jnp.array([0.1, -0.2])
y = jnp.array([[0.5, 0.0], [1.0, -1.0], [0.0, 0.5]])
preds = jnp.tanh(x @ W + b)
loss = jnp.mean((preds - y) ** 2)
`,
  output: 'loss',
  twin: `preds = torch.tanh(x @ W + b)
loss = torch.mean((preds - y) ** 2)
`,
  twinInputs: ['x', 'W', 'b', 'y'],
};

/** Tensor methods as PyTorch users chain them: matmul, clamp, t, sigmoid, sum(dim), pow, logsumexp. */
const TORCH_METHODS: OracleSnippet = {
  name: 'PyTorch tensor methods: .matmul, .clamp(min=0), .t(), .sum(dim=1), .pow, torch.logsumexp',
  library: 'torch',
  source: `import torch
x = torch.tensor([[0.5, -1.2, 2.0], [1.5, 0.3, -0.7]], requires_grad=True)
w = torch.tensor([[0.2, -0.4], [0.9, 0.1], [-0.3, 0.8]], requires_grad=True)
h = x.matmul(w).clamp(min=0)
s = torch.sigmoid(h.t()).sum(dim=1)
loss = s.pow(2).mean() + x.exp().sum() * 0.01 + torch.logsumexp(x, dim=1).mean()
loss.backward()
`,
  output: 'loss',
};

/** .detach() stops the gradient: only the first factor carries it. */
const TORCH_DETACH: OracleSnippet = {
  name: 'PyTorch .detach() and F.l1_loss',
  library: 'torch',
  source: `import torch
import torch.nn.functional as F
x = torch.tensor([1.0, 2.0, -3.0], requires_grad=True)
y = (x * x.detach()).sum() + F.l1_loss(x, torch.zeros(3))
y.backward()
`,
  output: 'y',
};

const TORCH_NLL: OracleSnippet = {
  name: 'F.nll_loss of F.log_softmax, and F.binary_cross_entropy of a sigmoid',
  library: 'torch',
  source: `import torch
import torch.nn.functional as F
logits = torch.tensor([[1.0, -0.5, 0.25], [0.1, 0.2, 0.3]], requires_grad=True)
target = torch.tensor([2, 0])
z = torch.tensor([0.3, -1.1, 2.2], requires_grad=True)
t = torch.tensor([1.0, 0.0, 1.0])
loss = F.nll_loss(F.log_softmax(logits, dim=1), target) + F.binary_cross_entropy(torch.sigmoid(z), t)
loss.backward()
`,
  output: 'loss',
};

/** Slices with steps, None, a boolean mask, concatenate, stack, .T, max over an axis. */
const NUMPY_LAYOUT: OracleSnippet = {
  name: 'NumPy layout and indexing: slices with steps, None, a mask, concatenate, stack, .T, max(axis)',
  library: 'numpy',
  source: `import numpy as np
A = np.array([[0.1, -0.2, 0.3, 0.4], [0.5, 0.6, -0.7, 0.8], [0.9, -1.0, 1.1, 1.2]])
C = np.concatenate([A[:, ::2], A[:, 1::2]], axis=0)
D = np.stack([A[0], A[2]], axis=1)
E = A.T[None, :, 1:]
mask = A > 0.5
loss = np.sum(C ** 2) + np.mean(D * E[0]) + np.sum(A[mask]) + np.max(A, axis=1).sum()
`,
  output: 'loss',
  twin: `C = torch.cat([A[:, ::2], A[:, 1::2]], dim=0)
D = torch.stack([A[0], A[2]], dim=1)
E = A.T[None, :, 1:]
mask = A > 0.5
loss = torch.sum(C ** 2) + torch.mean(D * E[0]) + torch.sum(A[mask]) + torch.max(A, dim=1).values.sum()
`,
  twinInputs: ['A'],
};

const JAX_RELU_SOFTMAX: OracleSnippet = {
  name: 'JAX: jax.nn.relu, jax.nn.softmax, jnp.where',
  library: 'jax',
  source: `import jax
import jax.numpy as jnp
x = jnp.array([[0.3, -0.6, 1.2], [-0.1, 0.8, 0.4]])
W = jnp.array([[0.5, -0.3], [0.2, 0.7], [-0.4, 0.1]])
h = jax.nn.relu(x @ W)
p = jax.nn.softmax(h, axis=-1)
loss = jnp.sum(jnp.where(p > 0.5, p, 0.0) ** 2) + jnp.mean(h)
`,
  output: 'loss',
  twin: `h = torch.relu(x @ W)
p = torch.softmax(h, dim=-1)
loss = torch.sum(torch.where(p > 0.5, p, torch.zeros(())) ** 2) + torch.mean(h)
`,
  twinInputs: ['x', 'W'],
};

export const ORACLE_SNIPPETS: readonly OracleSnippet[] = [
  SOFTMAX_DONE_WHEN,
  AFFINE,
  RELU,
  SOFTMAX_VECTORIZED,
  SVM,
  SVM_WHERE,
  TWO_LAYER_NET,
  TORCH_RELU_SQUARED,
  TORCH_AUTOGRAD_TUTORIAL,
  TORCH_FROM_NUMPY_SEED,
  TORCH_CROSS_ENTROPY,
  TORCH_MSE,
  TORCH_LINEAR_SET,
  TORCH_LINEAR_DEFAULT,
  TORCH_SEQUENTIAL,
  JAX_LOG_SOFTMAX,
  JAX_MSE,
  TORCH_METHODS,
  TORCH_DETACH,
  TORCH_NLL,
  NUMPY_LAYOUT,
  JAX_RELU_SOFTMAX,
];
