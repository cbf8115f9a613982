/**
 * Small readings of Python syntax for the array reader: literals, a function's parameters,
 * module members used as values (dtypes, constants, np.newaxis), and Python's own arithmetic
 * and comparisons on known numbers and tuples.
 */
import type { Comparison } from '../../../engine/tensor/tensorOp';
import { CodeError, unsupported } from '../../code/codeError';
import { excerpt, field, meaningfulChildren, required } from '../../code/syntax';
import type { SyntaxNode } from '../../code/treeSitter';
import { spanOf, type Span } from '../../span';
import { namedDType } from './arrayIntegerType';
import { numberValue, type PyValue } from './arrayValue';

export interface Parameter {
  readonly name: string;
  readonly span: Span;
  readonly default?: SyntaxNode;
}

export function parametersOf(definition: SyntaxNode): Parameter[] {
  const params = field(definition, 'parameters');
  return meaningfulChildren(params ?? definition).flatMap((param): Parameter[] => {
    switch (param.type) {
      case 'identifier':
        return [{ name: param.text, span: spanOf(param) }];
      case 'typed_parameter': {
        const [name] = meaningfulChildren(param);
        return name === undefined ? [] : [{ name: name.text, span: spanOf(name) }];
      }
      case 'default_parameter':
      case 'typed_default_parameter': {
        const name = required(param, 'name');
        return [{ name: name.text, span: spanOf(name), default: required(param, 'value') }];
      }
      case 'keyword_separator':
      case 'positional_separator':
        return [];
      default:
        throw new CodeError(
          'unsupported',
          `\`${excerpt(param.text)}\`: \`*args\` and \`**kwargs\` are not supported`,
          spanOf(param),
        );
    }
  });
}

/** A member of a module used as a value: a dtype, a constant, np.newaxis. */
export function moduleMember(path: string, node: SyntaxNode): PyValue {
  const short = path.replace(/^(numpy|torch|math|jax\.numpy)\./, '');
  if (short === 'newaxis') {
    return { kind: 'none' };
  }
  // `i4`, `u1` … are dtype strings only, not module members.
  const named = /^[iuf]\d$/.test(short) ? undefined : namedDType(short);
  if (named !== undefined) {
    return { kind: 'dtype', ...named, text: node.text };
  }
  const constants: Record<string, number> = { pi: Math.PI, e: Math.E, inf: Infinity, nan: NaN };
  const constant = constants[short];
  if (constant !== undefined && /^(numpy|torch|math|jax\.numpy)\.[a-z]+$/.test(path)) {
    return numberValue(constant, 'float');
  }
  return { kind: 'module', path };
}

export function numberArithmetic(
  operator: string,
  a: number,
  b: number,
  ta: string,
  tb: string,
  span: Span,
): PyValue {
  const integer = ta !== 'float' && tb !== 'float';
  const dtype = integer ? 'int' : 'float';
  switch (operator) {
    case '+':
      return numberValue(a + b, dtype);
    case '-':
      return numberValue(a - b, dtype);
    case '*':
      return numberValue(a * b, dtype);
    case '/':
      if (b === 0) {
        throw new CodeError(
          'unsupported',
          'division by zero (Python raises ZeroDivisionError)',
          span,
        );
      }
      return numberValue(a / b, 'float');
    case '//':
      return numberValue(Math.floor(a / b), dtype);
    case '%':
      return numberValue(a - Math.floor(a / b) * b, dtype);
    case '**':
      return numberValue(a ** b, integer && b >= 0 ? 'int' : 'float');
    default:
      throw unsupported(`the operator \`${operator}\` on numbers`, span);
  }
}

/** A tuple of numbers as plain data, for comparing tuples as Python does. */
export function plain(value: PyValue): unknown {
  if (value.kind === 'tuple') {
    return value.items.map(plain);
  }
  return value.kind === 'number' ? value.value : value.kind;
}

export function compareNumbers(operator: Comparison, a: number, b: number): boolean {
  switch (operator) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    case '==':
      return a === b;
    case '!=':
      return a !== b;
  }
}

export function parseInteger(text: string, span: Span): number {
  const plain = text.replace(/_/g, '');
  const value = /^0[xob]/i.test(plain) ? Number(plain) : Number.parseInt(plain, 10);
  if (!Number.isSafeInteger(value)) {
    throw new CodeError('unsupported', `the integer ${text} is too large to be read exactly`, span);
  }
  return value;
}

export function stringText(node: SyntaxNode): string {
  return meaningfulChildren(node)
    .filter((child) => child.type === 'string_content')
    .map((child) => child.text)
    .join('');
}
