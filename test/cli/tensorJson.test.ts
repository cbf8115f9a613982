import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { nestedArray, tensorResultJson } from '../../src/cli/tensorJson';
import type { TensorInspectionResult } from '../../src/engine/tensor/tensorResult';
import {
  AFFINE_B,
  AFFINE_W,
  AFFINE_X,
  affineEngineInspection,
  affineInspection,
  reluSquareInspection,
} from '../present/tensorResults';

type Json = Record<string, unknown>;

describe('tensor --json', () => {
  it('writes nested arrays of each shape, a number for shape ()', () => {
    assert.deepEqual(nestedArray([2, 3], [1, 2, 3, 4, 5, 6]), [
      [1, 2, 3],
      [4, 5, 6],
    ]);
    assert.deepEqual(nestedArray([2, 1, 2], [1, 2, 3, 4]), [[[1, 2]], [[3, 4]]]);
    assert.deepEqual(nestedArray([], [7]), 7);
    assert.deepEqual(nestedArray([2, 0], []), [[], []]);
  });

  it('gives every node its shape, values and gradients as nested arrays, and the inputs used', () => {
    const { result } = reluSquareInspection();
    const json = JSON.parse(
      tensorResultJson(result, { x: { shape: [3], data: Float64Array.of(1, -2, 3) } }, ['a note']),
    ) as Json;
    assert.equal(json.kind, 'tensor');
    assert.equal(json.value, 10);
    assert.deepEqual(json.grads, { x: [2, 0, 6] });
    assert.deepEqual(json.at, { x: [1, -2, 3] });
    assert.deepEqual(json.notes, ['a note']);
    const nodes = json.nodes as Json[];
    assert.deepEqual(
      nodes.map((node) => [node.shape, node.value, node.grad]),
      [
        [[3], [1, -2, 3], [2, 0, 6]],
        [[3], [1, 0, 3], [2, 0, 6]],
        [[], 2, undefined],
        [[3], [1, 0, 9], [1, 1, 1]],
        [[], 10, 1],
      ],
    );
    const inputs = json.inputs as Json[];
    assert.deepEqual(inputs[0], {
      id: 0,
      name: 'x',
      shape: [3],
      value: [1, -2, 3],
      grad: [2, 0, 6],
    });
  });

  it('writes the steps in matrix form: rule, shapes, upstream and product as nested arrays', () => {
    const { result } = affineInspection();
    const json = JSON.parse(tensorResultJson(result, {})) as Json;
    const steps = json.steps as Json[];
    const matmul = steps[5] ?? {};
    assert.equal(matmul.rule, '∂L/∂W = Xᵀ · ∂L/∂Y');
    assert.equal(matmul.shapes, '(8, 7) = (8, 2) · (2, 7)');
    assert.deepEqual(matmul.upstreamShape, [2, 7]);
    assert.equal((matmul.upstream as number[][]).length, 2);
    assert.deepEqual(matmul.productShape, [8, 7]);
    const gradW = result.inputs[0]?.grad ?? new Float64Array();
    assert.deepEqual((matmul.product as number[][])[1], Array.from(gradW.subarray(7, 14)));
    const reduce = steps[4] ?? {};
    assert.deepEqual(
      [reduce.kind, reduce.axes, reduce.rule, reduce.result],
      ['reduce', [0], 'Σ over axis 0: (2, 7) → (7,)', [2, 2, 2, 2, 2, 2, 2]],
    );
    assert.deepEqual(steps[0], { kind: 'seed', index: 0, node: 5, shape: [] });
    const unused = json.unused as Json[];
    assert.deepEqual(unused, [{ id: 6, name: 'c', shape: [2], value: [5, -1] }]);
  });

  it('writes non-finite numbers as the scalar writer does, inside arrays too', () => {
    const base = reluSquareInspection().result;
    const check = {
      input: 'x',
      index: [2],
      analytic: 6,
      numeric: 6,
      relativeError: 0,
      verdict: 'ok',
      step: 1e-5,
    } as const;
    const result: TensorInspectionResult = {
      ...base,
      value: NaN,
      grads: { x: { shape: [3], data: Float64Array.of(Infinity, -Infinity, NaN) } },
      check: [check],
    };
    const json = JSON.parse(tensorResultJson(result, {})) as Json;
    assert.equal(json.value, 'NaN');
    assert.deepEqual(json.grads, { x: ['Infinity', '-Infinity', 'NaN'] });
    assert.deepEqual(json.check, [check]);
  });

  it('writes typed arrays inside ops (gather indices) as plain lists, a key __proto__ as a key', () => {
    const base = reluSquareInspection().result;
    const grads = Object.create(null) as Record<string, { shape: number[]; data: Float64Array }>;
    Object.defineProperty(grads, '__proto__', {
      value: { shape: [1], data: Float64Array.of(4) },
      enumerable: true,
    });
    const result: TensorInspectionResult = {
      ...base,
      grads,
      nodes: base.nodes.map((node) =>
        node.id === 1
          ? {
              ...node,
              op: { kind: 'gather', shape: [3], indices: Int32Array.of(0, 1, 2), text: '[:]' },
            }
          : node,
      ),
    };
    const json = JSON.parse(tensorResultJson(result, {})) as Json;
    assert.deepEqual(((json.nodes as Json[])[1]?.op as Json).indices, [0, 1, 2]);
    assert.deepEqual(Object.getOwnPropertyDescriptor(json.grads, '__proto__')?.value, [4]);
  });
});

describe('tensor --json of the engine’s result', () => {
  it('gives ∂loss/∂W and ∂loss/∂b of an affine layer as NumPy computes them, in their shapes', function () {
    this.timeout(60_000);
    const { result } = affineEngineInspection();
    const json = JSON.parse(tensorResultJson(result, {})) as Json;
    const script = [
      'import json, sys, numpy as np',
      'X, W, b = (np.array(v, dtype=np.float64) for v in json.loads(sys.stdin.read()))',
      'X = X.reshape(4, 3); W = W.reshape(3, 5)',
      'scores = X @ W + b',
      'dscores = 2 * scores / scores.size',
      'print(json.dumps({"loss": float(np.mean(scores ** 2)), "W": (X.T @ dscores).tolist(), "b": dscores.sum(axis=0).tolist()}))',
    ].join('\n');
    const run = spawnSync('/usr/bin/python3', ['-c', script], {
      input: JSON.stringify([AFFINE_X, AFFINE_W, AFFINE_B]),
      encoding: 'utf8',
    });
    assert.equal(run.status, 0, run.stderr);
    const numpy = JSON.parse(run.stdout) as { loss: number; W: number[][]; b: number[] };
    assert.ok(Math.abs((json.value as number) - numpy.loss) < 1e-12);
    const grads = json.grads as { W: number[][]; b: number[] };
    assert.equal(grads.W.length, 3);
    grads.W.forEach((row, i) => {
      assert.equal(row.length, 5);
      row.forEach((value, j) =>
        assert.ok(Math.abs(value - (numpy.W[i]?.[j] ?? NaN)) < 1e-12, `W[${i}, ${j}]`),
      );
    });
    grads.b.forEach((value, j) =>
      assert.ok(Math.abs(value - (numpy.b[j] ?? NaN)) < 1e-12, `b[${j}]`),
    );
    const matmul = (json.steps as Json[]).find((step) => step.to === 1);
    assert.equal(matmul?.shapes, '(3, 5) = (3, 4) · (4, 5)');
    assert.deepEqual(matmul?.product, grads.W);
  });
});
