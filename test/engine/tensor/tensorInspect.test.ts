import { strict as assert } from 'node:assert';
import { GraphBuilder } from '../../../src/engine/graphBuilder';
import { inspectGraph } from '../../../src/engine/inspect';
import { InvariantViolation } from '../../../src/engine/invariants';
import type { OpName } from '../../../src/engine/opName';
import type { Tensor } from '../../../src/engine/tensor/tensor';
import { TensorGraphBuilder } from '../../../src/engine/tensor/tensorBuilder';
import { inspectTensorGraph } from '../../../src/engine/tensor/tensorInspect';
import {
  assertInvariantsOfTensors,
  tensorInspectionViolations,
} from '../../../src/engine/tensor/tensorInvariants';
import type { TensorInspectionResult, TensorStep } from '../../../src/engine/tensor/tensorResult';

const t = (shape: readonly number[], ...data: number[]): Tensor => ({
  shape,
  data: Float64Array.from(data),
});
const ew = (op: OpName) => ({ kind: 'elementwise', op }) as const;
const sumAll = { kind: 'sum', axes: null, keepdims: false } as const;

/** loss = Σ (X @ W + b): ∂/∂W = Xᵀ·1, ∂/∂b = column sums of 1 = N, ∂/∂X = 1·Wᵀ. */
function affine() {
  const b = new TensorGraphBuilder();
  const X = b.input('X', [4, 3]);
  const W = b.input('W', [3, 5]);
  const bias = b.input('b', [5]);
  const scores = b.op(ew('add'), [b.op({ kind: 'matmul' }, [X, W]), bias], { name: 'scores' });
  const loss = b.op(sumAll, [scores], { name: 'loss' });
  const graph = b.build(loss);
  const values = {
    X: t([4, 3], ...Array.from({ length: 12 }, (_, i) => i - 5)),
    W: t([3, 5], ...Array.from({ length: 15 }, (_, i) => (i % 4) - 1.5)),
    b: t([5], 1, 2, 3, 4, 5),
  };
  return { graph, values };
}

const kinds = (steps: readonly TensorStep[]) => steps.map((step) => step.kind);

describe('inspectTensorGraph', () => {
  it('computes an affine layer’s value and gradients', () => {
    const { graph, values } = affine();
    const result = inspectTensorGraph(graph, values);
    let expected = 0;
    for (let i = 0; i < 4; i += 1)
      for (let j = 0; j < 5; j += 1) {
        let s = values.b.data[j]!;
        for (let k = 0; k < 3; k += 1) s += values.X.data[i * 3 + k]! * values.W.data[k * 5 + j]!;
        expected += s;
      }
    assert.equal(result.value, expected);
    assert.equal(result.output.name, 'loss');
    assert.deepEqual([...(result.grads.b?.data ?? [])], [4, 4, 4, 4, 4]);
    const columnSums = [0, 1, 2].map((k) =>
      [0, 1, 2, 3].reduce((s, i) => s + values.X.data[i * 3 + k]!, 0),
    );
    assert.deepEqual(
      [...(result.grads.W?.data ?? [])],
      columnSums.flatMap((s) => [s, s, s, s, s]),
    );
    const rowSums = [0, 1, 2].map((k) =>
      [0, 1, 2, 3, 4].reduce((s, j) => s + values.W.data[k * 5 + j]!, 0),
    );
    assert.deepEqual(
      [...(result.grads.X?.data ?? [])],
      [0, 1, 2, 3].flatMap(() => rowSums),
    );
  });

  it('records the seed, each VJP with its rule and shapes, and broadcasting undone as a reduce step', () => {
    const { graph, values } = affine();
    const result = inspectTensorGraph(graph, values);
    assert.deepEqual(kinds(result.steps), ['seed', 'vjp', 'vjp', 'reduce', 'vjp', 'vjp', 'vjp']);
    const [seed, toScores, toBias, reduce, toProduct, toW, toX] = result.steps;
    assert.deepEqual(seed, { kind: 'seed', index: 0, node: 5, shape: [] });
    assert.equal(toScores?.kind === 'vjp' && toScores.rule, '∂L/∂scores = broadcast(∂L/∂loss)');
    assert.ok(toBias?.kind === 'vjp');
    assert.equal(toBias.rule, '∂L/∂b = ∂L/∂scores');
    assert.deepEqual([...toBias.product.shape], [4, 5], 'the VJP answers in the broadcast shape');
    assert.equal(toBias.accumulated, undefined, 'the sum is shown on the reduce step');
    assert.ok(reduce?.kind === 'reduce');
    assert.equal(reduce.rule, 'Σ over axis 0: (4, 5) → (5,)');
    assert.deepEqual(reduce.axes, [0]);
    assert.deepEqual([...reduce.result.data], [4, 4, 4, 4, 4]);
    assert.equal(reduce.accumulated.data, result.grads.b?.data);
    assert.ok(toProduct?.kind === 'vjp' && toW?.kind === 'vjp' && toX?.kind === 'vjp');
    assert.equal(toW.rule, '∂L/∂W = Xᵀ · ∂L/∂(X @ W)');
    assert.equal(toW.shapes, '(3, 5) = (3, 4) · (4, 5)');
    assert.equal(toX.rule, '∂L/∂X = ∂L/∂(X @ W) · Wᵀ');
    assert.equal(toX.shapes, '(4, 3) = (4, 5) · (5, 3)');
    assert.equal(
      toX.upstream.data,
      result.nodes[3]?.grad,
      'the upstream is the consumer’s gradient',
    );
  });

  it('sums a gradient over several uses, one contribution per step, and shares single ones', () => {
    const b = new TensorGraphBuilder();
    const x = b.input('x', [3]);
    const square = b.op(ew('mul'), [x, x]);
    const sin = b.op(ew('sin'), [x]);
    const loss = b.op(sumAll, [b.op(ew('add'), [square, sin])]);
    const values = { x: t([3], 0.5, -1, 2) };
    const result = inspectTensorGraph(b.build(loss), values);
    const toX = result.steps.filter(
      (step): step is Extract<TensorStep, { kind: 'vjp' }> => step.kind === 'vjp' && step.to === x,
    );
    assert.deepEqual(
      toX.map((step) => [step.contribution, step.contributions]),
      [
        [1, 3],
        [2, 3],
        [3, 3],
      ],
    );
    const grad = result.grads.x?.data ?? new Float64Array();
    [0.5, -1, 2].forEach((v, k) => assert.ok(Math.abs(grad[k]! - (2 * v + Math.cos(v))) < 1e-15));
    assert.equal(toX[2]?.accumulated?.data, grad);
    const single = result.steps.find((step) => step.kind === 'vjp' && step.to === sin);
    assert.ok(single?.kind === 'vjp');
    assert.equal(
      result.nodes[sin]?.grad,
      single.product.data,
      'one contribution: the array is shared',
    );
    assert.equal(result.nodes[x]?.uses, 3);
  });

  it('gives the same gradients without steps, and records none', () => {
    const { graph, values } = affine();
    const withSteps = inspectTensorGraph(graph, values);
    const without = inspectTensorGraph(graph, values, { steps: false });
    assert.deepEqual(without.steps, []);
    for (const view of withSteps.nodes) {
      assert.deepEqual(without.nodes[view.id]?.grad, view.grad, `gradient of node ${view.id}`);
    }
  });

  it('adds in place only into sums it made itself when steps are off', () => {
    const b = new TensorGraphBuilder();
    const x = b.input('x', [2]);
    const y = b.op(ew('add'), [x, x]);
    const z = b.op(ew('add'), [y, x]);
    const loss = b.op(sumAll, [b.op(ew('add'), [z, y])]);
    const result = inspectTensorGraph(b.build(loss), { x: t([2], 1, 2) }, { steps: false });
    assert.deepEqual([...(result.grads.x?.data ?? [])], [5, 5]);
    assert.deepEqual([...(result.nodes[y]?.grad ?? [])], [2, 2]);
    assert.deepEqual([...(result.nodes[z]?.grad ?? [])], [1, 1]);
  });

  it('refuses an output of more than one element', () => {
    const b = new TensorGraphBuilder();
    const x = b.input('x', [3]);
    const graph = b.build(b.op(ew('exp'), [x]));
    assert.throws(() => inspectTensorGraph(graph, { x: t([3], 1, 2, 3) }), RangeError);
  });

  it('gives constants and masks no gradient, and lists an input used only in a mask as unused', () => {
    const b = new TensorGraphBuilder();
    const x = b.input('x', [3]);
    const threshold = b.input('threshold', []);
    const mask = b.op({ kind: 'compare', operator: '>' }, [x, threshold]);
    const scale = b.constant(t([], 3), { text: '3' });
    const gated = b.op(ew('mul'), [x, mask]);
    const masked = b.op(ew('mul'), [gated, scale]);
    const unusedInput = b.input('unused', [2]);
    const graph = b.build(b.op(sumAll, [masked]));
    const result = inspectTensorGraph(graph, {
      x: t([3], -1, 0.5, 2),
      threshold: t([], 0),
      unused: t([2], 1, 1),
    });
    assert.deepEqual([...(result.grads.x?.data ?? [])], [0, 3, 3]);
    assert.equal(result.nodes[mask]?.grad, undefined);
    assert.equal(result.nodes[scale]?.grad, undefined);
    assert.deepEqual(
      result.unused.map((entry) => entry.name),
      ['threshold', 'unused'],
    );
    assert.equal(result.unused[1]?.id, unusedInput);
    assert.ok(
      result.steps.every(
        (step) => step.kind === 'seed' || (step.to !== mask && step.to !== threshold),
      ),
    );
    assert.deepEqual(
      result.nodes[gated]?.rules.map((rule) => rule.operand),
      [0],
      'x · mask has a rule for x only',
    );
  });

  it('differentiates another one-element node when asked', () => {
    const b = new TensorGraphBuilder();
    const x = b.input('x', [2]);
    const s = b.op(sumAll, [b.op(ew('mul'), [x, x])], { name: 's' });
    const graph = b.build(b.op(ew('exp'), [s]));
    const result = inspectTensorGraph(graph, { x: t([2], 1, 2) }, { output: s });
    assert.equal(result.output.id, s);
    assert.equal(result.output.name, 's');
    assert.deepEqual([...(result.grads.x?.data ?? [])], [2, 4]);
    assert.equal(result.nodes[graph.output]?.grad, undefined);
  });

  it('names the first non-finite element with its node and index', () => {
    const b = new TensorGraphBuilder();
    const x = b.input('x', [2, 2]);
    const logs = b.op(ew('log'), [x], { name: 'logs' });
    const graph = b.build(b.op(sumAll, [logs]));
    const result = inspectTensorGraph(graph, { x: t([2, 2], 1, 2, -1, 3) });
    assert.deepEqual(result.firstNonFinite, {
      node: logs,
      message: 'logs[1, 0] is NaN: log of (x)',
    });
  });

  it('labels nodes by name or by a short expression', () => {
    const b = new TensorGraphBuilder();
    const X = b.input('X', [2, 3]);
    const W = b.input('W', [3, 3]);
    const product = b.op({ kind: 'matmul' }, [X, W]);
    const p = b.op(ew('exp'), [product]);
    const rows = b.op({ kind: 'sum', axes: [1], keepdims: false }, [p]);
    let long = rows;
    for (let i = 0; i < 6; i += 1) long = b.op(ew('tanh'), [long]);
    const graph = b.build(b.op(sumAll, [long]));
    const result = inspectTensorGraph(graph, {
      X: t([2, 3], 1, 2, 3, 4, 5, 6),
      W: t([3, 3], 0, 0, 0, 0, 0, 0, 0, 0, 0),
    });
    assert.equal(result.nodes[product]?.label, '(X @ W)');
    assert.equal(result.nodes[product]?.symbol, '@');
    assert.equal(result.nodes[rows]?.label, 'Σ(exp((X @ W)), axis=1)');
    assert.ok(result.nodes[long]?.label.endsWith('…'));
    assert.ok((result.nodes[long]?.label.length ?? 0) <= 40);
  });

  it('writes an expression operand and a computed constant in parentheses in rules: ∂L/∂(a − (1 - q))', () => {
    const b = new TensorGraphBuilder();
    const a = b.input('a', [2]);
    const y = b.constant(t([2], 0.5, 1), { text: '1 - q' });
    const difference = b.op(ew('sub'), [a, y]);
    const square = b.op(ew('pow'), [difference, b.constant(t([], 2))]);
    const graph = b.build(b.op(sumAll, [square]));
    const result = inspectTensorGraph(graph, { a: t([2], 3, -1) });
    const rules = result.steps.flatMap((step) => (step.kind === 'vjp' ? [step.rule] : []));
    assert.ok(
      rules.includes('∂L/∂(a − (1 - q)) = ∂L/∂((a − (1 - q))^2) ⊙ 2·(a − (1 - q))^(2 − 1)'),
      rules.join('\n'),
    );
  });

  it('copies the graph’s groups', () => {
    const b = new TensorGraphBuilder();
    b.openGroup('call', 'f');
    const x = b.input('x', [2]);
    const s = b.op(sumAll, [x]);
    b.closeGroup();
    const graph = b.build(s);
    const result = inspectTensorGraph(graph, { x: t([2], 1, 2) });
    assert.deepEqual(result.groups, graph.groups);
    assert.notEqual(result.groups, graph.groups);
    assert.equal(result.nodes[s]?.group, 0);
  });

  it('gives a scalar program the scalar engine’s values and gradients bit for bit', () => {
    const scalar = new GraphBuilder();
    const sx = scalar.input('x');
    const sy = scalar.input('y');
    const sz = scalar.input('z');
    scalar.op('mul', [scalar.op('add', [sx, sy]), scalar.op('exp', [sz])]);
    const expected = inspectGraph(scalar.build(), { x: -2, y: 5, z: -4 });

    const b = new TensorGraphBuilder();
    const x = b.input('x', []);
    const y = b.input('y', []);
    const z = b.input('z', []);
    const f = b.op(ew('mul'), [b.op(ew('add'), [x, y]), b.op(ew('exp'), [z])]);
    const result = inspectTensorGraph(b.build(f), { x: t([], -2), y: t([], 5), z: t([], -4) });
    assert.equal(result.value, expected.value);
    for (const name of ['x', 'y', 'z']) {
      assert.equal(result.grads[name]?.data[0], expected.grads[name], `∂f/∂${name}`);
    }
    assert.equal(expected.value, 3 * Math.exp(-4), 'the scalar engine is as it was');
  });

  describe('invariants', () => {
    it('hold for an ordinary result', () => {
      const { graph, values } = affine();
      assert.deepEqual(tensorInspectionViolations(graph, inspectTensorGraph(graph, values)), []);
    });

    it('catch a gradient that is not the sum of its steps', () => {
      const { graph, values } = affine();
      const result = inspectTensorGraph(graph, values);
      const tampered: TensorInspectionResult = {
        ...result,
        nodes: result.nodes.map((view) =>
          view.id === 1 && view.grad !== undefined
            ? { ...view, grad: view.grad.map((v) => v + 1) }
            : view,
        ),
      };
      assert.throws(() => assertInvariantsOfTensors(graph, tampered), InvariantViolation);
    });

    it('catch a constant with a gradient and an input in the wrong list', () => {
      const b = new TensorGraphBuilder();
      const x = b.input('x', [2]);
      const c = b.constant(t([2], 1, 1));
      const graph = b.build(b.op(sumAll, [b.op(ew('mul'), [x, c])]));
      const result = inspectTensorGraph(graph, { x: t([2], 3, 4) }, { steps: false });
      const withGrad = {
        ...result,
        nodes: result.nodes.map((view) =>
          view.id === c ? { ...view, grad: new Float64Array(2) } : view,
        ),
      };
      assert.ok(
        tensorInspectionViolations(graph, withGrad).some((line) => line.includes('constant')),
      );
      const moved = { ...result, inputs: [], unused: [{ ...result.inputs[0]!, grad: undefined }] };
      assert.ok(tensorInspectionViolations(graph, moved).length > 0);
    });

    it('catch a step whose shapes do not agree', () => {
      const { graph, values } = affine();
      const result = inspectTensorGraph(graph, values);
      const steps = result.steps.map((step) =>
        step.kind === 'reduce'
          ? { ...step, result: { shape: [4, 5], data: step.result.data } }
          : step,
      );
      assert.ok(tensorInspectionViolations(graph, { ...result, steps }).length > 0);
    });
  });
});
