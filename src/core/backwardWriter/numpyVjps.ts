/**
 * Each tensor op's vector-Jacobian product written as NumPy code in the notes' matrix form:
 * `dW = X.T @ dscores`, `db = np.sum(dscores, axis=0, keepdims=True)` (broadcasting summed back
 * with keepdims), `exp_scores * dexp_scores`, a ReLU's mask `dhidden[hidden_layer <= 0] = 0`,
 * an indexed read's gradient scattered into zeros. Undefined for an op with no written form.
 */
import type { Shape } from '../../engine/tensor/shape';
import type { TensorOpNode } from '../../engine/tensor/tensorIr';
import { atom, numberText } from './codeText';
import type { NumpyExpressions } from './numpyExpressions';

/** How a contribution reaches the operand `to`, given the upstream gradient's code. */
export type TensorEdge =
  | { readonly kind: 'full'; readonly to: number; readonly text: (upstream: string) => string }
  /** `d[index] (+)= value`, `d` starting as zeros: an indexed read with distinct indices. */
  | {
      readonly kind: 'scatter';
      readonly to: number;
      readonly index: string;
      readonly text: (upstream: string) => string;
    }
  /** A ReLU `max(0, x)`: the gradient is kept where `positive` holds, zeroed where `zeroed` does. */
  | {
      readonly kind: 'mask';
      readonly to: number;
      readonly zeroed: string;
      readonly positive: string;
    };

export type VjpOutcome =
  | { readonly ok: true; readonly edges: readonly TensorEdge[] }
  | { readonly ok: false; readonly reason: string };

export function numpyVjps(
  node: TensorOpNode,
  expressions: NumpyExpressions,
  needed: (id: number) => boolean,
): VjpOutcome {
  const sigmoid = sigmoidArgument(node, expressions);
  if (sigmoid !== undefined) {
    return sigmoidEdges(node, sigmoid, expressions, needed);
  }
  const texts: string[] = [];
  for (const operand of node.operands) {
    const rendered = expressions.render(operand);
    if (!rendered.ok) {
      return {
        ok: false,
        reason: `a value it reads (${rendered.node.name ?? 'an expression'}) cannot be written as code`,
      };
    }
    texts.push(rendered.text);
  }
  const self = expressions.render(node.id);
  if (!self.ok) {
    return { ok: false, reason: 'its value cannot be written as code' };
  }
  const edges = vjpEdges(node, texts, atom(self.text), expressions);
  if (edges === undefined) {
    return { ok: false, reason: 'the writer knows no plain NumPy form of its gradient' };
  }
  return { ok: true, edges: edges.filter((edge) => needed(edge.to)) };
}

/** `1 / (1 + np.exp(-u))` as the notes write it: a sigmoid s of u, whose gradient is `s * (1 - s)`. */
function sigmoidEdges(
  node: TensorOpNode,
  argument: number,
  expressions: NumpyExpressions,
  needed: (id: number) => boolean,
): VjpOutcome {
  const self = expressions.render(node.id);
  if (!self.ok) {
    return { ok: false, reason: 'its value cannot be written as code' };
  }
  const s = atom(self.text);
  const text = (up: string) =>
    sumBack(
      `${s} * (1 - ${s}) * ${atom(up)}`,
      node.shape,
      expressions.node(argument).shape,
      expressions,
    );
  return { ok: true, edges: needed(argument) ? [{ kind: 'full', to: argument, text }] : [] };
}

/** u of `1 / (1 + np.exp(-u))`, its inner steps unnamed (only the sigmoid's value is read). */
function sigmoidArgument(node: TensorOpNode, expressions: NumpyExpressions): number | undefined {
  const inner = (id: number | undefined, op: string) => {
    const found = id === undefined ? undefined : expressions.find(id);
    return found?.kind === 'op' &&
      found.name === undefined &&
      found.op.kind === 'elementwise' &&
      found.op.op === op
      ? found
      : undefined;
  };
  const isOne = (id: number | undefined) => {
    const found = id === undefined ? undefined : expressions.find(id);
    return (
      found?.kind === 'constant' && found.value.shape.length === 0 && found.value.data[0] === 1
    );
  };
  if (node.op.kind !== 'elementwise' || node.op.op !== 'div' || !isOne(node.operands[0])) {
    return undefined;
  }
  const sum = inner(node.operands[1], 'add');
  const [left, right] = sum?.operands ?? [];
  const exp = isOne(left) ? inner(right, 'exp') : isOne(right) ? inner(left, 'exp') : undefined;
  const negated = inner(exp?.operands[0], 'neg');
  const argument = negated?.operands[0];
  return argument !== undefined && expressions.node(argument).shape.length === node.shape.length
    ? argument
    : undefined;
}

function vjpEdges(
  node: TensorOpNode,
  texts: readonly string[],
  out: string,
  expressions: NumpyExpressions,
): readonly TensorEdge[] | undefined {
  const op = node.op;
  const [a = -1] = node.operands;
  const [A = '', B = ''] = texts;
  switch (op.kind) {
    case 'elementwise':
      return elementwiseEdges(node, op.op, texts, out, expressions);
    case 'matmul':
      return matmulEdges(node, A, B, expressions);
    case 'sum':
    case 'mean':
      return [
        {
          kind: 'full',
          to: a,
          text: (up) => spread(node, op.kind, op.axes, op.keepdims, A, up, expressions),
        },
      ];
    case 'transpose':
      return op.axes.length === 2
        ? [{ kind: 'full', to: a, text: (up) => `${atom(up)}.T` }]
        : undefined;
    case 'reshape':
      return [{ kind: 'full', to: a, text: (up) => `${atom(up)}.reshape(${atom(A)}.shape)` }];
    case 'gather':
      return op.text.startsWith('[') && distinct(op.indices)
        ? [{ kind: 'scatter', to: a, index: op.text, text: (up) => up }]
        : undefined;
    default:
      return undefined;
  }
}

function elementwiseEdges(
  node: TensorOpNode,
  op: string,
  [A = '', B = '']: readonly string[],
  out: string,
  expressions: NumpyExpressions,
): readonly TensorEdge[] | undefined {
  const [a = -1, b = -1] = node.operands;
  const back = (to: number, text: (up: string) => string): TensorEdge => ({
    kind: 'full',
    to,
    text: (up) => sumBack(text(up), node.shape, expressions.node(to).shape, expressions),
  });
  switch (op) {
    case 'add':
      return [back(a, (up) => up), back(b, (up) => up)];
    case 'sub':
      return [back(a, (up) => up), back(b, (up) => `-${atom(up)}`)];
    case 'mul':
      return a === b
        ? [back(a, (up) => `2 * ${atom(A)} * ${atom(up)}`)]
        : [
            back(a, (up) => `${atom(B)} * ${atom(up)}`),
            back(b, (up) => `${atom(A)} * ${atom(up)}`),
          ];
    case 'div':
      return [
        back(a, (up) => `${atom(up)} / ${atom(B)}`),
        back(b, (up) => `-${atom(up)} * ${atom(A)} / ${atom(B)} ** 2`),
      ];
    case 'neg':
      return [back(a, (up) => `-${atom(up)}`)];
    case 'exp':
      return [back(a, (up) => `${out} * ${atom(up)}`)];
    case 'log':
      return [back(a, (up) => `${atom(up)} / ${atom(A)}`)];
    case 'sqrt':
      return [back(a, (up) => `${atom(up)} / (2 * ${out})`)];
    case 'tanh':
      return [back(a, (up) => `(1 - ${out} ** 2) * ${atom(up)}`)];
    case 'sigmoid':
      return [back(a, (up) => `${out} * (1 - ${out}) * ${atom(up)}`)];
    case 'pow':
      return powEdges(node, A, expressions, back);
    case 'relu':
      return [{ kind: 'mask', to: a, zeroed: `${out} <= 0`, positive: `(${A} > 0)` }];
    case 'max':
      return reluEdges(node, [A, B], out, expressions);
    default:
      return undefined;
  }
}

/** `x ** c` with a constant c: `c * x ** (c - 1)` (`2 * x` for a square). */
function powEdges(
  node: TensorOpNode,
  A: string,
  expressions: NumpyExpressions,
  back: (to: number, text: (up: string) => string) => TensorEdge,
): readonly TensorEdge[] | undefined {
  const [a = -1, b = -1] = node.operands;
  const exponent = expressions.node(b);
  const [c] =
    exponent.kind === 'constant' && exponent.value.shape.length === 0 ? exponent.value.data : [];
  if (c === undefined) {
    return undefined;
  }
  const power =
    c === 2 ? `2 * ${atom(A)}` : `${numberText(c)} * ${atom(A)} ** ${atom(numberText(c - 1))}`;
  return [back(a, (up) => `${power} * ${atom(up)}`)];
}

/** `np.maximum(0, x)`: the notes' ReLU; a maximum of two arrays has no mask form here. */
function reluEdges(
  node: TensorOpNode,
  [A = '', B = '']: readonly string[],
  out: string,
  expressions: NumpyExpressions,
): readonly TensorEdge[] | undefined {
  const [a = -1, b = -1] = node.operands;
  const zero = (id: number) => {
    const operand = expressions.node(id);
    return (
      operand.kind === 'constant' &&
      operand.value.data.every((value) => value === 0) &&
      operand.value.shape.length === 0
    );
  };
  const [x, text] = zero(a) ? [b, B] : zero(b) ? [a, A] : [undefined, ''];
  if (x === undefined || !sameShape(expressions.node(x).shape, node.shape)) {
    return undefined;
  }
  return [{ kind: 'mask', to: x, zeroed: `${out} <= 0`, positive: `(${text} > 0)` }];
}

/** A reduction's gradient spread back over the reduced axes (`/ n` for a mean). */
function spread(
  node: TensorOpNode,
  kind: 'sum' | 'mean',
  axes: readonly number[] | null,
  keepdims: boolean,
  A: string,
  up: string,
  expressions: NumpyExpressions,
): string {
  const input = expressions.node(node.operands[0] ?? -1).shape;
  const reduced = axes ?? input.map((_, axis) => axis);
  const ones = `${expressions.np}.ones_like(${A})`;
  const kept =
    keepdims || axes === null
      ? atom(up)
      : `${expressions.np}.expand_dims(${up}, axis=${axisText(reduced)})`;
  const count = reduced.reduce((product, axis) => product * (input[axis] ?? 1), 1);
  return kind === 'mean' ? `${ones} * ${kept} / ${count}` : `${ones} * ${kept}`;
}

/** The gradient of a broadcast operand summed back to its shape (leading axes, then size-1 axes). */
export function sumBack(
  text: string,
  from: Shape,
  to: Shape,
  expressions: NumpyExpressions,
): string {
  if (sameShape(from, to)) {
    return text;
  }
  if (to.length === 0) {
    return `${expressions.np}.sum(${text})`;
  }
  const lead = from.length - to.length;
  const leading = Array.from({ length: lead }, (_, axis) => axis);
  const summed =
    leading.length === 0 ? text : `${expressions.np}.sum(${text}, axis=${axisText(leading)})`;
  const ones = to.flatMap((size, axis) => (size === 1 && from[axis + lead] !== 1 ? [axis] : []));
  return ones.length === 0 ? summed : expressions.sum(summed, ones, true);
}

function axisText(axes: readonly number[]): string {
  return axes.length === 1 ? `${axes[0]}` : `(${axes.join(', ')})`;
}

function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((size, axis) => size === b[axis]);
}

/** `A @ B` for matrices and vectors (a vector on the left is a row, on the right a column). */
function matmulEdges(
  node: TensorOpNode,
  A: string,
  B: string,
  expressions: NumpyExpressions,
): readonly TensorEdge[] | undefined {
  const [a = -1, b = -1] = node.operands;
  const ranks = `${expressions.node(a).shape.length}${expressions.node(b).shape.length}`;
  const np = expressions.np;
  const edges = (left: (up: string) => string, right: (up: string) => string): TensorEdge[] => [
    { kind: 'full', to: a, text: left },
    { kind: 'full', to: b, text: right },
  ];
  switch (ranks) {
    case '22':
      return edges(
        (up) => `${atom(up)} @ ${atom(B)}.T`,
        (up) => `${atom(A)}.T @ ${atom(up)}`,
      );
    case '21':
      return edges(
        (up) => `${np}.outer(${up}, ${B})`,
        (up) => `${atom(A)}.T @ ${atom(up)}`,
      );
    case '12':
      return edges(
        (up) => `${atom(B)} @ ${atom(up)}`,
        (up) => `${np}.outer(${A}, ${up})`,
      );
    case '11':
      return edges(
        (up) => `${atom(up)} * ${atom(B)}`,
        (up) => `${atom(up)} * ${atom(A)}`,
      );
    default:
      return undefined;
  }
}

/** `x[i] = v` with repeated indices keeps one value; only distinct ones scatter this way. */
function distinct(indices: Int32Array): boolean {
  return new Set(indices).size === indices.length;
}
