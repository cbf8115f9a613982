/**
 * Each scalar op's local derivatives written as the course notes write them, in terms of the
 * code's own names: `z` for ∂(q·z)/∂q, `(2 * xpy)` for ∂xpy²/∂xpy, `((1 - sigx) * sigx)` for the
 * sigmoid. `1` marks a derivative of exactly one (the upstream gradient passes through).
 */
import type { GraphNode, OpNode } from '../../engine/ir';
import { atom, numberText } from './codeText';
import type { CodeDialect } from './codeDialect';
import type { ScalarExpressions } from './scalarExpressions';

export interface LocalDerivative {
  readonly operand: number;
  /** Code text, or 1 when the upstream gradient passes through unchanged. */
  readonly factor: string | 1;
}

export type LocalOutcome =
  | { readonly ok: true; readonly locals: readonly LocalDerivative[] }
  | { readonly ok: false; readonly node: GraphNode };

/**
 * `1 / (1 + exp(-u))` as written in the notes: one sigmoid of u whose derivative is `(1 - s) * s`,
 * its inner nodes used nowhere else. Returns u's id.
 */
export function sigmoidArgument(node: OpNode, expressions: ScalarExpressions): number | undefined {
  if (node.op === 'sigmoid') {
    return node.operands[0];
  }
  const [one, denominator] = node.operands.map((id) => expressions.node(id));
  if (node.op !== 'div' || !isConstant(one, 1) || denominator?.kind !== 'op') {
    return undefined;
  }
  if (denominator.op !== 'add' || denominator.name !== undefined) {
    return undefined;
  }
  const [left, right] = denominator.operands.map((id) => expressions.node(id));
  const exp = isConstant(left, 1) ? right : isConstant(right, 1) ? left : undefined;
  if (exp?.kind !== 'op' || exp.op !== 'exp' || exp.name !== undefined) {
    return undefined;
  }
  const neg = expressions.node(exp.operands[0] ?? -1);
  if (neg.kind !== 'op' || neg.op !== 'neg' || neg.name !== undefined) {
    return undefined;
  }
  return neg.operands[0];
}

function isConstant(node: GraphNode | undefined, value: number): boolean {
  return node?.kind === 'constant' && node.value === value;
}

export function localDerivatives(
  node: OpNode,
  expressions: ScalarExpressions,
  dialect: CodeDialect,
): LocalOutcome {
  const sigmoid = sigmoidArgument(node, expressions);
  const texts: string[] = [];
  for (const id of sigmoid === undefined ? node.operands : []) {
    const rendered = expressions.render(id);
    if (!rendered.ok) {
      return rendered;
    }
    texts.push(rendered.text);
  }
  const self = expressions.render(node.id);
  if (!self.ok) {
    return self;
  }
  const out = atom(self.text);
  if (sigmoid !== undefined) {
    return { ok: true, locals: [{ operand: sigmoid, factor: `(1 - ${out}) * ${out}` }] };
  }
  const factors = opFactors(node, texts, out, expressions, dialect);
  if (factors === undefined) {
    return { ok: false, node };
  }
  return {
    ok: true,
    locals: node.operands.map((operand, index) => ({ operand, factor: factors[index] ?? 1 })),
  };
}

function opFactors(
  node: OpNode,
  [a = '', b = '']: readonly string[],
  out: string,
  expressions: ScalarExpressions,
  dialect: CodeDialect,
): readonly (string | 1)[] | undefined {
  switch (node.op) {
    case 'add':
      return [1, 1];
    case 'sub':
      return [1, '-1.0'];
    case 'mul':
      return [b, a];
    case 'div':
      return [`1.0 / ${atom(b)}`, `-${atom(a)} / (${atom(b)} ** 2)`];
    case 'neg':
      return ['-1.0'];
    case 'pow':
      return powFactors(node, a, b, out, expressions, dialect);
    case 'exp':
      return [out];
    case 'log':
      return [`1.0 / ${atom(a)}`];
    case 'sqrt':
      return [`0.5 / ${out}`];
    case 'tanh':
      return [`1 - ${out} ** 2`];
    case 'relu':
      return [dialect.positive(a)];
    case 'sin':
      return optional([dialect.call('cos', a)]);
    case 'cos':
      return optional([dialect.call('sin', a)].map((sin) => sin && `-${sin}`));
    default:
      return undefined;
  }
}

/** `x ** 2`: `2 * x` as the notes write it; a power with a variable exponent needs `log`. */
function powFactors(
  node: OpNode,
  a: string,
  b: string,
  out: string,
  expressions: ScalarExpressions,
  dialect: CodeDialect,
): readonly (string | 1)[] | undefined {
  const exponent = expressions.node(node.operands[1] ?? -1);
  if (exponent.kind === 'constant') {
    const lower = exponent.value - 1;
    return [
      lower === 1
        ? `${atom(b)} * ${atom(a)}`
        : `${atom(b)} * ${atom(a)} ** ${atom(numberText(lower))}`,
    ];
  }
  const log = dialect.call('log', a);
  return log === undefined
    ? undefined
    : [`${atom(b)} * ${atom(a)} ** (${b} - 1)`, `${out} * ${log}`];
}

function optional(factors: readonly (string | undefined)[]): readonly string[] | undefined {
  return factors.every((factor) => factor !== undefined)
    ? (factors as readonly string[])
    : undefined;
}
