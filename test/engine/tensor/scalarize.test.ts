/**
 * "Expand to scalars" (src/engine/tensor/scalarize.ts, scalarExpansion.ts): CS231n-like array
 * code lowered element by element and inspected by the scalar engine agrees with the tensor
 * engine — every input element's gradient, and every VJP step's contribution to an element as
 * the sum of the scalar steps' products into it — and with PyTorch; what cannot be expanded is
 * refused with a reason naming the node and its line.
 */
import { strict as assert } from 'node:assert';
import { createFrontEnds } from '../../../src/core/frontEnds';
import { inspectSource, type TensorOutcome } from '../../../src/core/inspectSource';
import type { InspectionResult } from '../../../src/engine/result';
import { expandToScalars } from '../../../src/engine/tensor/scalarExpansion';
import {
  MAX_EXPANDED_NODES,
  scalarize,
  type ScalarizedGraph,
} from '../../../src/engine/tensor/scalarize';
import { TensorGraphBuilder } from '../../../src/engine/tensor/tensorBuilder';
import { inspectTensorGraph } from '../../../src/engine/tensor/tensorInspect';
import type { TensorInspectionResult } from '../../../src/engine/tensor/tensorResult';
import type { TensorOp } from '../../../src/engine/tensor/tensorOp';
import { mulberry32, randomTensor, runPython } from '../../support/tensorOpChecks';
import { wasmFromNodeModules } from '../../support/wasmFromNodeModules';

const TWO_LAYER = `import numpy as np
X = np.array([[1.0, -2.0, 0.5], [0.3, 0.8, -1.1], [-0.7, 0.2, 0.9]])
W = np.array([[0.2, -0.5, 0.3], [0.1, 0.4, -0.6], [-0.3, 0.7, 0.25]])
b = np.array([0.1, -0.2, 0.05])
y = np.array([1, 0, 2])
h = np.maximum(0, X @ W + b)
p = np.exp(h) / np.sum(np.exp(h), axis=1, keepdims=True)
loss = -np.mean(np.log(p[np.arange(3), y]))
`;

const BROADCAST_ADD = `import numpy as np
a = np.array([[1.5, -2.0, 0.25], [0.5, 3.0, -1.0]])
c = np.array([0.5, -0.75, 2.0])
s = (a + c) * a
loss = np.sum(s)
`;

const REDUCTIONS = `import numpy as np
x = np.array([[0.3, -1.2, 2.5, 0.7], [1.1, 0.4, -0.9, 1.6]])
r = np.sum(x * x, axis=0)
m = np.mean(x, axis=1, keepdims=True)
loss = np.sum(r) + np.mean(m * x)
`;

const TORCH_LOSS = `import torch
import torch.nn.functional as F
X = torch.tensor([[1.0, -2.0, 0.5], [0.3, 0.8, -1.1]], dtype=torch.float64)
W = torch.tensor([[0.2, -0.5, 0.3], [0.1, 0.4, -0.6], [-0.3, 0.7, 0.25]], dtype=torch.float64, requires_grad=True)
b = torch.tensor([0.1, -0.2, 0.05], dtype=torch.float64, requires_grad=True)
y = torch.tensor([2, 0])
scores = F.relu(X @ W + b)
loss = F.cross_entropy(scores, y)
`;

async function inspectTensors(source: string): Promise<TensorOutcome> {
  const outcome = await inspectSource(createFrontEnds(wasmFromNodeModules), {
    source,
    language: 'python',
  });
  assert.ok(outcome.ok && outcome.kind === 'tensor', JSON.stringify(outcome));
  return outcome;
}

async function expanded(
  source: string,
): Promise<{ tensor: TensorInspectionResult; scalar: InspectionResult; s: ScalarizedGraph }> {
  const outcome = await inspectTensors(source);
  const expansion = expandToScalars(outcome.program.graph, outcome.result);
  assert.ok(expansion.ok, expansion.ok ? '' : expansion.reason);
  return { tensor: outcome.result, scalar: expansion.result, s: expansion.scalarized };
}

function relativeGap(a: number, b: number): number {
  return a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
}

/** ∂L/∂(element k of tensor input `name`) as the scalar graph has it (0 when unreached). */
function scalarGrad(scalar: InspectionResult, s: ScalarizedGraph, id: number, k: number): number {
  return scalar.nodes[s.elements[id]?.[k] ?? -1]?.grad ?? 0;
}

/**
 * For each (tensor consumer, operand) pair: the tensor steps' contributions (after broadcasting
 * is undone) against the sum of the scalar steps from the consumer's scalar nodes into each of
 * the operand's elements. Ops that make no scalar node (reshape, indexing) are only relabelings.
 * An element repeated (broadcast_to, a `where` choosing it twice) is one scalar node: the
 * contributions to its copies add up.
 */
function checkStepsAgree(
  tensor: TensorInspectionResult,
  scalar: InspectionResult,
  s: ScalarizedGraph,
): number {
  const expected = new Map<string, Float64Array>();
  tensor.steps.forEach((step, i) => {
    if (step.kind !== 'vjp') {
      return;
    }
    const next = tensor.steps[i + 1];
    const contribution = next?.kind === 'reduce' ? next.result.data : step.product.data;
    const key = `${step.from}:${step.to}`;
    const sum = expected.get(key) ?? new Float64Array(contribution.length);
    contribution.forEach((value, k) => (sum[k] = sum[k]! + value));
    expected.set(key, sum);
  });
  let checked = 0;
  for (const [key, contribution] of expected) {
    const [from, to] = key.split(':').map(Number) as [number, number];
    if (!s.owners.includes(from)) {
      continue;
    }
    // Elements that are one scalar node (a broadcast repeats one) share their contributions.
    const wanted = new Map<number, number>();
    (s.elements[to] ?? []).forEach((target, k) => {
      wanted.set(target, (wanted.get(target) ?? 0) + contribution[k]!);
    });
    for (const [target, want] of wanted) {
      let total = 0;
      for (const step of scalar.steps) {
        if (step.kind === 'edge' && step.to === target && s.owners[step.from] === from) {
          total += step.product;
        }
      }
      assert.ok(
        relativeGap(total, want) <= 1e-12 || Math.abs(total - want) <= 1e-16,
        `step ${tensor.nodes[from]?.label} → ${tensor.nodes[to]?.label} into ${scalar.nodes[target]?.label}: scalar steps add to ${total}, the tensor step gives ${want}`,
      );
      checked += 1;
    }
  }
  return checked;
}

function checkInputGradients(
  tensor: TensorInspectionResult,
  scalar: InspectionResult,
  s: ScalarizedGraph,
  exact: boolean,
): void {
  assert.ok(tensor.inputs.length > 0);
  for (const input of tensor.inputs) {
    input.grad.forEach((want, k) => {
      const got = scalarGrad(scalar, s, input.id, k);
      if (exact) {
        assert.equal(got, want, `${input.name} element ${k}`);
      } else {
        assert.ok(relativeGap(got, want) <= 1e-12, `${input.name} element ${k}: ${got} vs ${want}`);
      }
    });
  }
}

describe('expand to scalars', function () {
  // Python and the tree-sitter grammars start on first use.
  this.timeout(60_000);

  it('a two-layer softmax loss (matmul, bias, relu, softmax, mean of logs): gradients and steps agree', async () => {
    const { tensor, scalar, s } = await expanded(TWO_LAYER);
    assert.equal(scalar.value, tensor.value);
    checkInputGradients(tensor, scalar, s, false);
    assert.ok(checkStepsAgree(tensor, scalar, s) > 40);
  });

  it('broadcasting add: the broadcast element is one node with one step per row, bit for bit', async () => {
    const { tensor, scalar, s } = await expanded(BROADCAST_ADD);
    checkInputGradients(tensor, scalar, s, true);
    assert.ok(checkStepsAgree(tensor, scalar, s) > 0);
    const c1 = s.elements[tensor.inputs.find((input) => input.name === 'c')!.id]![1]!;
    assert.equal(scalar.nodes[c1]!.name, 'c[1]');
    // c[1] is added to a[0,1] and a[1,1]: two contributions, as the tensor's Σ over axis 0.
    assert.equal(scalar.nodes[c1]!.uses, 2);
  });

  it('sum and mean reductions over axes: gradients and steps agree', async () => {
    const { tensor, scalar, s } = await expanded(REDUCTIONS);
    checkInputGradients(tensor, scalar, s, false);
    assert.ok(checkStepsAgree(tensor, scalar, s) > 0);
  });

  it('names the elements as NumPy indexes them and the output as the code does', async () => {
    const { scalar } = await expanded(TWO_LAYER);
    const names = scalar.inputs.map((input) => input.name);
    assert.ok(names.includes('W[1,2]') && names.includes('b[0]') && names.includes('X[2,1]'));
    assert.ok(scalar.nodes.some((node) => node.name === 'h[0,1]'));
    assert.equal(scalar.output.name, 'loss');
  });

  it('agrees with PyTorch on F.cross_entropy(F.relu(X @ W + b), y)', async () => {
    const { tensor, scalar, s } = await expanded(TORCH_LOSS);
    const torch = runPython<{ loss: number; W: number[][]; b: number[] }>(
      `${TORCH_LOSS}loss.backward()
import json
print(json.dumps({'loss': loss.item(), 'W': W.grad.tolist(), 'b': b.grad.tolist()}))
`,
    );
    assert.ok(relativeGap(scalar.value, torch.loss) <= 1e-12);
    const W = tensor.inputs.find((input) => input.name === 'W')!;
    const b = tensor.inputs.find((input) => input.name === 'b')!;
    torch.W.flat().forEach((want, k) => {
      assert.ok(relativeGap(scalarGrad(scalar, s, W.id, k), want) <= 1e-12, `W element ${k}`);
    });
    torch.b.forEach((want, k) => {
      assert.ok(relativeGap(scalarGrad(scalar, s, b.id, k), want) <= 1e-12, `b element ${k}`);
    });
    assert.ok(checkStepsAgree(tensor, scalar, s) > 0);
  });

  /** One primitive on random inputs, summed (or taken) to a loss; the mask or targets fixed. */
  const PRIMITIVES: readonly {
    readonly name: string;
    readonly op: TensorOp;
    readonly shapes: readonly (readonly number[])[];
    /** Operands that are constants (a condition). */
    readonly fixed?: Readonly<Record<number, Float64Array>>;
  }[] = [
    { name: 'transpose', op: { kind: 'transpose', axes: [1, 0] }, shapes: [[2, 3]] },
    { name: 'reshape', op: { kind: 'reshape', shape: [3, 2] }, shapes: [[2, 3]] },
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
      op: { kind: 'stack', axis: 1 },
      shapes: [
        [2, 3],
        [2, 3],
      ],
    },
    { name: 'matmul of vectors', op: { kind: 'matmul' }, shapes: [[3], [3, 2]] },
    { name: 'prod', op: { kind: 'prod', axes: [1], keepdims: false }, shapes: [[2, 3]] },
    { name: 'max', op: { kind: 'max', axes: [0], keepdims: true }, shapes: [[3, 4]] },
    { name: 'logsumexp', op: { kind: 'logsumexp', axes: [1], keepdims: false }, shapes: [[2, 3]] },
    { name: 'norm', op: { kind: 'norm', axes: null, keepdims: false }, shapes: [[2, 3]] },
    { name: 'softmax over axis 0', op: { kind: 'softmax', axis: 0 }, shapes: [[3, 2]] },
    { name: 'log_softmax', op: { kind: 'log_softmax', axis: 1 }, shapes: [[2, 4]] },
    {
      name: 'cross_entropy, sum',
      op: { kind: 'cross_entropy', targets: Int32Array.of(2, 0), reduction: 'sum' },
      shapes: [[2, 3]],
    },
    {
      name: 'nll_loss, mean',
      op: { kind: 'nll_loss', targets: Int32Array.of(1, 0, 2), reduction: 'mean' },
      shapes: [[3, 3]],
    },
    {
      name: 'mse_loss',
      op: { kind: 'mse_loss', reduction: 'mean' },
      shapes: [
        [2, 3],
        [2, 3],
      ],
    },
    { name: 'l1_loss', op: { kind: 'l1_loss', reduction: 'none' }, shapes: [[4], [4]] },
    {
      name: 'bce_with_logits',
      op: { kind: 'bce_with_logits', reduction: 'mean' },
      shapes: [[3], [3]],
      fixed: { 1: Float64Array.of(0, 1, 0.25) },
    },
    {
      name: 'where',
      op: { kind: 'where' },
      shapes: [[2, 3], [2, 3], [3]],
      fixed: { 0: Float64Array.of(1, 0, 0, 1, 1, 0) },
    },
  ];

  for (const primitive of PRIMITIVES) {
    it(`${primitive.name}: every input element's gradient and every step agree`, () => {
      const random = mulberry32(7);
      const b = new TensorGraphBuilder();
      const values: Record<string, { shape: readonly number[]; data: Float64Array }> = {};
      const operands = primitive.shapes.map((shape, i) => {
        const fixed = primitive.fixed?.[i];
        if (fixed !== undefined) {
          return b.constant({ shape, data: fixed });
        }
        values[`a${i}`] = randomTensor(random, shape);
        return b.input(`a${i}`, shape);
      });
      const out = b.op(primitive.op, operands);
      const loss = b.op({ kind: 'sum', axes: null, keepdims: false }, [
        b.op({ kind: 'elementwise', op: 'mul' }, [
          out,
          b.op({ kind: 'elementwise', op: 'exp' }, [out]),
        ]),
      ]);
      const graph = b.build(loss);
      const tensor = inspectTensorGraph(graph, values);
      const expansion = expandToScalars(graph, tensor);
      assert.ok(expansion.ok, expansion.ok ? '' : expansion.reason);
      checkInputGradients(tensor, expansion.result, expansion.scalarized, false);
      assert.ok(checkStepsAgree(tensor, expansion.result, expansion.scalarized) > 0);
    });
  }

  it('refuses a tensor of more than 16 elements, naming it and its line', async () => {
    const outcome = await inspectTensors(`import numpy as np
x = np.array([[1.0, 2.0, 3.0, 4.0, 5.0], [1.0, 2.0, 3.0, 4.0, 5.0], [1.0, 2.0, 3.0, 4.0, 5.0], [1.0, 2.0, 3.0, 4.0, 5.0]])
loss = np.sum(x * x)
`);
    const expansion = expandToScalars(outcome.program.graph, outcome.result);
    assert.ok(!expansion.ok);
    assert.match(
      expansion.reason,
      /x has 20 elements \(4, 5\); only tensors of at most 16 elements/,
    );
    assert.match(expansion.reason, /line 2/);
  });

  it('refuses a max whose elements tie, where NumPy and a scalar max route the gradient apart', () => {
    const b = new TensorGraphBuilder();
    const x = b.input('x', [3]);
    const top = b.op({ kind: 'max', axes: null, keepdims: false }, [x]);
    const graph = b.build(top);
    const result = inspectTensorGraph(graph, { x: { shape: [3], data: Float64Array.of(2, 2, 1) } });
    const expansion = expandToScalars(graph, result);
    assert.ok(!expansion.ok);
    assert.match(expansion.reason, /max over elements that tie \(2\)/);
    const untied = inspectTensorGraph(graph, { x: { shape: [3], data: Float64Array.of(2, 3, 1) } });
    const ok = expandToScalars(graph, untied);
    assert.ok(ok.ok);
    assert.deepEqual(
      ok.result.inputs.map((input) => input.grad),
      [0, 1, 0],
    );
  });

  it('refuses a graph of more than the bound of scalar nodes', () => {
    const b = new TensorGraphBuilder();
    const x = b.input('x', [4, 4]);
    let y = x;
    for (let i = 0; i < 10; i += 1) {
      y = b.op({ kind: 'matmul' }, [y, x]);
    }
    const loss = b.op({ kind: 'sum', axes: null, keepdims: false }, [y]);
    const graph = b.build(loss);
    const value = { shape: [4, 4], data: new Float64Array(16).fill(0.1) };
    const result = inspectTensorGraph(graph, { x: value });
    const lowered = scalarize(
      graph,
      result.nodes.map((node) => ({ value: node.value, label: node.label })),
    );
    assert.ok(!lowered.ok);
    assert.match(lowered.reason, new RegExp(`more than ${MAX_EXPANDED_NODES} scalar nodes`));
  });

  it('refuses binary_cross_entropy, whose logs PyTorch clamps, by name', async () => {
    const outcome = await inspectTensors(`import torch
import torch.nn.functional as F
p = torch.tensor([0.3, 0.8], dtype=torch.float64, requires_grad=True)
t = torch.tensor([0.0, 1.0], dtype=torch.float64)
loss = F.binary_cross_entropy(p, t)
`);
    const expansion = expandToScalars(outcome.program.graph, outcome.result);
    assert.ok(!expansion.ok);
    assert.match(expansion.reason, /binary_cross_entropy clamps its logs/);
  });
});
