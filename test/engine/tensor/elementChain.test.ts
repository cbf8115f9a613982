/**
 * The chain rule of one gradient element (src/engine/tensor/elementChain.ts): for every
 * primitive, the terms of each step add up to the contribution the step recorded for that
 * element, and the steps add up to the element's gradient; on the issue's CS231n softmax loss,
 * the terms of ∂loss/∂W[1, 2] are PyTorch's X[k, 1] · ∂loss/∂scores[k, 2] and their sum is
 * PyTorch's W.grad[1, 2].
 */
import { strict as assert } from 'node:assert';
import { createFrontEnds } from '../../../src/core/frontEnds';
import { inspectSource } from '../../../src/core/inspectSource';
import { elementChain, unflatten } from '../../../src/engine/tensor/elementChain';
import type { OpName } from '../../../src/engine/opName';
import { sizeOf, type Shape } from '../../../src/engine/tensor/shape';
import type { Tensor } from '../../../src/engine/tensor/tensor';
import { TensorGraphBuilder } from '../../../src/engine/tensor/tensorBuilder';
import { inspectTensorGraph } from '../../../src/engine/tensor/tensorInspect';
import type { TensorOp } from '../../../src/engine/tensor/tensorOp';
import type { TensorInspectionResult } from '../../../src/engine/tensor/tensorResult';
import { ISSUE_SOFTMAX } from '../../support/issueSoftmax';
import { mulberry32, randomTensor, runPython } from '../../support/tensorOpChecks';
import { wasmFromNodeModules } from '../../support/wasmFromNodeModules';

const ew = (op: OpName) => ({ kind: 'elementwise', op }) as const;

interface Case {
  readonly name: string;
  readonly op: TensorOp;
  /** Operand shapes; operands named in `fixed` are constants of these values. */
  readonly shapes: readonly Shape[];
  readonly fixed?: Readonly<Record<number, Tensor>>;
  /** Inputs drawn in (0, 1), for logs and probabilities. */
  readonly positive?: boolean;
}

const targets = Int32Array.of(2, 0, 1);

const CASES: readonly Case[] = [
  {
    name: 'matmul',
    op: { kind: 'matmul' },
    shapes: [
      [3, 4],
      [4, 2],
    ],
  },
  { name: 'matmul of a vector', op: { kind: 'matmul' }, shapes: [[4], [4, 2]] },
  { name: 'add, broadcast', op: ew('add'), shapes: [[3, 4], [4]] },
  {
    name: 'mul, broadcast both ways',
    op: ew('mul'),
    shapes: [
      [3, 1],
      [1, 4],
    ],
  },
  {
    name: 'div',
    op: ew('div'),
    shapes: [
      [2, 3],
      [2, 3],
    ],
    positive: true,
  },
  { name: 'exp', op: ew('exp'), shapes: [[2, 3]] },
  { name: 'log', op: ew('log'), shapes: [[2, 3]], positive: true },
  { name: 'sum over an axis', op: { kind: 'sum', axes: [1], keepdims: true }, shapes: [[3, 4]] },
  { name: 'mean of all', op: { kind: 'mean', axes: null, keepdims: false }, shapes: [[3, 4]] },
  { name: 'max', op: { kind: 'max', axes: [0], keepdims: false }, shapes: [[3, 4]] },
  { name: 'prod', op: { kind: 'prod', axes: [1], keepdims: false }, shapes: [[2, 3]] },
  {
    name: 'logsumexp',
    op: { kind: 'logsumexp', axes: [1], keepdims: false },
    shapes: [[2, 3]],
  },
  { name: 'norm', op: { kind: 'norm', axes: null, keepdims: false }, shapes: [[2, 3]] },
  { name: 'reshape', op: { kind: 'reshape', shape: [6, 2] }, shapes: [[3, 4]] },
  { name: 'transpose', op: { kind: 'transpose', axes: [2, 0, 1] }, shapes: [[2, 3, 4]] },
  { name: 'broadcast_to', op: { kind: 'broadcast_to', shape: [3, 4] }, shapes: [[4]] },
  {
    name: 'concat',
    op: { kind: 'concat', axis: 1 },
    shapes: [
      [2, 3],
      [2, 1],
    ],
  },
  {
    name: 'stack',
    op: { kind: 'stack', axis: 0 },
    shapes: [
      [2, 3],
      [2, 3],
    ],
  },
  {
    name: 'gather with a repeated index',
    op: { kind: 'gather', shape: [4], indices: Int32Array.of(0, 5, 5, 2), text: '[…]' },
    shapes: [[2, 3]],
  },
  { name: 'softmax', op: { kind: 'softmax', axis: 1 }, shapes: [[3, 4]] },
  { name: 'log_softmax', op: { kind: 'log_softmax', axis: 0 }, shapes: [[3, 4]] },
  {
    name: 'cross_entropy',
    op: { kind: 'cross_entropy', targets, reduction: 'mean' },
    shapes: [[3, 4]],
  },
  { name: 'nll_loss', op: { kind: 'nll_loss', targets, reduction: 'sum' }, shapes: [[3, 4]] },
  {
    name: 'mse_loss',
    op: { kind: 'mse_loss', reduction: 'mean' },
    shapes: [
      [2, 3],
      [2, 3],
    ],
  },
  {
    name: 'l1_loss',
    op: { kind: 'l1_loss', reduction: 'none' },
    shapes: [
      [2, 3],
      [2, 3],
    ],
  },
  {
    name: 'binary_cross_entropy',
    op: { kind: 'binary_cross_entropy', reduction: 'mean' },
    shapes: [
      [2, 3],
      [2, 3],
    ],
    positive: true,
  },
  {
    name: 'bce_with_logits',
    op: { kind: 'bce_with_logits', reduction: 'sum' },
    shapes: [
      [2, 3],
      [2, 3],
    ],
  },
  {
    name: 'where',
    op: { kind: 'where' },
    shapes: [[2, 3], [2, 3], [3]],
    fixed: { 0: { shape: [2, 3], data: Float64Array.of(1, 0, 1, 0, 0, 1) } },
  },
];

/** L = Σ op(operands) ⊙ R, R random: every element of the op's output gets its own upstream. */
function inspectCase(c: Case, seed: number): TensorInspectionResult {
  const random = mulberry32(seed);
  const b = new TensorGraphBuilder();
  const values: Record<string, Tensor> = {};
  const operands = c.shapes.map((shape, i) => {
    const fixed = c.fixed?.[i];
    if (fixed !== undefined) {
      return b.constant(fixed, { text: 'mask' });
    }
    const name = `x${i}`;
    values[name] = c.positive
      ? randomTensor(random, shape, 0.1, 0.9)
      : randomTensor(random, shape, -2, 2);
    return b.input(name, shape);
  });
  const y = b.op(c.op, operands, { name: 'y' });
  const shape = b.shapeOf(y);
  const weights = b.constant(randomTensor(random, shape), { text: 'R' });
  const loss = b.op({ kind: 'sum', axes: null, keepdims: false }, [b.op(ew('mul'), [y, weights])]);
  return inspectTensorGraph(b.build(loss), values, {});
}

function relativeGap(a: number, b: number, scale: number): number {
  return Math.abs(a - b) / Math.max(scale, Number.MIN_VALUE);
}

describe('elementChain: the terms add up, per primitive', () => {
  for (const c of CASES) {
    it(`${c.name}: every element's terms give each step's contribution and the gradient`, () => {
      const result = inspectCase(c, 17);
      const inputs = result.nodes.filter((node) => node.kind === 'input');
      assert.ok(inputs.length > 0);
      for (const node of inputs) {
        assert.ok(node.grad !== undefined, `${node.label} has a gradient`);
        for (let flat = 0; flat < sizeOf(node.shape); flat += 1) {
          const chain = elementChain(result, node.id, unflatten(node.shape, flat), Infinity);
          assert.ok(!('problem' in chain), JSON.stringify(chain));
          assert.ok(chain.steps.length > 0);
          let total = 0;
          let scale = 0;
          for (const step of chain.steps) {
            const listed = step.terms.reduce((sum, term) => sum + term.product, 0);
            const magnitude = step.terms.reduce((sum, term) => sum + Math.abs(term.product), 0);
            assert.equal(step.more, 0);
            assert.ok(step.agrees, `${c.name} ${chain.name}: ${step.sum} vs ${step.recorded}`);
            assert.ok(relativeGap(listed, step.recorded, magnitude) <= 1e-12);
            step.terms.forEach((term) =>
              assert.equal(term.product, term.local * term.upstream, chain.name),
            );
            total += step.recorded;
            scale += magnitude;
          }
          assert.ok(
            relativeGap(total, chain.grad ?? NaN, scale) <= 1e-12,
            `${chain.name}: Σ steps ${total} vs gradient ${chain.grad}`,
          );
        }
      }
    });
  }

  it('matmul writes ∂L/∂x1[1, 0] = Σₖ x0[k, 1] · ∂L/∂y[k, 0] with one term per row', () => {
    const result = inspectCase(CASES[0]!, 3);
    const w = result.nodes.find((node) => node.label === 'x1')!;
    const chain = elementChain(result, w.id, [1, 0]);
    assert.ok(!('problem' in chain));
    const step = chain.steps[0]!;
    assert.equal(step.formula, '∂L/∂x1[1, 0] = Σₖ x0[k, 1] · ∂L/∂y[k, 0]');
    assert.deepEqual(
      step.terms.map((term) => [term.at, term.localText]),
      [
        [[0, 0], 'x0[0, 1]'],
        [[1, 0], 'x0[1, 1]'],
        [[2, 0], 'x0[2, 1]'],
      ],
    );
  });

  it('an elementwise op writes its partial over the elements: ∂L/∂x1[2] of x0 ⊙ x1 broadcast', () => {
    const result = inspectCase(CASES[3]!, 3);
    const b = result.nodes.find((node) => node.label === 'x1')!;
    const chain = elementChain(result, b.id, [0, 2]);
    assert.ok(!('problem' in chain));
    const step = chain.steps[0]!;
    assert.equal(
      step.formula,
      '∂L/∂x1[0, 2] = Σ_{j: x1[0, 2] is broadcast to y[j]} ∂y[j]/∂x1[0, 2] · ∂L/∂y[j]',
    );
    assert.deepEqual(
      step.terms.map((term) => term.localText),
      ['x0[0, 0]', 'x0[1, 0]', 'x0[2, 0]'],
    );
    const x0 = result.nodes.find((node) => node.label === 'x0')!;
    step.terms.forEach((term, k) => assert.equal(term.local, x0.value[k]));
  });

  it('matmul: an ∞ elsewhere in a row of X leaves ∂L/∂W[1, 0]’s terms finite, as the VJP’s', () => {
    const b = new TensorGraphBuilder();
    const x = b.input('X', [2, 2]);
    const w = b.input('W', [2, 2]);
    const loss = b.op({ kind: 'sum', axes: null, keepdims: false }, [
      b.op({ kind: 'matmul' }, [x, w]),
    ]);
    const values = {
      X: { shape: [2, 2], data: Float64Array.of(Infinity, 1, 2, 3) },
      W: { shape: [2, 2], data: Float64Array.of(1, 2, 3, 4) },
    };
    const result = inspectTensorGraph(b.build(loss), values, {});
    const chain = elementChain(result, w, [1, 0]);
    assert.ok(!('problem' in chain));
    const step = chain.steps[0]!;
    assert.deepEqual(
      step.terms.map((term) => term.local),
      [1, 3],
    );
    assert.equal(step.sum, 4);
    assert.ok(step.agrees);
  });

  it('lists at most the bound and sums the rest exactly', () => {
    const result = inspectCase(CASES[0]!, 3);
    const w = result.nodes.find((node) => node.label === 'x1')!;
    const chain = elementChain(result, w.id, [1, 0], 2);
    assert.ok(!('problem' in chain));
    const step = chain.steps[0]!;
    assert.equal(step.terms.length, 2);
    assert.equal(step.more, 1);
    assert.ok(step.agrees);
  });

  it('a node used twice by one op and once by another: three steps that add to the gradient', () => {
    const b = new TensorGraphBuilder();
    const x = b.input('x', [2, 2]);
    const square = b.op(ew('mul'), [x, x]);
    const all = { kind: 'sum', axes: null, keepdims: false } as const;
    const loss = b.op(ew('add'), [b.op(all, [square]), b.op(all, [b.op(ew('exp'), [x])])]);
    const x0 = Float64Array.of(0.5, -1, 2, 0.25);
    const result = inspectTensorGraph(b.build(loss), { x: { shape: [2, 2], data: x0 } }, {});
    const chain = elementChain(result, x, [1, 0]);
    assert.ok(!('problem' in chain));
    assert.equal(chain.steps.length, 3);
    const total = chain.steps.reduce((sum, step) => sum + step.recorded, 0);
    // d/dx (x² + eˣ) = 2x + eˣ at x = 2.
    assert.ok(Math.abs(total - (4 + Math.exp(2))) <= 1e-12);
    assert.ok(Math.abs((chain.grad ?? NaN) - (4 + Math.exp(2))) <= 1e-12);
  });

  it('refuses an index that is not an element, naming it', () => {
    const result = inspectCase(CASES[0]!, 3);
    const chain = elementChain(result, 0, [3, 0]);
    assert.deepEqual(chain, { problem: '[3, 0] is not an element of x0' });
  });
});

const TORCH = `
import json, numpy as np, torch
np.random.seed(0)
X = np.random.randn(4, 3)
y = np.array([0, 2, 1, 2])
W = 0.01 * np.random.randn(3, 5)
b = np.zeros(5)
Xt = torch.tensor(X); Wt = torch.tensor(W, requires_grad=True); bt = torch.tensor(b, requires_grad=True)
scores = Xt @ Wt + bt
scores.retain_grad()
p = torch.exp(scores) / torch.sum(torch.exp(scores), dim=1, keepdim=True)
loss = -torch.mean(torch.log(p[torch.arange(4), torch.tensor(y)]))
loss.backward()
print(json.dumps({'X': X.tolist(), 'dscores': scores.grad.tolist(), 'dW': Wt.grad.tolist(), 'db': bt.grad.tolist()}))
`;

describe('elementChain on the CS231n softmax loss, against PyTorch', () => {
  it('∂loss/∂W[1, 2]: terms X[k, 1] · ∂loss/∂scores[k, 2] sum to W.grad[1, 2]; b[2]: terms 1 · ∂loss/∂scores[k, 2]', async function () {
    this.timeout(60_000);
    const outcome = await inspectSource(createFrontEnds(wasmFromNodeModules), {
      source: ISSUE_SOFTMAX,
      language: 'python',
    });
    assert.ok(outcome.ok && outcome.kind === 'tensor');
    const result = outcome.result;
    const torch = runPython<{ X: number[][]; dscores: number[][]; dW: number[][]; db: number[] }>(
      TORCH,
    );
    const w = result.nodes.find((node) => node.name === 'W' && node.kind === 'input')!;
    const chain = elementChain(result, w.id, [1, 2]);
    assert.ok(!('problem' in chain));
    assert.equal(chain.name, 'W[1, 2]');
    assert.equal(chain.steps.length, 1);
    const step = chain.steps[0]!;
    assert.equal(step.formula, '∂L/∂W[1, 2] = Σₖ X[k, 1] · ∂L/∂(X @ W)[k, 2]');
    assert.equal(step.terms.length, 4);
    step.terms.forEach((term, k) => {
      assert.deepEqual(term.at, [k, 2]);
      assert.equal(term.localText, `X[${k}, 1]`);
      assert.equal(term.local, torch.X[k]![1]);
      const expected = torch.X[k]![1]! * torch.dscores[k]![2]!;
      assert.ok(Math.abs(term.product - expected) <= 1e-15, `${term.product} vs ${expected}`);
    });
    const dW = torch.dW[1]![2]!;
    assert.ok(Math.abs((chain.grad ?? NaN) - dW) <= 1e-15 * Math.max(1, Math.abs(dW)));
    assert.ok(Math.abs(step.sum - dW) <= 1e-15);

    // b (5,) broadcast over the 4 rows of X @ W + b: ∂L/∂b[2] = Σₖ 1 · ∂L/∂scores[k, 2].
    const b = result.nodes.find((node) => node.name === 'b' && node.kind === 'input')!;
    const bias = elementChain(result, b.id, [2]);
    assert.ok(!('problem' in bias));
    const add = bias.steps[0]!;
    assert.deepEqual(
      add.terms.map((term) => [term.at, term.localText, term.local]),
      [0, 1, 2, 3].map((k) => [[k, 2], '1', 1]),
    );
    add.terms.forEach((term, k) =>
      assert.ok(Math.abs(term.upstream - torch.dscores[k]![2]!) <= 1e-15),
    );
    assert.ok(Math.abs((bias.grad ?? NaN) - torch.db[2]!) <= 1e-15);
  });
});
