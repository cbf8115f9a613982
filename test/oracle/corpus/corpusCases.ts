/**
 * The real-code corpus (issue 18, item 6): snippets copied verbatim from tutorials, lecture
 * notes, documentation and popular repositories, inspected as a user would (the file as pasted,
 * the lines a user selects, the output a user picks, no values typed) and compared with real
 * PyTorch, NumPy and micrograd by corpus.test.ts. Each snippet's file under snippets/ is the
 * listed pieces of its source, pasted one after the other.
 */
import type { CorpusCase, Provenance } from './corpusCase';

const MIT = 'MIT';

function micrograd(path: string, lines: string): Provenance {
  return {
    repository: 'karpathy/micrograd',
    commit: 'c911406e5ace8742e5841a7e0df113ecb5d54685',
    path,
    lines,
    licence: MIT,
  };
}

function cs231n(path: string, lines: string): Provenance {
  return {
    repository: 'cs231n/cs231n.github.io',
    commit: '3d84654b14608fbccdff2393485631aaacfc9dab',
    path,
    lines,
    licence: MIT,
  };
}

function pytorchTutorials(path: string, commit: string, lines: string): Provenance {
  return { repository: 'pytorch/tutorials', commit, path, lines, licence: 'BSD-3-Clause' };
}

function d2l(lines: string): Provenance {
  return {
    repository: 'd2l-ai/d2l-en',
    commit: '23d7a5aecceee57d1292c56e90cce307f183bb0a',
    path: 'chapter_preliminaries/autograd.md',
    lines,
    licence: 'MIT-0 (the book’s code, LICENSE-SAMPLECODE)',
  };
}

function jax(path: string, lines: string): Provenance {
  return {
    repository: 'google/jax',
    commit: '3bd8ca480a5ed0d88c19a821d53324759db0bc35',
    path,
    lines,
    licence: 'Apache-2.0',
  };
}

function hipsAutograd(path: string, lines: string): Provenance {
  return {
    repository: 'HIPS/autograd',
    commit: 'bff107b8d71a444a1160deade3e1cbd0b92f4fa6',
    path,
    lines,
    licence: MIT,
  };
}

function lecture(half: 'first' | 'second', cells: string): Provenance {
  return {
    repository: 'karpathy/nn-zero-to-hero',
    commit: '73c3fcc741f0ec104ca850b1fb0df90e7e8d4cde',
    path: `lectures/micrograd/micrograd_lecture_${half}_half_roughly.ipynb`,
    lines: `code cells ${cells}`,
    licence: MIT,
  };
}

const AGREE = { outcome: 'agree' } as const;

const TD_TWIN = `theta, s_tm1, r_t, s_t = leaf('theta'), leaf('s_tm1'), leaf('r_t'), leaf('s_t')
v_tm1 = torch.dot(theta, s_tm1)
target = r_t + torch.dot(theta, s_t)
out = -0.5 * ((target - v_tm1) ** 2)
`;

function refused(message: string, reason: string) {
  return { outcome: 'refused', message, reason } as const;
}

/** The page's `np` and `plt` (its first block imports them; matplotlib draws nothing here). */
const NUMPY_PAGE = 'import numpy as np\nimport matplotlib.pyplot as plt\n';
/** The lecture's first cell imports math; its cell 8 defines draw_dot (graphviz: no numbers). */
const LECTURE = 'import math\ndraw_dot = lambda root: None\n';

/**
 * The spiral's angles are drawn inside the loop that fills X (`np.random.randn(N)*0.2`, not
 * seeded): our samples are not NumPy's, so once the loop has run (line 13 is the first after
 * it) X takes the array our reading built; everything after is computed by each side.
 */
const SPIRAL_DATA = [{ name: 'X', line: 13 }];

const CIRCUIT_TWIN = `x, y, z = leaf('x'), leaf('y'), leaf('z')
out = (x + y) * z
`;

const NEURON_TWIN = `w = [leaf(f'w[{i}]', ns['w'][i]) for i in range(3)]
x = [leaf(f'x[{i}]', ns['x'][i]) for i in range(2)]
dot = w[0]*x[0] + w[1]*x[1] + w[2]
out = 1.0 / (1 + torch.exp(-dot))
`;

const STAGED_TWIN = `x, y = leaf('x'), leaf('y')
sigy = 1.0 / (1 + torch.exp(-y))
num = x + sigy
sigx = 1.0 / (1 + torch.exp(-x))
den = sigx + (x + y)**2
out = num * (1.0 / den)
`;

/**
 * CS231n's softmax over the spiral data: X is data the code builds in place
 * (`X[ix] = np.c_[…]`), which our reading may keep constant, as PyTorch keeps data that does
 * not require gradients (if it gives ∂loss/∂X, that must agree); W, b and reg are inputs.
 */
const SOFTMAX_TWIN = `W, b, reg = leaf('W'), leaf('b'), leaf('reg')
X = leaf('X', data=True)
y = torch.tensor(ns['y'].astype('int64'))
scores = X @ W + b
probs = torch.exp(scores) / torch.sum(torch.exp(scores), dim=1, keepdim=True)
n = X.shape[0]
out = torch.sum(-torch.log(probs[torch.arange(n), y])) / n + 0.5 * reg * torch.sum(W * W)
`;

/**
 * The two-layer net over the spiral data: np.maximum(0, …) is torch.maximum, which splits the
 * gradient of a tie in half (the first point is X = 0 with b = 0: its hidden units sit at 0).
 */
const TWO_LAYER_TWIN = `W, b, W2, b2, reg = leaf('W'), leaf('b'), leaf('W2'), leaf('b2'), leaf('reg')
X = leaf('X', data=True)
y = torch.tensor(ns['y'].astype('int64'))
hidden_layer = torch.maximum(torch.zeros(()), X @ W + b)
scores = hidden_layer @ W2 + b2
probs = torch.exp(scores) / torch.sum(torch.exp(scores), dim=1, keepdim=True)
n = X.shape[0]
data_loss = torch.sum(-torch.log(probs[torch.arange(n), y])) / n
out = data_loss + 0.5 * reg * torch.sum(W * W) + 0.5 * reg * torch.sum(W2 * W2)
`;

const LOGISTIC_TWIN = `W, b = leaf('W'), leaf('b')
inputs = torch.tensor(ns['inputs'])
targets = torch.tensor(ns['targets'], dtype=torch.float64)
preds = 0.5 * (torch.tanh((inputs @ W + b) / 2) + 1)
out = -torch.sum(torch.log(preds * targets + (1 - preds) * (1 - targets)))
`;

const MICROGRAD: readonly CorpusCase[] = [
  {
    name: 'micrograd README: the example of every operation',
    file: 'micrograd-readme.py',
    source: micrograd('README.md', '19–36'),
    oracle: { kind: 'micrograd' },
    python: { output: 'g' },
    expected: AGREE,
  },
  {
    name: "micrograd's test_sanity_check: the micrograd half selected inside the test function",
    file: 'micrograd-test_engine.py',
    source: micrograd('test/test_engine.py', '1–67'),
    selection: [6, 11],
    oracle: { kind: 'micrograd' },
    python: {
      run: [
        [1, 2],
        [6, 11],
      ],
      output: 'y',
    },
    expected: AGREE,
  },
  {
    name: "micrograd's test_sanity_check: its forward lines only",
    file: 'micrograd-test_engine.py',
    source: micrograd('test/test_engine.py', '1–67'),
    selection: [6, 10],
    oracle: { kind: 'micrograd' },
    python: {
      run: [
        [1, 2],
        [6, 10],
      ],
      output: 'y',
    },
    expected: AGREE,
  },
  {
    name: "micrograd's test_sanity_check: the PyTorch half",
    file: 'micrograd-test_engine.py',
    source: micrograd('test/test_engine.py', '1–67'),
    selection: [14, 20],
    oracle: { kind: 'torch' },
    python: {
      float32AsWritten: true,
      run: [
        [1, 2],
        [14, 20],
      ],
      output: 'y',
    },
    expected: AGREE,
  },
  {
    name: "micrograd's test_more_ops: the micrograd half",
    file: 'micrograd-test_engine.py',
    source: micrograd('test/test_engine.py', '1–67'),
    selection: [30, 42],
    oracle: { kind: 'micrograd' },
    python: {
      run: [
        [1, 2],
        [30, 42],
      ],
      output: 'g',
    },
    expected: AGREE,
  },
  {
    name: "micrograd's test_more_ops: up to e = c - d",
    file: 'micrograd-test_engine.py',
    source: micrograd('test/test_engine.py', '1–67'),
    selection: [30, 38],
    oracle: { kind: 'micrograd' },
    python: {
      run: [
        [1, 2],
        [30, 38],
      ],
      output: 'e',
    },
    expected: AGREE,
  },
  {
    name: "micrograd's test_more_ops: the PyTorch half",
    file: 'micrograd-test_engine.py',
    source: micrograd('test/test_engine.py', '1–67'),
    selection: [45, 59],
    oracle: { kind: 'torch' },
    python: {
      float32AsWritten: true,
      run: [
        [1, 2],
        [45, 59],
      ],
      output: 'g',
    },
    expected: AGREE,
  },
];

const CS231N: readonly CorpusCase[] = [
  {
    name: 'CS231n backprop notes: the circuit (x + y) z, its forward lines',
    file: 'cs231n-circuit.py',
    source: cs231n('optimization-2.md', '74–89'),
    selection: [1, 6],
    oracle: { kind: 'twin', twin: CIRCUIT_TWIN },
    python: { output: 'f' },
    expected: AGREE,
  },
  {
    name: 'CS231n backprop notes: the circuit, whole listing, output f',
    file: 'cs231n-circuit.py',
    source: cs231n('optimization-2.md', '74–89'),
    output: 'f',
    oracle: { kind: 'twin', twin: CIRCUIT_TWIN },
    expected: AGREE,
  },
  {
    name: 'CS231n backprop notes: the sigmoid neuron, its forward lines',
    file: 'cs231n-neuron.py',
    source: cs231n('optimization-2.md', '168–179'),
    selection: [1, 6],
    oracle: { kind: 'twin', twin: NEURON_TWIN },
    python: { prelude: 'import math\n', output: 'f' },
    expected: AGREE,
  },
  {
    name: 'CS231n backprop notes: the sigmoid neuron, whole listing, output f',
    file: 'cs231n-neuron.py',
    source: cs231n('optimization-2.md', '168–179'),
    output: 'f',
    oracle: { kind: 'twin', twin: NEURON_TWIN },
    python: { prelude: 'import math\n' },
    expected: AGREE,
  },
  {
    name: 'CS231n backprop notes: the staged forward pass',
    file: 'cs231n-staged.py',
    source: cs231n('optimization-2.md', '199–210'),
    oracle: { kind: 'twin', twin: STAGED_TWIN },
    python: { prelude: 'import math\n', output: 'f' },
    expected: AGREE,
  },
  {
    name: 'CS231n backprop notes: two lines of the staged forward pass (xpy, xpysqr)',
    file: 'cs231n-staged.py',
    source: cs231n('optimization-2.md', '199–210'),
    selection: [8, 9],
    oracle: { kind: 'twin', twin: "x, y = leaf('x'), leaf('y')\nout = (x + y)**2\n" },
    python: { prelude: 'import math\n', output: 'xpysqr' },
    expected: AGREE,
  },
  {
    name: 'CS231n backprop notes: staged forward and hand-written backward, output f',
    file: 'cs231n-staged-backprop.py',
    source: cs231n('optimization-2.md', '199–210, 216–236'),
    output: 'f',
    oracle: { kind: 'twin', twin: STAGED_TWIN },
    python: { prelude: 'import math\n' },
    expected: AGREE,
  },
  {
    name: 'CS231n case study: spiral data and the softmax blocks, pasted one after the other',
    file: 'cs231n-softmax-blocks.py',
    source: cs231n(
      'neural-networks-case-study.md',
      '28–41, 64–66, 190–192, 78–79, 105–109, 115, 121–124',
    ),
    oracle: { kind: 'twin', twin: SOFTMAX_TWIN },
    python: { prelude: NUMPY_PAGE, output: 'loss' },
    expected: AGREE,
  },
  {
    name: 'CS231n case study: the linear classifier, the loss lines selected inside the training loop',
    file: 'cs231n-linear-classifier.py',
    source: cs231n('neural-networks-case-study.md', '28–41, 184–226'),
    selection: [30, 40],
    oracle: { kind: 'twin', twin: SOFTMAX_TWIN },
    python: {
      prelude: NUMPY_PAGE,
      run: [
        [1, 26],
        [30, 40],
      ],
      given: SPIRAL_DATA,
      output: 'loss',
    },
    expected: AGREE,
  },
  {
    name: 'CS231n case study: the linear classifier, the loss lines and the Python 2 print after them',
    file: 'cs231n-linear-classifier.py',
    source: cs231n('neural-networks-case-study.md', '28–41, 184–226'),
    selection: [30, 42],
    oracle: { kind: 'twin', twin: SOFTMAX_TWIN },
    python: {
      // The loop's first iteration, as the selection inside it reads i.
      prelude: `${NUMPY_PAGE}i = 0\n`,
      run: [
        [1, 26],
        [30, 42],
      ],
      skip: [42],
      given: SPIRAL_DATA,
      output: 'loss',
    },
    expected: refused(
      'no value for i',
      'the print under `if i % 10 == 0:` reads the loop counter, which has no value inside a selection of the loop body',
    ),
  },
  {
    name: 'CS231n case study: the two-layer net, the forward and loss lines selected inside the loop',
    file: 'cs231n-two-layer-net.py',
    source: cs231n('neural-networks-case-study.md', '28–41, 330–386'),
    selection: [31, 42],
    oracle: { kind: 'twin', twin: TWO_LAYER_TWIN },
    python: {
      prelude: NUMPY_PAGE,
      run: [
        [1, 27],
        [31, 42],
      ],
      given: SPIRAL_DATA,
      output: 'loss',
    },
    expected: AGREE,
  },
  {
    name: "CS231n case study: the two-layer net's blocks, pasted one after the other",
    file: 'cs231n-two-layer-blocks.py',
    source: cs231n(
      'neural-networks-case-study.md',
      '28–41, 279–284, 190–192, 290–292, 105–109, 115, 121–124',
    ),
    oracle: { kind: 'twin', twin: TWO_LAYER_TWIN.replace(' + 0.5 * reg * torch.sum(W2 * W2)', '') },
    python: { prelude: NUMPY_PAGE, output: 'loss' },
    expected: AGREE,
  },
];

const BLITZ = 'beginner_source/blitz/autograd_tutorial.py';
const BLITZ_COMMIT = '05f04cb4463d507cc90f891db82d8c2685e14b53';
const QUICKSTART = 'beginner_source/basics/autogradqs_tutorial.py';
const QUICKSTART_COMMIT = 'db77dcf6e3637924f43852c014f2af9978b0f891';

const PYTORCH: readonly CorpusCase[] = [
  {
    name: "PyTorch's autograd tutorial (60-minute blitz): out = z.mean(), with prints and a second graph",
    file: 'pytorch-blitz-autograd.py',
    source: pytorchTutorials(BLITZ, BLITZ_COMMIT, '52–99'),
    output: 'out',
    oracle: { kind: 'torch' },
    expected: AGREE,
  },
  {
    name: "PyTorch's autograd tutorial (60-minute blitz): doubling until the norm passes 1000",
    file: 'pytorch-blitz-autograd-vector.py',
    source: pytorchTutorials(BLITZ, BLITZ_COMMIT, '52, 114–127'),
    oracle: { kind: 'torch' },
    python: { output: 'y' },
    expected: refused(
      'a while (`while y.data.norm() < 1000: y = y * 2`) is not supported',
      'a `while` loop whose trip count the values decide is not read',
    ),
  },
  {
    name: "PyTorch's autograd quickstart: the one-layer network's loss",
    file: 'pytorch-autogradqs.py',
    source: pytorchTutorials(QUICKSTART, QUICKSTART_COMMIT, '29–36'),
    oracle: { kind: 'torch' },
    python: { output: 'loss' },
    expected: AGREE,
  },
  {
    name: "PyTorch's autograd quickstart: with its prints, loss.backward() and the gradients printed",
    file: 'pytorch-autogradqs-backward.py',
    source: pytorchTutorials(QUICKSTART, QUICKSTART_COMMIT, '29–85'),
    oracle: { kind: 'torch' },
    python: { output: 'loss' },
    expected: AGREE,
  },
  {
    name: "PyTorch's autograd quickstart: a Jacobian product, out.backward(torch.ones_like(out))",
    file: 'pytorch-autogradqs-jacobian.py',
    source: pytorchTutorials(QUICKSTART, QUICKSTART_COMMIT, '29, 204–212'),
    selection: [1, 4],
    oracle: { kind: 'torch' },
    python: { output: 'out' },
    expected: AGREE,
  },
  {
    name: "PyTorch's polynomial example (tensors and autograd): the loss lines inside the training loop",
    file: 'pytorch-polynomial-autograd.py',
    source: pytorchTutorials(
      'beginner_source/examples_autograd/polynomial_autograd.py',
      '92f11a171bb3f3f6bbd8dfb102c59d67c2385032',
      '17–72',
    ),
    selection: [26, 31],
    oracle: { kind: 'torch' },
    python: {
      run: [
        [1, 23],
        [26, 31],
      ],
      output: 'loss',
    },
    expected: AGREE,
  },
  {
    name: "PyTorch's two-layer net (tensors and autograd): the loss lines inside the training loop",
    file: 'pytorch-two-layer-net-autograd.py',
    source: pytorchTutorials(
      'beginner_source/examples_autograd/two_layer_net_autograd.py',
      '9ecc44a60f16b38aa68e5bfd85f9c809254b09eb',
      '17–80',
    ),
    selection: [37, 42],
    oracle: { kind: 'torch' },
    python: {
      run: [
        [1, 31],
        [37, 42],
      ],
      output: 'loss',
    },
    expected: AGREE,
  },
  {
    name: "PyTorch's polynomial warm-up in NumPy: the loss lines inside the training loop",
    file: 'pytorch-polynomial-numpy.py',
    source: pytorchTutorials(
      'beginner_source/examples_tensor/polynomial_numpy.py',
      '06782c92ebe7f6bf491fd4e03446a3c17200914c',
      '16–53',
    ),
    selection: [18, 21],
    oracle: {
      kind: 'twin',
      // x = np.linspace(…) is an input as NumPy code is read, and y = np.sin(x) is made from it.
      twin: `a, b, c, d, x = leaf('a'), leaf('b'), leaf('c'), leaf('d'), leaf('x', ns['x'])
y = torch.sin(x)
out = torch.sum((a + b * x + c * x ** 2 + d * x ** 3 - y) ** 2)
`,
    },
    python: {
      run: [
        [1, 14],
        [18, 21],
      ],
      output: 'loss',
    },
    expected: AGREE,
  },
];

const D2L_START = '55, 84–85, 128–130, 151–152, 205–206';

const D2L: readonly CorpusCase[] = [
  {
    name: "Dive into Deep Learning's autograd section: y = 2 * torch.dot(x, x), notebook cells pasted",
    file: 'd2l-autograd-dot.py',
    source: d2l(D2L_START),
    oracle: { kind: 'torch' },
    python: { output: 'y' },
    expected: AGREE,
  },
  {
    name: "Dive into Deep Learning's autograd section: x.grad.zero_() and then y = x.sum()",
    file: 'd2l-autograd-sum.py',
    source: d2l(`${D2L_START}, 291–294`),
    oracle: { kind: 'torch' },
    python: { output: 'y' },
    expected: refused(
      'a second `.backward()`',
      'a second `.backward()` after `x.grad.zero_()` (the notebook runs cell after cell) is refused',
    ),
  },
  {
    name: "Dive into Deep Learning's autograd section: y.backward(gradient=torch.ones(len(y)))",
    file: 'd2l-autograd-nonscalar.py',
    source: d2l(`${D2L_START}, 381–384`),
    oracle: { kind: 'torch' },
    python: { output: 'y' },
    expected: refused(
      'a second `.backward()`',
      'a second `.backward()` after `x.grad.zero_()` (the notebook runs cell after cell) is refused',
    ),
  },
  {
    name: "Dive into Deep Learning's autograd section: detach, then z.sum().backward()",
    file: 'd2l-autograd-detach.py',
    source: d2l(`${D2L_START}, 438–444`),
    oracle: { kind: 'torch' },
    python: { output: 'z' },
    expected: refused(
      'a second `.backward()`',
      'a second `.backward()` after `x.grad.zero_()` (the notebook runs cell after cell) is refused',
    ),
  },
  {
    name: "Dive into Deep Learning's autograd section: Python control flow, d = f(a)",
    file: 'd2l-autograd-control-flow.py',
    source: d2l('55, 534–542, 591–593'),
    oracle: { kind: 'torch' },
    python: { output: 'd' },
    expected: refused(
      'a while (`while b.norm() < 1000: b = b * 2`) is not supported',
      'a `while` loop whose trip count the values decide is not read',
    ),
  },
];

const JAX: readonly CorpusCase[] = [
  {
    name: 'JAX quickstart: the function sum_logistic, its value from derivative_fn(x_small)',
    file: 'jax-quickstart-sum-logistic.py',
    source: jax('docs/quickstart.md', '45, 103–110'),
    selection: [4, 5],
    oracle: {
      kind: 'twin',
      twin: "x = leaf('x', ns['x_small'])\nout = torch.sum(1.0 / (1.0 + torch.exp(-x)))\n",
    },
    python: { run: [[1, 7]], value: 'sum_logistic(x_small)' },
    expected: AGREE,
  },
  {
    name: 'JAX automatic differentiation: the lambda f, its value from dfdx(1.)',
    file: 'jax-autodiff-polynomial.py',
    source: jax('docs/automatic-differentiation.md', '39–41, 61–63, 99'),
    selection: [4, 4],
    oracle: { kind: 'twin', twin: "x = leaf('x', 1.0)\nout = x**3 + 2*x**2 - 3*x + 1\n" },
    python: { run: [[1, 4]], value: 'f(1.)' },
    expected: AGREE,
  },
  {
    name: "JAX automatic differentiation: the logistic regression's loss(W, b)",
    file: 'jax-autodiff-logistic.py',
    source: jax('docs/automatic-differentiation.md', '39–41, 111–136, 142–157'),
    selection: [21, 24],
    oracle: { kind: 'twin', twin: LOGISTIC_TWIN },
    // JAX's random keys are not installed here: this case needs W and b from our reading
    // (`given`) once it reads them.
    python: { run: [[1, 24]], value: 'loss(W, b)' },
    expected: refused(
      'no value for W',
      "W and b are drawn with JAX's random keys (`jax.random.normal(W_key, (3,))`), which are not read",
    ),
  },
  {
    name: 'JAX automatic differentiation: grad(jnp.tanh) at 2.0',
    file: 'jax-autodiff-tanh.py',
    source: jax('docs/automatic-differentiation.md', '39–44'),
    oracle: { kind: 'twin', twin: "x = leaf('x', 2.0)\nout = torch.tanh(x)\n" },
    python: { run: [[1, 5]], value: 'np.tanh(2.0)' },
    expected: refused(
      'attribute access (`jnp.tanh`) is not supported',
      'the gradient of a library function (`grad(jnp.tanh)`) is not read',
    ),
  },
  {
    name: 'JAX advanced autodiff: x / (1 + jnp.sqrt(x)) at 0, its value from print(grad(f)(0.)) (a NaN gradient)',
    file: 'jax-advanced-sqrt-at-zero.py',
    source: jax('docs/advanced-autodiff.md', '27–29, 1051–1052, 1058'),
    selection: [4, 5],
    oracle: { kind: 'twin', twin: "x = leaf('x', 0.0)\nout = x / (1 + torch.sqrt(x))\n" },
    python: { run: [[1, 5]], value: 'f(0.)' },
    expected: AGREE,
  },
  {
    name: 'JAX advanced autodiff: the TD(0) loss td_loss, its values from td_update(theta, …)',
    file: 'jax-advanced-td-loss.py',
    source: jax('docs/advanced-autodiff.md', '27–29, 88–90, 96–99, 121–129'),
    selection: [11, 14],
    oracle: { kind: 'twin', twin: TD_TWIN },
    python: { run: [[1, 14]], value: 'td_loss(theta, s_tm1, r_t, s_t)' },
    expected: refused(
      '(lambda) is not supported',
      'the value function `value_fn = lambda theta, state: jnp.dot(theta, state)` is not read in array code',
    ),
  },
  {
    name: 'JAX advanced autodiff: the TD(0) loss with jax.lax.stop_gradient(target)',
    file: 'jax-advanced-td-loss-stop-gradient.py',
    source: jax('docs/advanced-autodiff.md', '27–29, 88–90, 96–99, 137–145'),
    selection: [11, 14],
    oracle: {
      kind: 'twin',
      twin: TD_TWIN.replace('(target - v_tm1)', '(target.detach() - v_tm1)'),
    },
    python: { run: [[1, 14]], value: 'td_loss(theta, s_tm1, r_t, s_t)' },
    expected: refused(
      '(lambda) is not supported',
      'the value function `value_fn = lambda theta, state: jnp.dot(theta, state)` is not read in array code',
    ),
  },
];

const AUTOGRAD: readonly CorpusCase[] = [
  {
    name: "HIPS autograd's logistic regression: training_loss, its value from the call training_loss(weights)",
    file: 'autograd-logistic-regression.py',
    source: hipsAutograd('examples/logistic_regression.py', '1–38'),
    selection: [15, 19],
    oracle: {
      kind: 'twin',
      twin: `weights = leaf('weights')
inputs = torch.tensor(ns['inputs'])
targets = torch.tensor(ns['targets'], dtype=torch.float64)
preds = 0.5 * (torch.tanh(inputs @ weights) + 1)
out = -torch.sum(torch.log(preds * targets + (1 - preds) * (1 - targets)))
`,
    },
    python: { run: [[1, 30]], value: 'training_loss(weights)' },
    expected: refused(
      '`np.sum` is not a function that can be differentiated here',
      'np is read as NumPy, but the selection inside training_loss is read as scalar code (the array weights comes from the call site), as with `import numpy as np`',
    ),
  },
  {
    name: "HIPS autograd's Rosenbrock example: rosenbrock(x), x0 given to minimize",
    file: 'autograd-rosenbrock.py',
    source: hipsAutograd('examples/rosenbrock.py', '1–16'),
    selection: [7, 8],
    oracle: {
      kind: 'twin',
      twin: "x = leaf('x', [0.0, 0.0])\nout = 100 * (x[1] - x[0] ** 2) ** 2 + (1 - x[0]) ** 2\n",
    },
    python: { run: [[3, 8]], value: 'rosenbrock(np.array([0.0, 0.0]))' },
    expected: refused(
      '`x` is used as a list, but it holds no list here',
      "the point x0 is given to scipy's `minimize(rosenbrock_with_grad, x0=…)`, not to a call of rosenbrock",
    ),
  },
  {
    name: "HIPS autograd's tutorial: taylor_sine, a while loop, grad_sine(np.pi) in a Python 2 print",
    file: 'autograd-tutorial-taylor-sine.py',
    source: hipsAutograd('docs/tutorial.md', '26–39'),
    selection: [4, 11],
    oracle: {
      kind: 'twin',
      twin: `x = leaf('x', np.pi)
ans = currterm = x
i = 0
while torch.abs(currterm) > 0.001:
    currterm = -currterm * x**2 / ((2 * i + 3) * (2 * i + 2))
    ans = ans + currterm
    i += 1
out = ans
`,
    },
    python: { run: [[1, 11]], value: 'taylor_sine(np.pi)' },
    expected: refused(
      'a chained assignment (`a = b = …`) is not supported',
      'the chained assignment `ans = currterm = x` is not read',
    ),
  },
  {
    name: 'HIPS autograd\'s tutorial: training_loss, its value from print("Initial loss:", training_loss(weights))',
    file: 'autograd-tutorial-logistic.py',
    source: hipsAutograd('docs/tutorial.md', '49–81'),
    selection: [11, 15],
    oracle: {
      kind: 'twin',
      twin: `weights = leaf('weights')
inputs = torch.tensor(ns['inputs'])
targets = torch.tensor(ns['targets'], dtype=torch.float64)
preds = 0.5 * (torch.tanh(inputs @ weights / 2.) + 1)
out = -torch.sum(torch.log(preds * targets + (1 - preds) * (1 - targets)))
`,
    },
    python: { run: [[1, 28]], value: 'training_loss(weights)' },
    expected: refused(
      '`np.sum` is not a function that can be differentiated here',
      'np is read as NumPy, but the selection inside training_loss is read as scalar code (the array weights comes from the call site), as with `import numpy as np`',
    ),
  },
];

const LECTURE_CASES: readonly CorpusCase[] = [
  {
    name: "Karpathy's micrograd lecture: def f(x), its value from the display line f(3.0)",
    file: 'lecture-derivative.py',
    source: lecture('first', '0, 1, 2'),
    selection: [6, 7],
    oracle: { kind: 'twin', twin: "x = leaf('x', 3.0)\nout = 3*x**2 - 4*x + 5\n" },
    python: { run: [[1, 7]], skip: [4], value: 'f(3.0)' },
    expected: AGREE,
  },
  {
    name: "Karpathy's micrograd lecture: d = a*b + c, then print(d)",
    file: 'lecture-abc.py',
    source: lecture('first', '5'),
    oracle: { kind: 'twin', twin: "a, b, c = leaf('a'), leaf('b'), leaf('c')\nout = a*b + c\n" },
    python: { output: 'd' },
    expected: AGREE,
  },
  {
    name: "Karpathy's micrograd lecture: the slope by hand, c += h",
    file: 'lecture-slope.py',
    source: lecture('first', '6'),
    oracle: {
      kind: 'twin',
      twin: "h, a, b, c = leaf('h'), leaf('a'), leaf('b'), leaf('c', 10.0)\nout = a*b + (c + h)\n",
    },
    python: { output: 'd2' },
    expected: AGREE,
  },
  {
    name: "Karpathy's micrograd lecture: the notebook's own Value class, labels, a display line and %matplotlib",
    file: 'lecture-value-labels.py',
    source: lecture('first', '0, 7'),
    oracle: { kind: 'micrograd' },
    python: { skip: [4], output: 'L' },
    expected: AGREE,
  },
  {
    name: "Karpathy's micrograd lecture: the tanh neuron and o.backward()",
    file: 'lecture-neuron.py',
    source: lecture('first', '7, 13, 15'),
    oracle: { kind: 'micrograd' },
    python: { prelude: LECTURE, output: 'o' },
    expected: AGREE,
  },
  {
    name: "Karpathy's micrograd lecture: b = a + a, the gradient that must add up",
    file: 'lecture-a-plus-a.py',
    source: lecture('first', '7, 31'),
    oracle: { kind: 'micrograd' },
    python: { prelude: LECTURE, output: 'b' },
    expected: AGREE,
  },
  {
    name: "Karpathy's micrograd lecture: f = (a*b) * (a+b), a used twice",
    file: 'lecture-fan-out.py',
    source: lecture('first', '7, 32'),
    oracle: { kind: 'micrograd' },
    python: { prelude: LECTURE, output: 'f' },
    expected: AGREE,
  },
  {
    name: "Karpathy's micrograd lecture (second half): tanh written with exp, whole cells",
    file: 'lecture-neuron-exp.py',
    source: lecture('second', '7, 11'),
    oracle: { kind: 'micrograd' },
    python: { prelude: LECTURE, output: 'o' },
    expected: AGREE,
  },
  {
    name: "Karpathy's micrograd lecture (second half): tanh written with exp, the forward lines selected",
    file: 'lecture-neuron-exp.py',
    source: lecture('second', '7, 11'),
    selection: [100, 114],
    oracle: { kind: 'micrograd' },
    python: { prelude: LECTURE, output: 'o' },
    expected: AGREE,
  },
  {
    name: "Karpathy's micrograd lecture (second half): the same neuron in PyTorch, `; x1.requires_grad = True`",
    file: 'lecture-neuron-torch.py',
    source: lecture('second', '12, 13'),
    oracle: { kind: 'torch' },
    python: {
      float32AsWritten: true,
      output: 'o',
    },
    expected: AGREE,
  },
];

function tfjsDocs(lines: string): Provenance {
  return {
    repository: 'tensorflow/tfjs (npm @tensorflow/tfjs-core)',
    commit: 'release 4.22.0',
    path: 'dist/gradients.d.ts',
    lines: `${lines}, the JSDoc \` * \` prefix removed as the API reference shows the example`,
    licence: 'Apache-2.0',
  };
}

function microgradTs(lines: string): Provenance {
  return {
    repository: 'trekhleb/micrograd-ts',
    commit: '41b228f4228d2904778a7c21a79b6e2f2ed45f22',
    path: 'demo/src/demos/demo-value.tsx',
    lines: `${lines} (the code the demo page shows)`,
    licence: MIT,
  };
}

const SQUARE_TWIN = "x = leaf('x', [2.0, 3.0])\nout = torch.sum(x ** 2)\n";
const PRODUCT_TWIN =
  "a, b = leaf('a', [2.0, 3.0]), leaf('b', [-2.0, -3.0])\nout = torch.sum(a * b)\n";

const JAVASCRIPT: readonly CorpusCase[] = [
  {
    name: 'TensorFlow.js API reference: tf.grad of x => x.square()',
    file: 'tfjs-grad.js.txt',
    language: 'javascript',
    source: tfjsDocs('31–37'),
    oracle: { kind: 'twin', twin: SQUARE_TWIN },
    expected: AGREE,
  },
  {
    name: 'TensorFlow.js API reference: tf.grad of tf.grad (the second derivative of x ^ 3)',
    file: 'tfjs-grad-second.js.txt',
    language: 'javascript',
    source: tfjsDocs('41–49'),
    oracle: { kind: 'twin', twin: "x = leaf('x', [2.0, 3.0])\nout = torch.sum(3 * x ** 2)\n" },
    expected: refused(
      'tf.grad is read with a function of the file',
      '`tf.grad(g)` of a gradient function (a second derivative) is not read',
    ),
  },
  {
    name: 'TensorFlow.js API reference: tf.grads of (a, b) => a.mul(b)',
    file: 'tfjs-grads.js.txt',
    language: 'javascript',
    source: tfjsDocs('68–79'),
    oracle: { kind: 'twin', twin: PRODUCT_TWIN },
    expected: AGREE,
  },
  {
    name: 'TensorFlow.js API reference: tf.valueAndGrad',
    file: 'tfjs-value-and-grad.js.txt',
    language: 'javascript',
    source: tfjsDocs('96–107'),
    oracle: { kind: 'twin', twin: SQUARE_TWIN },
    expected: AGREE,
  },
  {
    name: 'TensorFlow.js API reference: tf.valueAndGrads',
    file: 'tfjs-value-and-grads.js.txt',
    language: 'javascript',
    source: tfjsDocs('125–142'),
    oracle: { kind: 'twin', twin: PRODUCT_TWIN },
    expected: AGREE,
  },
  {
    name: 'TensorFlow.js API reference: tf.variableGrads over two variables',
    file: 'tfjs-variable-grads.js.txt',
    language: 'javascript',
    source: tfjsDocs('157–166'),
    oracle: {
      kind: 'twin',
      twin: "a, b = leaf('a', [3.0, 4.0]), leaf('b', [5.0, 6.0])\nx = torch.tensor([1.0, 2.0])\nout = torch.sum(a * x ** 2 + b * x)\n",
    },
    expected: AGREE,
  },
  {
    name: "micrograd-ts demo: a * b + c with v(5, { label: 'a' })",
    file: 'micrograd-ts-value.ts.txt',
    language: 'typescript',
    source: microgradTs('69–82'),
    oracle: {
      kind: 'twin',
      twin: "a, b, c = leaf('a', 5.0), leaf('b', 3.0), leaf('c', 2.0)\nout = a * b + c\n",
    },
    expected: refused(
      'an object is not supported in an expression',
      "the label argument `v(5, { label: 'a' })` is not read",
    ),
  },
  {
    name: 'micrograd-ts demo: the tanh neuron with labels',
    file: 'micrograd-ts-neuron.ts.txt',
    language: 'typescript',
    source: microgradTs('126–154'),
    oracle: {
      kind: 'twin',
      twin: `x1, x2 = leaf('x1', 2.0), leaf('x2', 0.0)
w1, w2 = leaf('w1', -3.0), leaf('w2', 1.0)
b = leaf('b', 6.8813735870195432)
out = torch.tanh(x1 * w1 + x2 * w2 + b)
`,
    },
    expected: refused(
      'an object is not supported in an expression',
      "the label argument `v(2, { label: 'x1' })` is not read",
    ),
  },
];

export const CORPUS_CASES: readonly CorpusCase[] = [
  ...MICROGRAD,
  ...CS231N,
  ...PYTORCH,
  ...D2L,
  ...JAX,
  ...AUTOGRAD,
  ...LECTURE_CASES,
  ...JAVASCRIPT,
];
