/**
 * Function-shaped backward passes: CS231n's layer pairs (affine_forward/affine_backward,
 * relu_forward/relu_backward as layers.py writes them) checked against the forward's
 * vector-Jacobian product with the upstream dout of a call in the file, and a loss function
 * returning its gradient (`return loss, dW`). Real NumPy runs each file (mutants too) and
 * PyTorch's autograd says which hand-written gradients are right.
 */
import assert from 'node:assert/strict';
import type { BackwardCheckReport } from '../../../src/core/handBackward/report';
import { runPython } from '../../support/tensorOpChecks';
import { refusalOf, reportOf } from './backwardReport';
import { SOFTMAX } from './backwardSources';

const LAYERS = `import numpy as np


def affine_forward(x, w, b):
    out = None
    N = x.shape[0]
    out = x.reshape(N, -1).dot(w) + b
    cache = (x, w, b)
    return out, cache


def affine_backward(dout, cache):
    x, w, b = cache
    dx, dw, db = None, None, None
    N = x.shape[0]
    dx = dout.dot(w.T).reshape(x.shape)
    dw = x.reshape(N, -1).T.dot(dout)
    db = np.sum(dout, axis=0)
    return dx, dw, db


def relu_forward(x):
    out = None
    out = np.maximum(0, x)
    cache = x
    return out, cache


def relu_backward(dout, cache):
    dx, x = None, cache
    dx = dout * (x > 0)
    return dx


np.random.seed(231)
x = np.random.randn(2, 4, 5)
w = np.random.randn(20, 3)
b = np.random.randn(3)
dout = np.random.randn(2, 3)
out, cache = affine_forward(x, w, b)
dx, dw, db = affine_backward(dout, cache)

h = np.random.randn(3, 4)
dh_out = np.random.randn(3, 4)
r, relu_cache = relu_forward(h)
dh = relu_backward(dh_out, relu_cache)
`;

const SOFTMAX_LOSS = `import numpy as np


def softmax_loss_vectorized(W, X, y, reg):
    loss = 0.0
    dW = np.zeros_like(W)
    num_train = X.shape[0]
    scores = X.dot(W)
    scores -= np.max(scores, axis=1, keepdims=True)
    exp_scores = np.exp(scores)
    probs = exp_scores / np.sum(exp_scores, axis=1, keepdims=True)
    loss = -np.sum(np.log(probs[np.arange(num_train), y])) / num_train
    loss += reg * np.sum(W * W)
    dscores = probs.copy()
    dscores[np.arange(num_train), y] -= 1
    dscores /= num_train
    dW = X.T.dot(dscores)
    dW += 2 * reg * W
    return loss, dW


np.random.seed(0)
W = np.random.randn(5, 3) * 0.01
X = np.random.randn(4, 5)
y = np.array([0, 2, 1, 2])
reg = 0.1
loss, grad = softmax_loss_vectorized(W, X, y, reg)
`;

/** CS231n's softmax_loss_naive: the gradient accumulated in loops over examples and classes. */
const SOFTMAX_LOSS_NAIVE = `import numpy as np


def softmax_loss_naive(W, X, y, reg):
    loss = 0.0
    dW = np.zeros_like(W)
    num_train = X.shape[0]
    num_classes = W.shape[1]
    for i in range(num_train):
        scores = X[i].dot(W)
        scores -= np.max(scores)
        probs = np.exp(scores) / np.sum(np.exp(scores))
        loss += -np.log(probs[y[i]])
        for j in range(num_classes):
            dW[:, j] += (probs[j] - (j == y[i])) * X[i]
    loss /= num_train
    dW /= num_train
    loss += reg * np.sum(W * W)
    dW += 2 * reg * W
    return loss, dW


np.random.seed(0)
W = np.random.randn(5, 3) * 0.01
X = np.random.randn(4, 5)
y = np.array([0, 2, 1, 2])
reg = 0.1
loss, grad = softmax_loss_naive(W, X, y, reg)
`;

/** The PyTorch VJPs of each file's forward functions against what NumPy's run of it gives. */
const TORCH_ERRORS = `
import json, sys
import numpy as np, torch
def rel(a, b):
    a = np.asarray(a, dtype=float); b = b.detach().numpy()
    if a.shape != b.shape: return 'shape'
    d = np.abs(a - b); s = np.maximum(np.abs(a), np.abs(b))
    return float(np.max(np.where(s == 0, 0, d / np.where(s == 0, 1, s))))
errors = []
for source in json.load(sys.stdin):
    space = {}
    exec(source, space)
    t = lambda name: torch.tensor(space[name], dtype=torch.float64, requires_grad=True)
    found = {}
    if 'affine_backward' in space:
        x, w, b = t('x'), t('w'), t('b')
        ((x.reshape(x.shape[0], -1) @ w + b) * torch.tensor(space['dout'])).sum().backward()
        found.update(dx=rel(space['dx'], x.grad), dw=rel(space['dw'], w.grad), db=rel(space['db'], b.grad))
        h = t('h')
        (torch.relu(h) * torch.tensor(space['dh_out'])).sum().backward()
        found['dh'] = rel(space['dh'], h.grad)
    if 'softmax_loss_vectorized' in space or 'softmax_loss_naive' in space:
        W = t('W'); X = torch.tensor(space['X']); y = torch.tensor(space['y'])
        probs = torch.softmax(X @ W, dim=1)
        loss = -torch.log(probs[torch.arange(X.shape[0]), y]).mean() + space['reg'] * (W * W).sum()
        loss.backward()
        found['grad'] = rel(space['grad'], W.grad)
    errors.append(found)
print(json.dumps(errors))
`;

type TorchErrors = Record<string, number | 'shape'>;

function mutate(source: string, from: string, to: string): string {
  assert.ok(source.includes(from), from);
  return source.replace(from, to);
}

/** 0-based line of the first line containing `text`. */
function lineOf(source: string, text: string): number {
  const line = source.split('\n').findIndex((one) => one.includes(text));
  assert.ok(line >= 0, text);
  return line;
}

function verdicts(report: BackwardCheckReport): Record<string, string> {
  return Object.fromEntries(report.comparisons.map((one) => [one.pairing.gradient, one.verdict]));
}

/** What PyTorch says of each gradient: right, wrong, or of the wrong shape. */
function torchVerdicts(errors: TorchErrors): Record<string, string> {
  return Object.fromEntries(
    Object.entries(errors).map(([name, error]) => [
      name,
      error === 'shape' ? 'shape' : error < 1e-10 ? 'correct' : 'wrong',
    ]),
  );
}

const DW_TRANSPOSED = mutate(
  LAYERS,
  'dw = x.reshape(N, -1).T.dot(dout)',
  'dw = dout.T.dot(x.reshape(N, -1))',
);
const DB_NO_AXIS = mutate(LAYERS, 'db = np.sum(dout, axis=0)', 'db = np.sum(dout)');
const DB_OVER_N = mutate(LAYERS, 'db = np.sum(dout, axis=0)', 'db = np.sum(dout, axis=0) / N');
const MASK_INVERTED = mutate(LAYERS, 'dx = dout * (x > 0)', 'dx = dout * (x < 0)');
const NO_REG = mutate(SOFTMAX_LOSS, '    dW += 2 * reg * W\n', '');
const NAIVE_NO_REG = mutate(SOFTMAX_LOSS_NAIVE, '    dW += 2 * reg * W\n', '');

/** PyTorch's "Defining new autograd functions" tutorial. */
const LEGENDRE = `import torch


class LegendrePolynomial3(torch.autograd.Function):
    @staticmethod
    def forward(ctx, input):
        ctx.save_for_backward(input)
        return 0.5 * (5 * input ** 3 - 3 * input)

    @staticmethod
    def backward(ctx, grad_output):
        input, = ctx.saved_tensors
        return grad_output * 1.5 * (5 * input ** 2 - 1)


x = torch.linspace(-1.0, 1.0, 5, dtype=torch.float64, requires_grad=True)
y = LegendrePolynomial3.apply(x)
`;

const LEGENDRE_TWICE = mutate(LEGENDRE, '(5 * input ** 2 - 1)\n', '(5 * input ** 2 - 1) * 2\n');

/** The torch.autograd.Function documentation's Exp. */
const EXP = `import torch


class Exp(torch.autograd.Function):
    @staticmethod
    def forward(ctx, i):
        result = i.exp()
        ctx.save_for_backward(result)
        return result

    @staticmethod
    def backward(ctx, grad_output):
        result, = ctx.saved_tensors
        return grad_output * result


x = torch.tensor([0.5, -1.0, 2.0], dtype=torch.float64, requires_grad=True)
y = Exp.apply(x)
`;

/** The docs' MyReLU: the backward masks a clone of grad_output. */
const MY_RELU = `import torch


class MyReLU(torch.autograd.Function):
    @staticmethod
    def forward(ctx, input):
        ctx.save_for_backward(input)
        return input.clamp(min=0)

    @staticmethod
    def backward(ctx, grad_output):
        input, = ctx.saved_tensors
        grad_input = grad_output.clone()
        grad_input[input < 0] = 0
        return grad_input


x = torch.tensor([[0.5, -1.0], [2.0, -0.25]], dtype=torch.float64, requires_grad=True)
y = MyReLU.apply(x)
`;

const MY_RELU_MASK_FLIPPED = mutate(
  MY_RELU,
  'grad_input[input < 0] = 0',
  'grad_input[input > 0] = 0',
);

/** torch.autograd.gradcheck of each file's Function at the x it makes. */
const GRADCHECK = `
import json, sys
import torch
verdicts = []
for source in json.load(sys.stdin):
    space = {}
    exec(source, space)
    fn = next(v for v in space.values() if isinstance(v, type) and issubclass(v, torch.autograd.Function))
    verdicts.append(torch.autograd.gradcheck(fn.apply, (space['x'],), raise_exception=False))
print(json.dumps(verdicts))
`;

describe('checking layer backward functions and returned gradients', function () {
  this.timeout(120_000);
  const sources = [
    LAYERS,
    SOFTMAX_LOSS_NAIVE,
    NAIVE_NO_REG,
    DW_TRANSPOSED,
    DB_NO_AXIS,
    DB_OVER_N,
    MASK_INVERTED,
    SOFTMAX_LOSS,
    NO_REG,
  ];
  let torch: TorchErrors[] = [];
  before(() => {
    torch = runPython<TorchErrors[]>(TORCH_ERRORS, sources);
  });

  it('gives every source the verdicts PyTorch’s vector-Jacobian products give', async () => {
    for (const [at, source] of sources.entries()) {
      const report = await reportOf(source);
      assert.deepEqual(verdicts(report), torchVerdicts(torch[at] ?? {}), `source ${at}`);
    }
  });

  it('pairs affine_backward’s dx, dw, db with affine_forward’s x, w, b, seeded by dout', async () => {
    const report = await reportOf(LAYERS);
    const pairs = report.comparisons.map(
      (one) => `${one.pairing.gradient}:${one.pairing.of}:${one.pairing.convention}`,
    );
    assert.deepEqual(pairs, [
      'dx:x:layer-backward',
      'dw:w:layer-backward',
      'db:b:layer-backward',
      'dh:h:layer-backward',
    ]);
    assert.equal(report.firstWrong, undefined);
    assert.ok(
      report.notes.some((note) =>
        note.includes('vector-Jacobian product of affine_forward (line 40) with upstream dout'),
      ),
      report.notes.join('\n'),
    );
    const dw = report.comparisons.find((one) => one.pairing.gradient === 'dw');
    assert.equal(dw?.pairing.range.start.line, lineOf(LAYERS, 'dw = x.reshape'));
  });

  it('locates a transposed dw in affine_backward and says it is transposed', async () => {
    const report = await reportOf(DW_TRANSPOSED);
    assert.equal(report.firstWrong?.gradient, 'dw');
    assert.equal(report.firstWrong?.range.start.line, lineOf(DW_TRANSPOSED, 'dw = dout.T'));
    assert.equal(report.firstWrong?.explanation.kind, 'transposed');
  });

  it('locates db summed without its axis and names the shapes', async () => {
    const report = await reportOf(DB_NO_AXIS);
    assert.equal(report.firstWrong?.range.start.line, lineOf(DB_NO_AXIS, 'db = np.sum(dout)'));
    assert.equal(report.firstWrong?.explanation.kind, 'shape');
    assert.match(report.firstWrong?.explanation.text ?? '', /\(\).*\(3,\)/);
  });

  it('explains db divided by N as a factor of N', async () => {
    const report = await reportOf(DB_OVER_N);
    const explanation = report.firstWrong?.explanation;
    assert.equal(report.firstWrong?.range.start.line, lineOf(DB_OVER_N, '/ N'));
    assert.equal(explanation?.kind, 'factor');
    assert.equal(explanation?.kind === 'factor' ? explanation.factor : 0, 2);
  });

  it('locates an inverted ReLU mask in relu_backward, the gradient named as the call names it', async () => {
    const report = await reportOf(MASK_INVERTED);
    assert.equal(report.firstWrong?.gradient, 'dh');
    assert.equal(report.firstWrong?.of, 'h');
    assert.equal(report.firstWrong?.range.start.line, lineOf(MASK_INVERTED, 'dx = dout * (x < 0)'));
  });

  it('pairs the gradient a loss function returns with its parameter W', async () => {
    const report = await reportOf(SOFTMAX_LOSS);
    const [grad] = report.comparisons;
    assert.equal(report.comparisons.length, 1);
    assert.equal(grad?.pairing.convention, 'returned');
    assert.equal(grad?.pairing.of, 'W');
    assert.equal(grad?.pairing.output, 'loss');
    assert.equal(grad?.verdict, 'correct');
  });

  it('checks softmax_loss_naive’s gradient accumulated in loops and names its missing reg term', async () => {
    const right = await reportOf(SOFTMAX_LOSS_NAIVE);
    assert.deepEqual(verdicts(right), { grad: 'correct' });
    const wrong = await reportOf(NAIVE_NO_REG);
    assert.equal(wrong.firstWrong?.range.start.line, lineOf(NAIVE_NO_REG, 'dW /= num_train'));
    assert.equal(wrong.firstWrong?.explanation.kind, 'missing-term');
  });

  it('names the missing regularisation gradient inside the loss function', async () => {
    const report = await reportOf(NO_REG);
    assert.equal(report.firstWrong?.range.start.line, lineOf(NO_REG, 'dW = X.T.dot(dscores)'));
    assert.equal(report.firstWrong?.explanation.kind, 'missing-term');
    assert.match(report.firstWrong?.explanation.text ?? '', /0\.2 \* W/);
  });

  it('leaves a selection of straight backward code below a loss function to the straight-code check', async () => {
    const source = SOFTMAX_LOSS + SOFTMAX;
    const start = SOFTMAX_LOSS.split('\n').length - 1;
    const end = source.split('\n').length - 1;
    const selection = { start: { line: start, column: 0 }, end: { line: end, column: 0 } };
    const selected = await reportOf(source, undefined, 'python', selection);
    const conventions = (report: BackwardCheckReport): string[] =>
      report.comparisons.map((one) => `${one.pairing.gradient}:${one.pairing.convention}`);
    assert.deepEqual(conventions(selected), ['dscores:d-name', 'dW:d-name', 'db:d-name']);
    assert.deepEqual(conventions(await reportOf(source)), ['grad:returned']);
  });

  it('takes no second returned value for a gradient unless its name says it is one', async () => {
    const source = `import numpy as np


def stats(v):
    m = np.mean(v)
    s = np.sum(v * v)
    return m, s


v = np.array([1.0, 2.0, 4.0])
m, s = stats(v)
`;
    const refusal = await refusalOf(source);
    assert.equal(refusal.kind, 'no-backward');
  });

  it('checks a torch.autograd.Function’s backward as PyTorch’s gradcheck judges it', async () => {
    const sources = [LEGENDRE, LEGENDRE_TWICE, EXP, MY_RELU, MY_RELU_MASK_FLIPPED];
    const judged = runPython<boolean[]>(GRADCHECK, sources);
    assert.deepEqual(judged, [true, false, true, true, false]);
    const verdictsFound = [];
    for (const source of sources) {
      const report = await reportOf(source);
      verdictsFound.push(report.comparisons.map((one) => one.verdict).join());
    }
    assert.deepEqual(verdictsFound, ['correct', 'wrong', 'correct', 'correct', 'wrong']);
  });

  it('locates MyReLU’s flipped mask at the masked write in its backward', async () => {
    const report = await reportOf(MY_RELU_MASK_FLIPPED);
    const line = lineOf(MY_RELU_MASK_FLIPPED, 'grad_input[input > 0] = 0');
    assert.deepEqual(report.firstWrong?.range.start, { line, column: 8 });
    assert.match(report.firstWrong?.explanation.text ?? '', /∂sum\(y\)\/∂x/);
  });

  it('pairs LegendrePolynomial3.backward with the input apply passes and locates a wrong one', async () => {
    const right = await reportOf(LEGENDRE);
    const [pairing] = right.comparisons.map((one) => one.pairing);
    assert.equal(pairing?.gradient, 'LegendrePolynomial3.backward');
    assert.equal(pairing?.of, 'x');
    assert.deepEqual(pairing?.ofRange?.start, { line: lineOf(LEGENDRE, '.apply(x)'), column: 30 });
    assert.ok(right.notes.some((note) => note.includes('grad_output = ones')));
    const wrong = await reportOf(LEGENDRE_TWICE);
    const returnLine = lineOf(LEGENDRE_TWICE, 'return grad_output');
    assert.deepEqual(wrong.firstWrong?.range.start, { line: returnLine, column: 8 });
    assert.equal(wrong.firstWrong?.explanation.kind, 'factor');
  });

  it('refuses a torch.autograd.Function that keeps a ctx attribute, naming the line', async () => {
    const source = `import torch
from torch.autograd import Function


class MulConstant(Function):
    @staticmethod
    def forward(ctx, tensor, constant):
        ctx.constant = constant
        return tensor * constant

    @staticmethod
    def backward(ctx, grad_output):
        return grad_output * ctx.constant, None


x = torch.tensor([0.5, 1.0], dtype=torch.float64, requires_grad=True)
y = MulConstant.apply(x, 2.0)
`;
    const refusal = await refusalOf(source);
    assert.match(refusal.message, /^line 8: MulConstant is a torch\.autograd\.Function/);
    assert.match(refusal.message, /`ctx\.constant` is not read/);
  });
});
