import { strict as assert } from 'node:assert';
import type { OpName } from '../../../src/engine/opName';
import type { Tensor } from '../../../src/engine/tensor/tensor';
import { TensorGraphBuilder } from '../../../src/engine/tensor/tensorBuilder';
import { CHECKED_ELEMENTS, tensorGradientCheck } from '../../../src/engine/tensor/tensorGradCheck';
import { inspectTensorGraph } from '../../../src/engine/tensor/tensorInspect';
import { mulberry32, randomTensor } from '../../support/tensorOpChecks';

const ew = (op: OpName) => ({ kind: 'elementwise', op }) as const;

/** loss = Σ tanh(X @ W) + Σ b²: X (6, 5), W (5, 4), b (3,). */
function program() {
  const b = new TensorGraphBuilder();
  const X = b.input('X', [6, 5]);
  const W = b.input('W', [5, 4]);
  const bias = b.input('b', [3]);
  const hidden = b.op(ew('tanh'), [b.op({ kind: 'matmul' }, [X, W])]);
  const squares = b.op(ew('mul'), [bias, bias]);
  const all = { kind: 'sum', axes: null, keepdims: false } as const;
  const loss = b.op(ew('add'), [b.op(all, [hidden]), b.op(all, [squares])]);
  const random = mulberry32(1);
  const values: Record<string, Tensor> = {
    X: randomTensor(random, [6, 5]),
    W: randomTensor(random, [5, 4]),
    b: randomTensor(random, [3]),
  };
  return { graph: b.build(loss), values };
}

describe('tensor gradient check', () => {
  it('checks up to 20 elements per input, all of a small one, and finds the gradients right', () => {
    const { graph, values } = program();
    const result = inspectTensorGraph(graph, values, { check: true });
    const checks = result.check ?? [];
    const count = (input: string) => checks.filter((check) => check.input === input).length;
    assert.equal(count('X'), CHECKED_ELEMENTS);
    assert.equal(count('W'), CHECKED_ELEMENTS);
    assert.equal(count('b'), 3);
    for (const check of checks) {
      assert.equal(
        check.verdict,
        'ok',
        `${check.input}[${check.index.join(', ')}]: ${check.relativeError}`,
      );
      assert.equal(
        check.step,
        Math.cbrt(Number.EPSILON) *
          Math.max(1, Math.abs(valueAt(values, check.input, check.index))),
      );
    }
    const xIndices = checks
      .filter((check) => check.input === 'X')
      .map((check) => check.index.join(','));
    assert.equal(new Set(xIndices).size, CHECKED_ELEMENTS, 'distinct elements');
  });

  it('draws the same sample every time', () => {
    const { graph, values } = program();
    const first = inspectTensorGraph(graph, values, { check: true }).check?.map((check) =>
      check.index.join(','),
    );
    const second = inspectTensorGraph(graph, values, { check: true }).check?.map((check) =>
      check.index.join(','),
    );
    assert.deepEqual(first, second);
  });

  it('calls a wrong analytic gradient wrong', () => {
    const { graph, values } = program();
    const result = inspectTensorGraph(graph, values);
    const wrong = { ...result.grads, b: { shape: [3], data: result.grads.b!.data.map((g) => -g) } };
    const checks = tensorGradientCheck(graph, values, wrong);
    assert.ok(
      checks.filter((check) => check.input === 'b').every((check) => check.verdict === 'wrong'),
    );
    assert.ok(
      checks.filter((check) => check.input === 'W').every((check) => check.verdict === 'ok'),
    );
  });

  it('finds a gradient that is zero up to rounding right (a softmax summed is 1 everywhere)', () => {
    const b = new TensorGraphBuilder();
    const x = b.input('x', [3, 7]);
    const softmax = b.op({ kind: 'softmax', axis: 1 }, [x]);
    const total = b.op({ kind: 'sum', axes: null, keepdims: false }, [softmax]);
    const values = { x: randomTensor(mulberry32(4), [3, 7], -6, 6) };
    const result = inspectTensorGraph(b.build(total), values, { check: true });
    const checks = result.check ?? [];
    assert.equal(checks.length, CHECKED_ELEMENTS);
    assert.ok(
      checks.some((check) => check.analytic !== check.numeric),
      'some element differs by rounding (else the floor is not needed here)',
    );
    for (const check of checks) {
      assert.ok(
        Math.abs(check.analytic) < 1e-14,
        `analytic ${check.analytic} is zero up to rounding`,
      );
      assert.equal(
        check.verdict,
        'ok',
        `x[${check.index.join(', ')}]: ${check.analytic} vs ${check.numeric}`,
      );
      assert.equal(check.relativeError, 0);
    }
  });

  it('still calls a wrong gradient wrong where the true one is zero, and a tiny one where it is not', () => {
    const b = new TensorGraphBuilder();
    const x = b.input('x', [4]);
    const total = b.op({ kind: 'sum', axes: null, keepdims: false }, [
      b.op({ kind: 'softmax', axis: 0 }, [x]),
    ]);
    const graph = b.build(total);
    const values = { x: { shape: [4], data: Float64Array.of(0.5, -1, 2, 0) } };
    const claimed = { x: { shape: [4], data: Float64Array.of(1e-3, -0.25, 1e-8, 0) } };
    const verdicts = tensorGradientCheck(graph, values, claimed).map((check) => check.verdict);
    assert.deepEqual(verdicts, ['wrong', 'wrong', 'wrong', 'ok']);
    const small = program();
    const exact = inspectTensorGraph(small.graph, small.values).grads;
    const tiny = { shape: [3], data: exact.b!.data.map((g) => g * 1e-9) };
    const checks = tensorGradientCheck(small.graph, small.values, { ...exact, b: tiny });
    assert.ok(
      checks.filter((check) => check.input === 'b').every((check) => check.verdict === 'wrong'),
      'a gradient far from a nonzero numeric one is wrong however small it is',
    );
  });

  it('leaves the values it was given as they were', () => {
    const { graph, values } = program();
    const before = Float64Array.from(values.X!.data);
    inspectTensorGraph(graph, values, { check: true });
    assert.deepEqual(values.X!.data, before);
  });
});

function valueAt(values: Record<string, Tensor>, input: string, index: readonly number[]): number {
  const tensor = values[input]!;
  let flat = 0;
  index.forEach((i, axis) => {
    flat = flat * (tensor.shape[axis] ?? 1) + i;
  });
  return tensor.data[flat]!;
}
