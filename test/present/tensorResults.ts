/**
 * Tensor inspections built by hand, with the numbers worked out here, for the views' tests: the
 * views only read the result, so they need not wait for the engine.
 */
import type { SourceRange } from '../../src/engine/ir';
import { TensorGraphBuilder } from '../../src/engine/tensor/tensorBuilder';
import { inspectTensorGraph } from '../../src/engine/tensor/tensorInspect';
import type { Tensor } from '../../src/engine/tensor/tensor';
import type {
  TensorInspectionResult,
  TensorNodeView,
  TensorStep,
} from '../../src/engine/tensor/tensorResult';
import type { Reference, TensorProgram } from '../../src/language/frontEnd';
import type { TensorDocumentInspection } from '../../src/present/tensorInspection';

export function range(line: number, start: number, end: number): SourceRange {
  return { start: { line, column: start }, end: { line, column: end } };
}

function tensor(shape: readonly number[], data: readonly number[]): Tensor {
  return { shape, data: Float64Array.from(data) };
}

function node(
  fields: Partial<TensorNodeView> &
    Pick<TensorNodeView, 'id' | 'kind' | 'label' | 'shape' | 'value'>,
): TensorNodeView {
  return { symbol: fields.label, operands: [], rules: [], uses: 1, ...fields };
}

function program(
  result: TensorInspectionResult,
  references: readonly Reference[],
  notes?: readonly string[],
): TensorProgram {
  return {
    kind: 'tensor',
    language: 'python',
    graph: { nodes: [], output: result.output.id },
    outputName: result.output.name,
    bindings: {},
    unbound: [],
    references,
    range: range(0, 0, 40),
    ...(notes === undefined ? {} : { notes }),
  };
}

/**
 * `x = torch.tensor([1.0, -2.0, 3.0], requires_grad=True)` / `y = (x.relu() ** 2).sum()`:
 * y = 10, ∂y/∂x = [2, 0, 6].
 */
export function reluSquareInspection(): TensorDocumentInspection {
  const x = [1, -2, 3];
  const relu = [1, 0, 3];
  const grad = [2, 0, 6];
  const nodes: TensorNodeView[] = [
    node({
      id: 0,
      kind: 'input',
      label: 'x',
      name: 'x',
      shape: [3],
      value: Float64Array.from(x),
      grad: Float64Array.from(grad),
    }),
    node({
      id: 1,
      kind: 'op',
      symbol: 'relu',
      label: 'x.relu()',
      operands: [0],
      shape: [3],
      value: Float64Array.from(relu),
      grad: Float64Array.from(grad),
      rules: [{ operand: 0, rule: '∂L/∂x = ∂L/∂y ⊙ 1[x > 0]', shapes: '(3,) = (3,) ⊙ (3,)' }],
    }),
    node({ id: 2, kind: 'constant', label: '2', shape: [], value: Float64Array.of(2) }),
    node({
      id: 3,
      kind: 'op',
      symbol: '**',
      label: '(x.relu() ** 2)',
      operands: [1, 2],
      shape: [3],
      value: Float64Array.from([1, 0, 9]),
      grad: Float64Array.from([1, 1, 1]),
    }),
    node({
      id: 4,
      kind: 'op',
      symbol: 'Σ',
      label: 'y',
      name: 'y',
      operands: [3],
      shape: [],
      value: Float64Array.of(10),
      grad: Float64Array.of(1),
    }),
  ];
  const steps: TensorStep[] = [
    { kind: 'seed', index: 0, node: 4, shape: [] },
    vjp(1, 4, 3, '∂L/∂a = broadcast(∂L/∂y)', '(3,) = ()', tensor([], [1]), tensor([3], [1, 1, 1])),
    vjp(
      2,
      3,
      1,
      '∂L/∂a = ∂L/∂y ⊙ 2a',
      '(3,) = (3,) ⊙ (3,)',
      tensor([3], [1, 1, 1]),
      tensor([3], [2, 0, 6]),
    ),
    vjp(
      3,
      1,
      0,
      '∂L/∂x = ∂L/∂y ⊙ 1[x > 0]',
      '(3,) = (3,) ⊙ (3,)',
      tensor([3], [2, 0, 6]),
      tensor([3], grad),
    ),
  ];
  const result: TensorInspectionResult = {
    kind: 'tensor',
    output: { id: 4, name: 'y', value: 10 },
    value: 10,
    grads: { x: tensor([3], grad) },
    inputs: [
      { id: 0, name: 'x', shape: [3], value: Float64Array.from(x), grad: Float64Array.from(grad) },
    ],
    unused: [],
    nodes,
    steps,
  };
  return {
    result,
    program: program(result, [
      { name: 'x', range: range(0, 0, 1), node: 0, role: 'write' },
      { name: 'x', range: range(1, 5, 6), node: 0, role: 'read' },
      { name: 'y', range: range(1, 0, 1), node: 4, role: 'write' },
    ]),
  };
}

function vjp(
  index: number,
  from: number,
  to: number,
  rule: string,
  shapes: string,
  upstream: Tensor,
  product: Tensor,
): VjpStep {
  return {
    kind: 'vjp',
    index,
    from,
    to,
    operandIndex: 0,
    rule,
    shapes,
    upstream,
    product,
    accumulated: product,
    contribution: 1,
    contributions: 1,
  };
}

type VjpStep = Extract<TensorStep, { kind: 'vjp' }>;

/** Row-major values 0.1·(i + 1)·(−1)^i, enough to tell elements apart. */
function values(count: number): number[] {
  return Array.from({ length: count }, (_, i) => (i % 2 === 0 ? 1 : -1) * 0.1 * (i + 1));
}

/**
 * `loss = (X @ W + b).sum()` with X (2, 8) given, W (8, 7) drawn at random (sample values) and
 * b (7,): ∂loss/∂W[i, j] = Σ_n X[n, i], ∂loss/∂b = [2, …, 2]; `c` is an input not used.
 */
export function affineInspection(notes?: readonly string[]): TensorDocumentInspection {
  const X = values(16);
  const W = values(56);
  const b = values(7);
  const columnSums = Array.from({ length: 8 }, (_, i) => (X[i] ?? 0) + (X[8 + i] ?? 0));
  const gradW = columnSums.flatMap((sum) => Array.from({ length: 7 }, () => sum));
  const gradB = Array.from({ length: 7 }, () => 2);
  const XW = Array.from({ length: 14 }, (_, k) => {
    const [n, j] = [Math.floor(k / 7), k % 7];
    return Array.from({ length: 8 }, (_, i) => (X[n * 8 + i] ?? 0) * (W[i * 7 + j] ?? 0)).reduce(
      (a, c) => a + c,
      0,
    );
  });
  const Z = XW.map((v, k) => v + (b[k % 7] ?? 0));
  const loss = Z.reduce((a, c) => a + c, 0);
  const ones = Array.from({ length: 14 }, () => 1);
  const nodes: TensorNodeView[] = [
    node({
      id: 0,
      kind: 'constant',
      label: 'X',
      name: 'X',
      shape: [2, 8],
      value: Float64Array.from(X),
    }),
    node({
      id: 1,
      kind: 'input',
      label: 'W',
      name: 'W',
      shape: [8, 7],
      value: Float64Array.from(W),
      grad: Float64Array.from(gradW),
      sample: true,
    }),
    node({
      id: 2,
      kind: 'op',
      symbol: '@',
      label: '(X @ W)',
      operands: [0, 1],
      shape: [2, 7],
      value: Float64Array.from(XW),
      grad: Float64Array.from(ones),
    }),
    node({
      id: 3,
      kind: 'input',
      label: 'b',
      name: 'b',
      shape: [7],
      value: Float64Array.from(b),
      grad: Float64Array.from(gradB),
    }),
    node({
      id: 4,
      kind: 'op',
      symbol: '+',
      label: '(X @ W + b)',
      operands: [2, 3],
      shape: [2, 7],
      value: Float64Array.from(Z),
      grad: Float64Array.from(ones),
    }),
    node({
      id: 5,
      kind: 'op',
      symbol: 'Σ',
      label: 'loss',
      name: 'loss',
      operands: [4],
      shape: [],
      value: Float64Array.of(loss),
      grad: Float64Array.of(1),
    }),
    node({
      id: 6,
      kind: 'input',
      label: 'c',
      name: 'c',
      shape: [2],
      value: Float64Array.of(5, -1),
    }),
  ];
  const steps: TensorStep[] = [
    { kind: 'seed', index: 0, node: 5, shape: [] },
    vjp(1, 5, 4, '∂L/∂a = broadcast(∂L/∂y)', '(2, 7) = ()', tensor([], [1]), tensor([2, 7], ones)),
    vjp(2, 4, 2, '∂L/∂a = ∂L/∂y', '(2, 7) = (2, 7)', tensor([2, 7], ones), tensor([2, 7], ones)),
    {
      ...vjp(
        3,
        4,
        3,
        '∂L/∂b = ∂L/∂y',
        '(2, 7) = (2, 7)',
        tensor([2, 7], ones),
        tensor([2, 7], ones),
      ),
      operandIndex: 1,
    },
    {
      kind: 'reduce',
      index: 4,
      from: 4,
      to: 3,
      operandIndex: 1,
      axes: [0],
      rule: 'Σ over axis 0: (2, 7) → (7,)',
      result: tensor([7], gradB),
      accumulated: tensor([7], gradB),
      contribution: 1,
      contributions: 1,
    },
    {
      ...vjp(
        5,
        2,
        1,
        '∂L/∂W = Xᵀ · ∂L/∂Y',
        '(8, 7) = (8, 2) · (2, 7)',
        tensor([2, 7], ones),
        tensor([8, 7], gradW),
      ),
      operandIndex: 1,
    },
  ];
  const result: TensorInspectionResult = {
    kind: 'tensor',
    output: { id: 5, name: 'loss', value: loss },
    value: loss,
    grads: { W: tensor([8, 7], gradW), b: tensor([7], gradB) },
    inputs: [
      {
        id: 1,
        name: 'W',
        shape: [8, 7],
        value: Float64Array.from(W),
        grad: Float64Array.from(gradW),
        sample: true,
      },
      { id: 3, name: 'b', shape: [7], value: Float64Array.from(b), grad: Float64Array.from(gradB) },
    ],
    unused: [{ id: 6, name: 'c', shape: [2], value: Float64Array.of(5, -1) }],
    nodes,
    steps,
  };
  return {
    result,
    program: program(
      result,
      [
        { name: 'W', range: range(2, 0, 1), node: 1, role: 'write' },
        { name: 'c', range: range(3, 0, 1), node: 6, role: 'write' },
        { name: 'X', range: range(4, 8, 9), node: 0, role: 'read' },
        { name: 'W', range: range(4, 12, 13), node: 1, role: 'read' },
        { name: 'b', range: range(4, 16, 17), node: 3, role: 'read' },
        { name: 'c', range: range(4, 30, 31), node: 6, role: 'read' },
      ],
      notes,
    ),
  };
}

/** X (4, 3) of `affineEngineInspection`: sin(1), …, sin(12), row-major. */
export const AFFINE_X = Array.from({ length: 12 }, (_, i) => Math.sin(i + 1));
/** W (3, 5): cos(0), …, cos(14). */
export const AFFINE_W = Array.from({ length: 15 }, (_, i) => Math.cos(i));
export const AFFINE_B = [0.1, 0.2, 0.3, 0.4, 0.5];

/**
 * The tensor engine's own result for `scores = X @ W + b` / `loss = np.mean(scores ** 2)`, with
 * X a constant (4, 3) and the inputs W (3, 5), b (5,); lines as if written in that order.
 */
export function affineEngineInspection(check = false): TensorDocumentInspection {
  const builder = new TensorGraphBuilder();
  const X = builder.constant({ shape: [4, 3], data: Float64Array.from(AFFINE_X) }, { name: 'X' });
  const W = builder.input('W', [3, 5]);
  const b = builder.input('b', [5]);
  const XW = builder.op({ kind: 'matmul' }, [X, W]);
  const scores = builder.op({ kind: 'elementwise', op: 'add' }, [XW, b], { name: 'scores' });
  const two = builder.constant({ shape: [], data: Float64Array.of(2) });
  const square = builder.op({ kind: 'elementwise', op: 'pow' }, [scores, two]);
  const loss = builder.op({ kind: 'mean', axes: null, keepdims: false }, [square], {
    name: 'loss',
  });
  const values = {
    W: { shape: [3, 5], data: Float64Array.from(AFFINE_W) },
    b: { shape: [5], data: Float64Array.from(AFFINE_B) },
  };
  const result = inspectTensorGraph(builder.build(loss), values, { check });
  return {
    result,
    program: program(result, [
      { name: 'scores', range: range(3, 0, 6), node: scores, role: 'write' },
      { name: 'X', range: range(3, 9, 10), node: X, role: 'read' },
      { name: 'W', range: range(3, 13, 14), node: W, role: 'read' },
      { name: 'b', range: range(3, 17, 18), node: b, role: 'read' },
      { name: 'loss', range: range(4, 0, 4), node: loss, role: 'write' },
      { name: 'scores', range: range(4, 15, 21), node: scores, role: 'read' },
    ]),
  };
}
