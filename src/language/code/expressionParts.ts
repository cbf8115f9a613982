/**
 * What the Python and JavaScript expression readers read alike: the arithmetic and comparison
 * operators both languages spell the same, conditionals, parentheses, and the refusals of a
 * construct, a function that cannot be differentiated and spread arguments. The languages
 * differ only in node types and wording, which the readers pass in.
 */
import type { OpName } from '../../engine/opName';
import type { Comparison, Expr } from './codeAst';
import { CodeError, withArticle } from './codeError';
import { Expansion } from './postOrder';
import type { Syntax } from './snapshot';
import { spanOf } from '../span';
import { excerpt, missing } from './syntax';

/** One step of a post-order reading: an expression, or the children to read first. */
export type Step = Expr | Expansion<Syntax, Expr>;

/** The binary arithmetic operators both languages spell alike. */
export const ARITHMETIC_OPERATORS: Readonly<Record<string, OpName>> = {
  '+': 'add',
  '-': 'sub',
  '*': 'mul',
  '/': 'div',
  '**': 'pow',
};

/** The comparisons both languages spell alike. */
export const COMPARISON_OPERATORS: Readonly<Record<string, Comparison>> = {
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
  '==': '==',
  '!=': '!=',
};

/** `(x)`: the inner expression itself. */
export function parenthesized(node: Syntax, inner: Syntax | undefined): Step {
  return new Expansion([inner ?? missing(node)], ([expr = missing(node)]) => expr);
}

/**
 * `c ? a : b` and `a if c else b`: the parts are read in the order they are written; `testAt`
 * is the condition's place among the first two (the alternative is always last).
 */
export function conditional(node: Syntax, written: readonly Syntax[], testAt: 0 | 1): Step {
  return new Expansion(written, (exprs) => {
    const [first = missing(node), second = missing(node), alternative = missing(node)] = exprs;
    const [test, consequent] = testAt === 0 ? [first, second] : [second, first];
    return { kind: 'conditional', test, consequent, alternative, span: spanOf(node) };
  });
}

/**
 * A construct an expression may not hold: `constructs` names it by node type (`a list`), else
 * its node type says it; `whatMayBe` lists what expressions may use instead.
 */
export function refuseConstruct(
  node: Syntax,
  constructs: Readonly<Record<string, string>>,
  whatMayBe: string,
  type = node.type,
): CodeError {
  const construct = constructs[type] ?? withArticle(type.replace(/_/g, ' '));
  return new CodeError(
    'unsupported',
    `${construct} is not supported in an expression: ${whatMayBe}`,
    spanOf(node),
  );
}

/** A callee that is no function the language's library or the code defines (`callable`). */
export function unknownFunction(written: string, callee: Syntax, callable: string): CodeError {
  return new CodeError(
    'unknown-function',
    `\`${written}\` is not a function that can be differentiated here: ${callable}`,
    spanOf(callee),
  );
}

/** `g(*xs)`, `g(...xs)` of a function defined in the code: `spreading` names it in the language. */
export function refuseSpreadArguments(
  spreading: string,
  spread: Syntax,
  callee: Syntax,
): CodeError {
  return new CodeError(
    'unsupported',
    `${spreading} arguments (\`${excerpt(spread.text)}\`) in the call of \`${callee.text}\` is not supported: pass each argument by itself`,
    spanOf(spread),
  );
}
