/**
 * What the Python and JavaScript readers read alike: names and assignment targets, augmented
 * assignments, `return`, and functions defined among statements. The languages differ only in
 * node types and wording, which the readers pass in.
 */
import type { OpName } from '../../engine/opName';
import {
  lazyDefinition,
  opExpr,
  type Expr,
  type FunctionDefinition,
  type FunctionParts,
  type NameAt,
  type Param,
  type Statement,
} from './codeAst';
import { CodeError, unsupported, withArticle } from './codeError';
import type { FunctionHeader } from './codeLanguage';
import type { Syntax } from './snapshot';
import { spanOf, type Span } from '../span';
import { meaningfulChildren } from './syntax';
import type { SyntaxNode } from './treeSitter';

/** The augmented assignments both languages compute with one op (`x += v` is `x = x + v`). */
export const AUGMENTED_ARITHMETIC: Readonly<Record<string, OpName>> = {
  '+=': 'add',
  '-=': 'sub',
  '*=': 'mul',
  '/=': 'div',
  '**=': 'pow',
};

export function nameAt(node: Syntax | SyntaxNode): NameAt {
  return { name: node.text, span: spanOf(node) };
}

/**
 * Reads an assignment target, which must be a plain name. `refused` names the other targets a
 * language has by node type (a property, an element …); `otherwise` names the rest.
 */
export function targetReader(
  refused: ReadonlyMap<string, string>,
  otherwise: string,
): (node: Syntax) => NameAt {
  return (node) => {
    if (node.type === 'identifier') {
      return nameAt(node);
    }
    throw unsupported(
      refused.get(node.type) ?? otherwise,
      spanOf(node),
      'assign one plain name per statement',
    );
  };
}

export function chainedAssignment(span: Span): CodeError {
  return unsupported('a chained assignment (`a = b = …`)', span, 'assign one name per statement');
}

/**
 * The op of an augmented assignment's `operator`, from the arithmetic ones unless a language
 * reads more (`ops`); `use` lists the operators read, for the message.
 */
export function augmentedOp(
  operator: string,
  span: Span,
  use: string,
  ops: Readonly<Record<string, OpName>> = AUGMENTED_ARITHMETIC,
): OpName {
  const op = ops[operator];
  if (op === undefined) {
    throw unsupported(`the assignment operator \`${operator}\``, span, use);
  }
  return op;
}

/** The read of x that `x += v` makes before assigning: implicit, as it has no text of its own. */
export function readBeforeAssigning(target: NameAt): Expr {
  return { kind: 'name', name: target.name, span: target.span, implicit: true };
}

/** `x op= v` (and `x++`) as `x = x op v`, reading x first. */
export function augmentedAssignment(
  target: NameAt,
  op: OpName,
  right: Expr,
  span: Span,
): Statement {
  return {
    kind: 'assign',
    target,
    value: opExpr(op, [readBeforeAssigning(target), right], span),
    span,
  };
}

/** `return v`, with `v` converted by the language's expression reader. */
export function returnStatement(node: Syntax, convert: (value: Syntax) => Expr): Statement {
  const value = meaningfulChildren(node)[0];
  if (value === undefined) {
    throw new CodeError(
      'no-output',
      '`return` without a value gives nothing to differentiate',
      spanOf(node),
    );
  }
  return { kind: 'return', value: convert(value), span: spanOf(node) };
}

/** A function defined among statements: its name is bound to it, its body read when called. */
export function functionStatement(
  header: Omit<FunctionDefinition, 'read'>,
  read: () => FunctionParts,
): Statement {
  return { kind: 'function', definition: lazyDefinition(header, read), span: header.span };
}

/** Calling an async function gives no number; `why` says so in the language's terms. */
export function refuseAsync(fn: Syntax, name: NameAt, why: string): void {
  if (fn.children.some((child) => child.type === 'async')) {
    throw unsupported(`calling the async function \`${name.name}\``, name.span, why);
  }
}

/** A statement a language does not read: `names` names it by node type, else its type says it. */
export function refuseStatement(node: Syntax, names: Readonly<Record<string, string>>): CodeError {
  return unsupported(names[node.type] ?? withArticle(node.type.replace(/_/g, ' ')), spanOf(node));
}

/** A function's header: its parameters, and its name when it has one (`name` of a lambda …). */
export function functionHeader(
  fn: SyntaxNode,
  params: readonly Param[],
  name: SyntaxNode | undefined,
): FunctionHeader {
  const span = spanOf(fn);
  return name === undefined ? { params, span } : { name: nameAt(name), params, span };
}
