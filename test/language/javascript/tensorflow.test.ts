/**
 * TensorFlow.js code read statically into a tensor graph. Each program's numbers are compared
 * with the same computation in PyTorch float64 (/usr/bin/python3), written next to it: the
 * gradient TensorFlow.js's tf.grad / tf.grads / tf.valueAndGrad / tf.variableGrads would give.
 */
import assert from 'node:assert/strict';
import { createFrontEnds } from '../../../src/core/frontEnds';
import { inspectSource } from '../../../src/core/inspectSource';
import type { LanguageId } from '../../../src/language/languages';
import { runPython } from '../../support/tensorOpChecks';
import { wasmFromNodeModules } from '../../support/wasmFromNodeModules';
import { javascript, lowerError } from '../code/codeHelpers';

const frontEnds = createFrontEnds(wasmFromNodeModules);

/** Runs each PyTorch program: `out` is the output, `wrt` the tensors differentiated, by name. */
const TORCH = String.raw`
import json, sys, torch
answers = []
for source in json.load(sys.stdin):
    env = {'torch': torch}
    exec(compile(source, '<program>', 'exec'), env)
    env['out'].backward()
    answers.append({
        'value': env['out'].item(),
        'grads': {n: t.grad.reshape(-1).tolist() for n, t in env['wrt'].items()},
    })
print(json.dumps(answers))
`;

interface Ran {
  readonly value: number;
  readonly grads: Readonly<Record<string, readonly number[]>>;
}

const t = (values: string) => `torch.tensor(${values}, dtype=torch.float64, requires_grad=True)`;
const c = (values: string) => `torch.tensor(${values}, dtype=torch.float64)`;

interface Case {
  readonly title: string;
  readonly language: LanguageId;
  readonly source: string;
  readonly output: string;
  readonly torch: string;
}

const CASES: readonly Case[] = [
  {
    title:
      'tf.grad(f)(x) of x² at [2, 3] (the tf.grad documentation example: summed, as dy = ones)',
    language: 'javascript',
    source: `import * as tf from '@tensorflow/tfjs';

// f(x) = x ^ 2
const f = (x) => x.square();
// f'(x) = 2x
const g = tf.grad(f);
const x = tf.tensor1d([2, 3]);
g(x).print();
`,
    output: 'f',
    torch: `x = ${t('[2.0, 3.0]')}\nout = x.square().sum()\nwrt = {'x': x}`,
  },
  {
    title: 'tf.variableGrads of a mean squared error through matMul, add and relu',
    language: 'javascript',
    source: `const tf = require('@tensorflow/tfjs-node');
const xs = tf.tensor2d([[1, 2], [3, 4], [5, 6]]);
const ys = tf.tensor2d([[1], [0], [2]]);
const w = tf.variable(tf.tensor2d([[0.1], [-0.2]]));
const b = tf.variable(tf.scalar(0.5));
const loss = () => tf.losses.meanSquaredError(ys, xs.matMul(w).add(b).relu());
const { value, grads } = tf.variableGrads(loss);
value.print();
`,
    output: 'loss',
    torch: `xs = ${c('[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]')}\nys = ${c('[[1.0], [0.0], [2.0]]')}\nw = ${t('[[0.1], [-0.2]]')}\nb = ${t('0.5')}\nout = torch.nn.functional.mse_loss(torch.relu(xs @ w + b), ys)\nwrt = {'w': w, 'b': b}`,
  },
  {
    title: 'tf.grads(f)([a, b]) with mul, square, sum (the tf.grads documentation example)',
    language: 'javascript',
    source: `import * as tf from '@tensorflow/tfjs';
// f(a, b) = a * b
const f = (a, b) => a.mul(b).add(a.square()).sum();
const g = tf.grads(f);
const a = tf.tensor1d([2, 3]);
const b = tf.tensor1d([-2, -3]);
const [da, db] = g([a, b]);
console.log('da');
da.print();
`,
    output: 'f',
    torch: `a = ${t('[2.0, 3.0]')}\nb = ${t('[-2.0, -3.0]')}\nout = (a * b + a.square()).sum()\nwrt = {'a': a, 'b': b}`,
  },
  {
    title: 'tf.valueAndGrad inside tf.tidy, with tf.* functions, axes, transpose and pow',
    language: 'typescript',
    source: `import * as tf from '@tensorflow/tfjs';
function model(w: tf.Tensor): tf.Scalar {
  const x = tf.tensor2d([[0.5, -1.0, 2.0], [1.5, 0.25, -0.75]]);
  const h = tf.sigmoid(tf.matMul(x, w, false, false));
  const s = tf.mean(tf.exp(h.transpose()).sub(tf.sqrt(tf.abs(h))), 1);
  return tf.log(tf.pow(s, 2).add(1)).neg().tanh().sum() as tf.Scalar;
}
const w0 = tf.tensor2d([[0.3, -0.2], [0.1, 0.4], [-0.5, 0.2]]);
const { value, grad } = tf.tidy(() => tf.valueAndGrad(model)(w0));
`,
    output: 'model',
    torch: `w0 = ${t('[[0.3, -0.2], [0.1, 0.4], [-0.5, 0.2]]')}\nx = ${c('[[0.5, -1.0, 2.0], [1.5, 0.25, -0.75]]')}\nh = torch.sigmoid(x @ w0)\ns = torch.mean(torch.exp(h.T) - torch.sqrt(torch.abs(h)), 1)\nout = (-torch.log(s ** 2 + 1)).tanh().sum()\nwrt = {'w0': w0}`,
  },
  {
    title: 'no gradient call: every named tensor is an input (tf.* and methods, division, mean)',
    language: 'javascript',
    source: `import * as tf from '@tensorflow/tfjs';
const x = tf.tensor([[1, 2], [3, 4]]);
const y = tf.ones([2, 2]).mul(0.5);
const z = tf.div(x, y.add(1)).maximum(tf.zeros([2, 2]).add(1.5)).mean();
`,
    output: 'z',
    torch: `x = ${t('[[1.0, 2.0], [3.0, 4.0]]')}\ny = ${t('[[0.5, 0.5], [0.5, 0.5]]')}\nout = torch.maximum(x / (y + 1), ${c('1.5')}).mean()\nwrt = {'x': x, 'y': y}`,
  },
];

async function inspected(source: string, language: LanguageId) {
  const outcome = await inspectSource(frontEnds, { language, source });
  if (!outcome.ok) {
    throw new Error(`${outcome.error.kind}: ${outcome.error.message}`);
  }
  assert.ok(outcome.kind === 'tensor', 'a tensor inspection');
  return outcome;
}

function close(actual: readonly number[], expected: readonly number[], what: string): void {
  assert.equal(actual.length, expected.length, `${what}: ${actual.length} elements`);
  actual.forEach((value, i) => {
    const want = expected[i] ?? NaN;
    assert.ok(
      Math.abs(value - want) <= 1e-12 * Math.max(1, Math.abs(want)),
      `${what}[${i}]: ${value} ≠ ${want}`,
    );
  });
}

describe('TensorFlow.js code in JavaScript and TypeScript', function () {
  this.timeout(120_000);
  let ran: Ran[] = [];

  before(() => {
    ran = runPython<Ran[]>(
      TORCH,
      CASES.map((item) => item.torch),
    );
  });

  CASES.forEach((item, i) => {
    it(`${item.title}: PyTorch float64's value and gradients`, async () => {
      const outcome = await inspected(item.source, item.language);
      const torch = ran[i];
      assert.ok(torch !== undefined);
      assert.equal(outcome.result.output.name, item.output);
      close([outcome.result.value], [torch.value], 'value');
      assert.deepEqual(Object.keys(outcome.result.grads).sort(), Object.keys(torch.grads).sort());
      for (const [name, grad] of Object.entries(torch.grads)) {
        close([...(outcome.result.grads[name]?.data ?? [])], grad, `∂/∂${name}`);
      }
      assert.ok(outcome.program.notes?.some((note) => note.includes('float32')));
    });
  });

  it('says when every named tensor is an input (no gradient call), and not otherwise', async () => {
    const [first, , , , last] = CASES;
    const withCall = await inspected(first?.source ?? '', 'javascript');
    const without = await inspected(last?.source ?? '', 'javascript');
    assert.ok(!(withCall.program.notes ?? []).some((note) => note.includes('every tensor')));
    assert.ok((without.program.notes ?? []).some((note) => note.includes('every tensor')));
  });

  it('a file ending with `const dx = tf.grad(f)(x)` is f at x, differentiated with respect to x', async () => {
    const source = `import * as tf from '@tensorflow/tfjs';\nconst w = tf.scalar(3);\nfunction f(x) {\n  return x.mul(w).sigmoid();\n}\nconst x = tf.scalar(-0.5);\nconst dx = tf.grad(f)(x);\n`;
    const outcome = await inspected(source, 'javascript');
    const s = 1 / (1 + Math.exp(1.5));
    assert.equal(outcome.result.output.name, 'f');
    assert.ok(Math.abs(outcome.result.value - s) < 1e-15);
    assert.deepEqual(Object.keys(outcome.result.grads), ['x']);
    assert.ok(Math.abs((outcome.result.grads.x?.data[0] ?? NaN) - 3 * s * (1 - s)) < 1e-15);
    // Hovering x in f's parameters, in its body and at the call shows x's input.
    const input = outcome.program.graph.nodes.findIndex((node) => node.kind === 'input');
    const places = outcome.program.references
      .filter((ref) => ref.name === 'x' && ref.node === input)
      .map((ref) => `${ref.role}@${ref.range.start.line}:${ref.range.start.column}`);
    assert.deepEqual(places, ['parameter@2:11', 'read@3:9', 'read@6:22']);
  });

  it('a function selected alone is read at its first call in the file, said so', async () => {
    const source = `import * as tf from '@tensorflow/tfjs';\nfunction loss(w) {\n  return w.square().sum();\n}\nconst w0 = tf.tensor1d([1, 2]);\nconst l = loss(w0);\n`;
    const outcome = await inspectSource(frontEnds, {
      language: 'javascript',
      source,
      selection: { start: { line: 1, column: 0 }, end: { line: 3, column: 1 } },
    });
    assert.ok(outcome.ok && outcome.kind === 'tensor');
    assert.equal(outcome.result.output.name, 'loss');
    assert.equal(outcome.result.value, 5);
    assert.deepEqual([...(outcome.result.grads.w0?.data ?? [])], [2, 4]);
    assert.ok((outcome.program.notes ?? []).includes('values from the call at line 6: `loss(w0)`'));
    const uncalled = await lowerError(javascript, source.replace('const l = loss(w0);\n', ''), {
      selection: { start: { line: 1, column: 0 }, end: { line: 3, column: 1 } },
    });
    assert.match(uncalled.message, /no call of the selected function/);
  });

  it('a gradient call inside console.log or before .print() is read', async () => {
    const head = `import * as tf from '@tensorflow/tfjs';\nconst f = (x) => x.square().sum();\nconst g = tf.grad(f);\nconst x = tf.tensor1d([1, 3]);\n`;
    for (const shown of ['console.log(g(x));', 'g(x).print();', 'console.log(tf.grad(f)(x));']) {
      const outcome = await inspected(`${head}${shown}\n`, 'javascript');
      assert.equal(outcome.result.value, 10, shown);
      assert.deepEqual([...(outcome.result.grads.x?.data ?? [])], [2, 6], shown);
    }
  });

  it('named imports of tf functions and a TypeScript annotation read as tf', async () => {
    const source = `import { scalar, grad } from '@tensorflow/tfjs';\nimport type { Tensor } from '@tensorflow/tfjs';\nconst x: Tensor = scalar(3);\nconst dydx = grad((v: Tensor) => v.mul(v).mul(v))(x);\n`;
    const outcome = await inspected(source, 'typescript');
    assert.equal(outcome.result.value, 27);
    assert.deepEqual([...(outcome.result.grads.x?.data ?? [])], [27]);
  });

  it('a scalar selection in a file that uses tf is read by the scalar reader', async () => {
    const source = `import * as tf from '@tensorflow/tfjs';\nconst x = tf.scalar(2);\nconst a = 3;\nconst y = a * a;\n`;
    const outcome = await inspectSource(frontEnds, {
      language: 'javascript',
      source,
      selection: { start: { line: 3, column: 0 }, end: { line: 3, column: 16 } },
    });
    assert.ok(outcome.ok && outcome.kind === 'scalar');
    assert.equal(outcome.result.value, 9);
  });

  it('refuses clearly: + on tensors, unknown functions, a non-scalar output, a gradient in a computation, two gradient calls', async () => {
    const head = `import * as tf from '@tensorflow/tfjs';\nconst x = tf.scalar(2);\n`;
    const cases: [string, RegExp][] = [
      [`${head}const y = x + x;\n`, /`\+` does not compute with tensors.*a\.add\(b\)/],
      [`${head}const y = x.dataSync();\n`, /`\.dataSync\(\)`.*is not read/],
      [`${head}const y = tf.conv2d(x, x, 1, 'same');\n`, /`tf\.conv2d`.*is not read/],
      [
        `import * as tf from '@tensorflow/tfjs';\nconst x = tf.tensor1d([1, 2]);\nconst y = x.square();\n`,
        /shape \(2,\); gradients are taken of one number/,
      ],
      [`${head}const y = tf.tensor([1, 2], [2], 'int32').add(x);\n`, /only 'float32'/],
      [`${head}if (true) {\n  x.print();\n}\n`, /if statement/],
    ];
    for (const [source, message] of cases) {
      assert.match((await lowerError(javascript, source)).message, message, source);
    }
    // Asked for a later name, the lines after a gradient call are read too.
    const update = `${head}const dx = tf.grad((v) => v.square())(x);\nconst x2 = x.sub(dx.mul(0.1));\n`;
    assert.match(
      (await lowerError(javascript, update, { output: 'x2' })).message,
      /`dx` is the gradient ∂\/∂x.*optimizer step/,
    );
    const twice = `${head}const f = (v) => v.square();\nconst a = tf.grad(f)(x);\nconst b = tf.grad(f)(x);\n`;
    assert.match(
      (await lowerError(javascript, twice, { output: 'b' })).message,
      /a second gradient call/,
    );
  });

  it('the lines after the gradient call (an optimizer step) are not read, and said so', async () => {
    const source = `import * as tf from '@tensorflow/tfjs';\nconst w = tf.variable(tf.scalar(2));\nconst { value, grads } = tf.variableGrads(() => w.square());\nconst optimizer = tf.train.sgd(0.1);\noptimizer.applyGradients(grads);\n`;
    const outcome = await inspected(source, 'javascript');
    assert.equal(outcome.result.value, 4);
    assert.deepEqual([...(outcome.result.grads.w?.data ?? [])], [4]);
    assert.ok(
      (outcome.program.notes ?? []).some((note) => note.startsWith('the lines from 4 on follow')),
    );
  });
});
