/**
 * PyTorch's `y = (X + b).sum()` with X = [[−2, 0, 1], [NaN, 4, −4]] of shape (2, 3) and
 * b = [[0.5], [−1]] of shape (2, 1), broadcast over X's columns, as the tensor engine's result
 * written out by hand (numbers from PyTorch 1.13): X + b = [[−1.5, 0.5, 1.5], [NaN, 3, −5]],
 * y = NaN, ∂y/∂X = ones (2, 3), ∂y/∂b = [[3], [3]] — the gradient of X + b summed back over
 * the broadcast axis 1 (the `reduce` step). Tests of the drawing need no engine.
 */
import type { TensorInspectionResult } from '../../src/engine/tensor/tensorResult';
import type { PanelTensorInspection } from '../../src/protocol/protocol';
import { tensorPanelResult } from '../../src/protocol/tensorPanel';

const f64 = (...values: number[]) => Float64Array.from(values);

export const BROADCAST_X = [-2, 0, 1, NaN, 4, -4];

export function broadcastResult(): TensorInspectionResult {
  const x = f64(...BROADCAST_X);
  const b = f64(0.5, -1);
  const sum = f64(-1.5, 0.5, 1.5, NaN, 3, -5);
  const ones = f64(1, 1, 1, 1, 1, 1);
  const gradB = f64(3, 3);
  const sumRule = { operand: 0, rule: '∂L/∂a = broadcast(∂L/∂y)', shapes: '(2, 3) ← ()' };
  return {
    kind: 'tensor',
    output: { id: 3, name: 'y', value: NaN },
    value: NaN,
    grads: { X: { shape: [2, 3], data: ones }, b: { shape: [2, 1], data: gradB } },
    inputs: [
      { id: 0, name: 'X', shape: [2, 3], value: x, grad: ones },
      { id: 1, name: 'b', shape: [2, 1], value: b, grad: gradB },
    ],
    unused: [],
    nodes: [
      input(0, 'X', [2, 3], x, ones),
      input(1, 'b', [2, 1], b, gradB),
      {
        id: 2,
        kind: 'op',
        op: { kind: 'elementwise', op: 'add' },
        symbol: '+',
        label: '(X + b)',
        operands: [0, 1],
        shape: [2, 3],
        value: sum,
        grad: ones,
        rules: [
          { operand: 0, rule: '∂L/∂a = ∂L/∂y', shapes: '(2, 3) = (2, 3)' },
          { operand: 1, rule: '∂L/∂b = Σ ∂L/∂y', shapes: '(2, 1) ← (2, 3)' },
        ],
        uses: 1,
      },
      {
        id: 3,
        kind: 'op',
        op: { kind: 'sum', axes: null, keepdims: false },
        symbol: 'Σ',
        label: 'y',
        name: 'y',
        operands: [2],
        shape: [],
        value: f64(NaN),
        grad: f64(1),
        rules: [sumRule],
        uses: 0,
      },
    ],
    steps: [
      { kind: 'seed', index: 0, node: 3, shape: [] },
      vjp(1, 3, 2, 0, sumRule.rule, { shape: [], data: f64(1) }, ones),
      vjp(2, 2, 0, 0, '∂L/∂a = ∂L/∂y', { shape: [2, 3], data: ones }, ones),
      vjp(3, 2, 1, 1, '∂L/∂b = ∂L/∂y', { shape: [2, 3], data: ones }, ones),
      {
        kind: 'reduce',
        index: 4,
        from: 2,
        to: 1,
        operandIndex: 1,
        axes: [1],
        rule: 'Σ over axis 1: (2, 3) → (2, 1)',
        result: { shape: [2, 1], data: gradB },
        accumulated: { shape: [2, 1], data: gradB },
        contribution: 1,
        contributions: 1,
      },
    ],
  };
}

function input(id: number, name: string, shape: number[], value: Float64Array, grad: Float64Array) {
  return {
    id,
    kind: 'input' as const,
    symbol: name,
    label: name,
    name,
    operands: [],
    shape,
    value,
    grad,
    rules: [],
    uses: 1,
  };
}

function vjp(
  index: number,
  from: number,
  to: number,
  operandIndex: number,
  rule: string,
  upstream: { shape: number[]; data: Float64Array },
  product: Float64Array,
) {
  const shape = upstream.shape.length === 0 ? [2, 3] : upstream.shape;
  return {
    kind: 'vjp' as const,
    index,
    from,
    to,
    operandIndex,
    rule,
    shapes: '(2, 3)',
    upstream,
    product: { shape, data: product },
    contribution: 1,
    contributions: 1,
  };
}

export function broadcastPanel(uri = 'file:///work/broadcast.py'): PanelTensorInspection {
  return {
    uri,
    fileName: 'broadcast.py',
    result: tensorPanelResult(broadcastResult()),
    lineOffset: 0,
    outputChosen: false,
    request: {
      selection: { start: { line: 0, column: 0 }, end: { line: 3, column: 22 } },
      values: {},
    },
  };
}
