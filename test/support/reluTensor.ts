/**
 * PyTorch's `y = (x.relu() ** 2).sum()` at x = [1, −2, 3] as the tensor engine's result, written
 * out by hand: tests of the views and the transport need no engine. ∂y/∂x = 2 relu(x) ⊙ 1[x > 0]
 * = [2, 0, 6]; y = 1 + 0 + 9 = 10.
 */
import type { SourceRange } from '../../src/engine/ir';
import type { TensorInspectionResult } from '../../src/engine/tensor/tensorResult';
import type { Reference, TensorProgram } from '../../src/language/frontEnd';
import type { TensorInspection } from '../../src/present/inspection';
import type { PanelTensorInspection } from '../../src/protocol/protocol';
import { tensorPanelResult } from '../../src/protocol/tensorPanel';

export const RELU_SOURCE =
  'x = torch.tensor([1.0, -2.0, 3.0], requires_grad=True)\ny = (x.relu() ** 2).sum()\n';

function range(line: number, start: number, end: number): SourceRange {
  return { start: { line, column: start }, end: { line, column: end } };
}

const f64 = (...values: number[]) => Float64Array.from(values);

/** A fresh result each call: the transport tests hand its buffers over. */
export function reluResult(): TensorInspectionResult {
  const x = f64(1, -2, 3);
  const gradX = f64(2, 0, 6);
  const relu = f64(1, 0, 3);
  const gradRelu = f64(2, 0, 6);
  const squares = f64(1, 0, 9);
  const ones = f64(1, 1, 1);
  return {
    kind: 'tensor',
    output: { id: 4, name: 'y', value: 10 },
    value: 10,
    grads: { x: { shape: [3], data: gradX } },
    inputs: [{ id: 0, name: 'x', shape: [3], value: x, grad: gradX, range: range(0, 0, 1) }],
    unused: [],
    nodes: [
      {
        id: 0,
        kind: 'input',
        symbol: 'x',
        label: 'x',
        name: 'x',
        operands: [],
        shape: [3],
        value: x,
        grad: gradX,
        rules: [],
        uses: 1,
        range: range(0, 0, 1),
      },
      {
        id: 1,
        kind: 'op',
        op: { kind: 'elementwise', op: 'relu' },
        symbol: 'relu',
        label: 'relu(x)',
        operands: [0],
        shape: [3],
        value: relu,
        grad: gradRelu,
        rules: [{ operand: 0, rule: '∂L/∂x = ∂L/∂y ⊙ 1[x > 0]', shapes: '(3,) = (3,) ⊙ (3,)' }],
        uses: 1,
        range: range(1, 5, 15),
      },
      {
        id: 2,
        kind: 'constant',
        symbol: '2',
        label: '2',
        operands: [],
        shape: [],
        value: f64(2),
        rules: [],
        uses: 1,
        range: range(1, 20, 21),
      },
      {
        id: 3,
        kind: 'op',
        op: { kind: 'elementwise', op: 'pow' },
        symbol: '^',
        label: 'relu(x) ** 2',
        operands: [1, 2],
        shape: [3],
        value: squares,
        grad: ones,
        rules: [{ operand: 0, rule: '∂L/∂a = ∂L/∂y ⊙ 2a', shapes: '(3,) = (3,) ⊙ (3,)' }],
        uses: 1,
        range: range(1, 4, 21),
      },
      {
        id: 4,
        kind: 'op',
        op: { kind: 'sum', axes: null, keepdims: false },
        symbol: 'Σ',
        label: 'y',
        name: 'y',
        operands: [3],
        shape: [],
        value: f64(10),
        grad: f64(1),
        rules: [{ operand: 0, rule: '∂L/∂a = broadcast(∂L/∂y)', shapes: '(3,) ← ()' }],
        uses: 0,
        range: range(1, 4, 27),
      },
    ],
    steps: [
      { kind: 'seed', index: 0, node: 4, shape: [] },
      {
        kind: 'vjp',
        index: 1,
        from: 4,
        to: 3,
        operandIndex: 0,
        rule: '∂L/∂a = broadcast(∂L/∂y)',
        shapes: '(3,) ← ()',
        upstream: { shape: [], data: f64(1) },
        product: { shape: [3], data: ones },
        accumulated: { shape: [3], data: ones },
        contribution: 1,
        contributions: 1,
      },
      {
        kind: 'vjp',
        index: 2,
        from: 3,
        to: 1,
        operandIndex: 0,
        rule: '∂L/∂a = ∂L/∂y ⊙ 2a',
        shapes: '(3,) = (3,) ⊙ (3,)',
        upstream: { shape: [3], data: ones },
        product: { shape: [3], data: gradRelu },
        accumulated: { shape: [3], data: gradRelu },
        contribution: 1,
        contributions: 1,
      },
      {
        kind: 'vjp',
        index: 3,
        from: 1,
        to: 0,
        operandIndex: 0,
        rule: '∂L/∂x = ∂L/∂y ⊙ 1[x > 0]',
        shapes: '(3,) = (3,) ⊙ (3,)',
        upstream: { shape: [3], data: gradRelu },
        product: { shape: [3], data: gradX },
        accumulated: { shape: [3], data: gradX },
        contribution: 1,
        contributions: 1,
      },
    ],
  };
}

const REFERENCES: readonly Reference[] = [
  { name: 'x', range: range(0, 0, 1), node: 0, role: 'write' },
  { name: 'x', range: range(1, 5, 6), node: 0, role: 'read' },
  { name: 'y', range: range(1, 0, 1), node: 4, role: 'write' },
];

export function reluInspection(uri = 'file:///work/relu.py'): TensorInspection {
  const result = reluResult();
  const x = { shape: [3], data: result.inputs[0]!.value };
  const program: TensorProgram = {
    kind: 'tensor',
    language: 'python',
    graph: {
      nodes: [
        { id: 0, kind: 'input', name: 'x', shape: [3], range: range(0, 0, 1) },
        { id: 1, kind: 'op', op: { kind: 'elementwise', op: 'relu' }, operands: [0], shape: [3] },
        { id: 2, kind: 'constant', value: { shape: [], data: f64(2) }, text: '2', shape: [] },
        { id: 3, kind: 'op', op: { kind: 'elementwise', op: 'pow' }, operands: [1, 2], shape: [3] },
        {
          id: 4,
          kind: 'op',
          op: { kind: 'sum', axes: null, keepdims: false },
          operands: [3],
          shape: [],
          name: 'y',
        },
      ],
      output: 4,
    },
    outputName: 'y',
    bindings: { x: { value: x, source: 'assignment', range: range(0, 4, 54) } },
    unbound: [],
    references: REFERENCES,
    range: { start: { line: 0, column: 0 }, end: { line: 1, column: 27 } },
  };
  return {
    kind: 'tensor',
    uri,
    result,
    program,
    values: { x },
    lineOffset: 0,
    request: { selection: program.range, values: {} },
  };
}

/** The relu example as the panel receives it. */
export function reluPanel(uri = 'file:///work/relu.py'): PanelTensorInspection {
  return {
    uri,
    fileName: 'relu.py',
    result: tensorPanelResult(reluResult()),
    lineOffset: 0,
    outputChosen: false,
    request: {
      selection: { start: { line: 0, column: 0 }, end: { line: 1, column: 27 } },
      values: {},
    },
  };
}
