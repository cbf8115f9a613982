/**
 * Python expressions to the neutral form: numbers, names, arithmetic (+ − * / // % **),
 * comparisons, `and`/`or`/`not`, `a if c else b`, calls of math/NumPy/PyTorch functions and
 * the builtins, and calls of plain names (functions defined in the code, found while
 * lowering). Everything else is refused with a message naming the construct.
 */
import type { OpName } from '../../engine/opName';
import { opSpec } from '../../engine/ops';
import { numberExpr, type CallExpr, type Expr } from '../code/codeAst';
import { CodeError } from '../code/codeError';
import {
  ARITHMETIC_OPERATORS,
  COMPARISON_OPERATORS,
  conditional as conditionalStep,
  parenthesized as parenthesizedStep,
  refuseConstruct,
  refuseSpreadArguments,
  unknownFunction,
  type Step,
} from '../code/expressionParts';
import {
  applyFunction,
  libraryConstant,
  type Argument,
  type ConstantLibrary,
  type KeywordArgument,
  type LibraryFunction,
} from '../code/libraryFunctions';
import { Expansion, postOrder } from '../code/postOrder';
import { arithmetic, integerConstant } from './pythonArithmetic';
import { autogradAttribute, autogradCall, autogradStatement } from './pythonAutograd';
import { libraryCheck, type Written } from './pythonDomain';
import {
  PYTHON_BUILTINS,
  PYTHON_CONSTANTS,
  PYTHON_FUNCTIONS,
  PYTHON_MODULES,
} from './pythonLibrary';
import { dottedPath, type PythonModules } from './pythonModules';
import { comprehension, LIST_FUNCTIONS, listCall, listItems, subscript } from './pythonLists';
import { readLiteral } from './pythonNumbers';
import { nameAt } from '../code/readerParts';
import { spanOf, type Span } from '../span';
import { excerpt, meaningfulChildren, missing, onlyChild, required } from '../code/syntax';
import type { Syntax } from '../code/snapshot';
import type { Statement } from '../code/codeAst';

/** A library function and its qualified name (`math.sqrt`, `builtins.round`). */
interface Resolved {
  readonly fn: LibraryFunction;
  readonly qualified: string;
  /** A bare name the file neither defines nor imports, read as this function (with a note). */
  readonly assumed?: boolean;
}

/** Where a bare name that nothing defines is looked up, in this order. */
const ASSUMED_MODULES = ['math', 'torch', 'torch.nn.functional', 'numpy', 'scipy.special'];

const BINARY: Readonly<Record<string, OpName>> = {
  ...ARITHMETIC_OPERATORS,
  '//': 'floordiv',
  '%': 'mod',
};

/** How refused constructs are named in messages. */
const CONSTRUCTS: Readonly<Record<string, string>> = {
  string: 'a string',
  concatenated_string: 'a string',
  list: 'a list',
  tuple: 'a tuple',
  expression_list: 'a tuple',
  dictionary: 'a dict',
  set: 'a set',
  list_comprehension: 'a list comprehension',
  dictionary_comprehension: 'a dict comprehension',
  set_comprehension: 'a set comprehension',
  generator_expression: 'a generator expression',
  subscript: 'indexing (`x[i]`)',
  slice: 'a slice',
  lambda: 'a lambda inside an expression',
  await: '`await`',
  named_expression: 'an assignment expression (`:=`)',
  none: '`None`',
  ellipsis: '`...`',
  list_splat: 'unpacking (`*x`)',
  dictionary_splat: 'unpacking (`**x`)',
  yield: '`yield`',
};

const WHAT_EXPRESSIONS_MAY_BE =
  'expressions may use numbers, names, + − * / // % **, comparisons, `a if c else b`, and math, numpy and torch functions';

/** What a Python selection can call, for messages. */
export const PYTHON_CALLABLE =
  'the builtins abs, max, min, pow, round, the scalar functions of math, numpy, torch and torch.nn.functional, and the functions defined earlier in the code (`def`, `lambda`) are';

const PYTHON: ConstantLibrary = {
  constants: PYTHON_CONSTANTS,
  functions: PYTHON_FUNCTIONS,
  notA: 'a constant that can be read here',
  listed: (name) => name,
};

export class PythonExpressions {
  /** Whether the file may define a function of each name asked about (see `mayBeDefined`). */
  private readonly defined = new Map<string, boolean>();
  /** Notes for the result: names read as library functions that the file does not define. */
  readonly notes = new Set<string>();

  constructor(
    private readonly modules: PythonModules,
    private readonly source: string,
  ) {}

  convert(node: Syntax): Expr {
    return postOrder<Syntax, Expr>(node, (current) => this.visit(current));
  }

  /** `g.backward()`, `a.grad`, `print(a.grad)` (micrograd, PyTorch); undefined: not one. */
  autogradStatement(inner: Syntax, statement: Syntax): Statement[] | undefined {
    return autogradStatement(this.modules, inner, statement, (node) => this.convert(node));
  }

  private visit(node: Syntax): Step {
    switch (node.type) {
      case 'integer':
      case 'float':
        return pythonNumber(node);
      case 'true':
      case 'false':
        // Python's True and False are the ints 1 and 0.
        return integerConstant(node.type === 'true' ? 1n : 0n, node.text, spanOf(node));
      case 'identifier':
        return this.identifier(node);
      case 'parenthesized_expression':
        return parenthesized(node);
      case 'unary_operator':
        return unary(node);
      case 'binary_operator':
        return binary(node);
      case 'comparison_operator':
        return comparison(node);
      case 'boolean_operator':
        return logical(node);
      case 'not_operator':
        return new Expansion([required(node, 'argument')], ([operand = missing(node)]) => ({
          kind: 'not',
          operand,
          span: spanOf(node),
        }));
      case 'conditional_expression':
        return conditional(node);
      case 'attribute':
        return this.attribute(node);
      case 'call':
        return this.call(node);
      case 'list':
      case 'tuple':
      case 'expression_list':
        return listItems(node);
      case 'list_comprehension':
      case 'generator_expression':
        return comprehension(node);
      case 'subscript':
        return subscript(node);
      default:
        throw refuse(node);
    }
  }

  /** A name, or a constant imported by name (`from math import pi`). */
  private identifier(node: Syntax): Expr {
    const imported = this.modules.qualify([node.text]);
    const known = imported === undefined ? undefined : PYTHON_CONSTANTS.get(imported);
    return known === undefined
      ? { kind: 'name', name: node.text, span: spanOf(node) }
      : numberExpr(known.value, known.text, spanOf(node));
  }

  /** `math.pi`, `np.e`: a module constant; `a.data` (micrograd, PyTorch); any other is refused. */
  private attribute(node: Syntax): Step {
    return (
      autogradAttribute(this.modules, node) ??
      libraryConstant(PYTHON, this.qualifiedName(node), node.text, spanOf(node))
    );
  }

  /** The qualified name of a module path such as `F.relu`; refuses attributes of anything else. */
  private qualifiedName(node: Syntax): string {
    const parts = dottedPath(node);
    const qualified = parts === undefined ? undefined : this.modules.qualify(parts);
    const module = qualified?.slice(0, qualified.lastIndexOf('.'));
    if (qualified === undefined || module === undefined || !PYTHON_MODULES.has(module)) {
      throw new CodeError(
        'unsupported',
        `attribute access (\`${excerpt(node.text)}\`) is not supported: only functions and constants of math, numpy, torch, torch.nn.functional and scipy.special are read`,
        spanOf(node),
      );
    }
    return qualified;
  }

  private call(node: Syntax): Step {
    const callee = required(node, 'function');
    const listFunction = this.listFunction(callee);
    const listed = listFunction === undefined ? undefined : listCall(node, listFunction);
    if (listed !== undefined) {
      return listed;
    }
    const argumentList = required(node, 'arguments');
    if (argumentList.type !== 'argument_list') {
      throw refuse(argumentList);
    }
    const written = meaningfulChildren(argumentList);
    const autograd = autogradCall(this.modules, node, callee, written, (text) =>
      this.notes.add(text),
    );
    if (autograd !== undefined) {
      return autograd;
    }
    if (callee.type !== 'identifier') {
      return this.libraryCall(node, callee, this.attributeFunction(callee), written);
    }
    const fn = this.namedFunction(callee);
    // None and strings are no numbers: such a call is the library function's.
    const plain = written.some((child) =>
      isPlainArgument(child.type === 'keyword_argument' ? required(child, 'value') : child),
    );
    if (fn !== undefined && (!this.mayBeDefined(callee.text) || plain)) {
      return this.libraryCall(node, callee, fn, written);
    }
    return this.definedCall(node, callee, written, fn ?? this.assumedFunction(callee.text));
  }

  /**
   * `sigmoid(z)` in a file that neither defines, assigns nor imports `sigmoid`: the library
   * function of that name (math, torch, torch.nn.functional …), said in a note.
   */
  private assumedFunction(name: string): Resolved | undefined {
    const qualified = ASSUMED_MODULES.map((module) => `${module}.${name}`).find((candidate) =>
      PYTHON_FUNCTIONS.has(candidate),
    );
    const fn = qualified === undefined ? undefined : PYTHON_FUNCTIONS.get(qualified);
    if (
      fn === undefined ||
      qualified === undefined ||
      this.modules.imports(name) ||
      this.modules.hasUnknownStar((module) => PYTHON_MODULES.has(module))
    ) {
      return undefined;
    }
    // A catalogue name (short, no special characters): bound anywhere in the file, it is not assumed.
    const bound = new RegExp(
      String.raw`\b(?:def|class)\s+${name}\b|\b${name}\s*(?::[^=\n]*)?=(?!=)|\bas\s+${name}\b|\bfor\b[^\n]*\b${name}\b[^\n]*\bin\b`,
      'u',
    );
    return bound.test(this.source) ? undefined : { fn, qualified, assumed: true };
  }

  /** `sum`, `zip`, `math.fsum` …: a function over lists, unless the file defines its own. */
  private listFunction(callee: Syntax): string | undefined {
    const parts = callee.type === 'identifier' ? [callee.text] : dottedPath(callee);
    if (parts === undefined) {
      return undefined;
    }
    const qualified = this.modules.qualify(parts);
    if (qualified !== undefined) {
      return LIST_FUNCTIONS.has(qualified) ? qualified : undefined;
    }
    const [name] = parts;
    return parts.length === 1 &&
      name !== undefined &&
      LIST_FUNCTIONS.has(name) &&
      !this.mayBeDefined(name)
      ? name
      : undefined;
  }

  private libraryCall(
    node: Syntax,
    callee: Syntax,
    { fn, qualified }: Resolved,
    written: readonly Syntax[],
  ): Step {
    const keywords = written.filter((child) => child.type === 'keyword_argument');
    const positional = written.filter((child) => child.type !== 'keyword_argument');
    const values = [...positional, ...keywords.map((keyword) => required(keyword, 'value'))];
    const computed = values.filter((value) => !isPlainArgument(value));
    return new Expansion(computed, (exprs) => {
      const queue = [...exprs];
      const argument = (value: Syntax): Argument =>
        plainArgument(value) ?? { kind: 'expr', expr: queue.shift() ?? missing(value) };
      const positionalArguments = positional.map(argument);
      const keywordArguments = keywords.map((keyword): KeywordArgument => ({
        name: required(keyword, 'name').text,
        value: argument(required(keyword, 'value')),
        span: spanOf(keyword),
      }));
      const span = spanOf(node);
      const built = applyFunction(fn, callee.text, positionalArguments, keywordArguments, span);
      return this.checked(qualified, built, written.length, span);
    });
  }

  /** The library function's expression, with Python's check of its values (`math.sqrt(-1)`). */
  private checked(qualified: string, built: Expr, given: number, call: Span): Expr {
    const own = built.kind === 'op' || built.kind === 'formula';
    if (!own || built.span.from !== call.from || built.span.to !== call.to) {
      // The function gave one of its arguments back (`np.positive(x)`).
      return built;
    }
    const written: Written = {
      text: this.textOf(call),
      span: call,
      args: built.args.map((arg) => this.textOf(arg.span)),
    };
    const check = libraryCheck(qualified, built, given, written);
    return check === undefined ? built : { ...built, check };
  }

  private textOf(span: Span): string {
    return this.source.slice(span.from, span.to);
  }

  /**
   * `g(x, b=2)`: which function `g` is depends on where the call runs, so lowering finds it.
   * `library`: the builtin or imported function of that name, for when the code defines none.
   */
  private definedCall(
    node: Syntax,
    callee: Syntax,
    written: readonly Syntax[],
    library: Resolved | undefined,
  ): Step {
    const splat = written.find(
      (child) => child.type === 'list_splat' || child.type === 'dictionary_splat',
    );
    if (splat !== undefined) {
      throw refuseSpreadArguments('unpacking', splat, callee);
    }
    const keywords = written.filter((child) => child.type === 'keyword_argument');
    const positional = written.filter((child) => child.type !== 'keyword_argument');
    const values = [...positional, ...keywords.map((keyword) => required(keyword, 'value'))];
    return new Expansion(values, (exprs): Expr => {
      const call: CallExpr = {
        kind: 'call',
        callee: nameAt(callee),
        args: exprs.slice(0, positional.length),
        keywords: keywords.map((keyword, i) => ({
          name: nameAt(required(keyword, 'name')),
          value: exprs[positional.length + i] ?? missing(keyword),
          span: spanOf(keyword),
        })),
        span: spanOf(node),
      };
      if (library === undefined) {
        return call;
      }
      const given = written.length;
      return {
        ...call,
        library: () => {
          const built = this.checked(
            library.qualified,
            applied(library.fn, call),
            given,
            call.span,
          );
          if (library.assumed === true) {
            const what = built.kind === 'op' ? `, the ${opSpec(built.op).description}` : '';
            this.notes.add(
              `\`${call.callee.name}\` is not defined in this file; read as ${library.qualified}${what}`,
            );
          }
          return built;
        },
      };
    });
  }

  /**
   * Whether the file may define a function named `name` (`def name`, `name = lambda`): looked
   * up in the text, once per name, since a library name is rarely redefined.
   */
  private mayBeDefined(name: string): boolean {
    let defined = this.defined.get(name);
    if (defined === undefined) {
      const definition = new RegExp(
        String.raw`\bdef\s+${name}\b|\b${name}\s*(?::[^=\n]*)?=\s*lambda\b`,
        'u',
      );
      defined = definition.test(this.source);
      this.defined.set(name, defined);
    }
    return defined;
  }

  private attributeFunction(callee: Syntax): Resolved {
    if (callee.type === 'attribute') {
      const qualified = this.qualifiedName(callee);
      return { fn: knownFunction(PYTHON_FUNCTIONS.get(qualified), callee), qualified };
    }
    throw new CodeError(
      'unsupported',
      `calling \`${excerpt(callee.text)}\` is not supported: ${WHAT_EXPRESSIONS_MAY_BE}`,
      spanOf(callee),
    );
  }

  /** A builtin, or a function imported by name (`from math import exp`, `from numpy import *`). */
  private namedFunction(callee: Syntax): Resolved | undefined {
    const imported = this.modules.qualify([callee.text]);
    const candidates = [
      ...(imported === undefined ? [] : [imported]),
      ...this.modules.starCandidates(callee.text),
    ];
    const qualified = candidates.find((name) => PYTHON_FUNCTIONS.has(name));
    const fromImport = qualified === undefined ? undefined : PYTHON_FUNCTIONS.get(qualified);
    if (fromImport !== undefined && qualified !== undefined) {
      return { fn: fromImport, qualified };
    }
    const builtin = imported === undefined ? PYTHON_BUILTINS.get(callee.text) : undefined;
    return builtin === undefined
      ? undefined
      : { fn: builtin, qualified: `builtins.${callee.text}` };
  }
}

/** The library function applied to a call's arguments, which are all numbers. */
function applied(fn: LibraryFunction, call: CallExpr): Expr {
  return applyFunction(
    fn,
    call.callee.name,
    call.args.map((expr): Argument => ({ kind: 'expr', expr })),
    call.keywords.map((keyword): KeywordArgument => ({
      name: keyword.name.name,
      value: { kind: 'expr', expr: keyword.value },
      span: keyword.span,
    })),
    call.span,
  );
}

function knownFunction(fn: LibraryFunction | undefined, callee: Syntax): LibraryFunction {
  if (fn !== undefined) {
    return fn;
  }
  throw unknownFunction(callee.text, callee, PYTHON_CALLABLE);
}

/** Arguments that are not computed: None (a left-out bound) and strings (gelu's `approximate`). */
function isPlainArgument(node: Syntax): boolean {
  return plainArgument(node) !== undefined;
}

function plainArgument(node: Syntax): Argument | undefined {
  if (node.type === 'none') {
    return { kind: 'none', span: spanOf(node) };
  }
  if (node.type !== 'string') {
    return undefined;
  }
  const content = meaningfulChildren(node).filter((part) => part.type === 'string_content');
  const interpolated = meaningfulChildren(node).some((part) => part.type === 'interpolation');
  return interpolated
    ? undefined
    : { kind: 'string', value: content.map((part) => part.text).join(''), span: spanOf(node) };
}

/** `1_000`, `0x1F`, `1e-3`, `1.`; `negated` for `-2`, one constant as it is written. */
function pythonNumber(node: Syntax, negated?: Syntax): Expr {
  const text = node.text;
  const span = spanOf(negated ?? node);
  if (/[jJ]$/.test(text)) {
    throw new CodeError(
      'unsupported',
      `a complex number (\`${excerpt(text)}\`) is not supported`,
      span,
    );
  }
  const literal = readLiteral(text);
  const written = negated?.text ?? text;
  switch (literal.kind) {
    case 'int':
      return integerConstant(negated === undefined ? literal.value : -literal.value, written, span);
    case 'float':
      return numberExpr(negated === undefined ? literal.value : -literal.value, written, span);
    case 'invalid':
      throw new CodeError(
        'syntax',
        `syntax error: \`${excerpt(text)}\` is not valid Python 3 (${literal.reason})`,
        spanOf(node),
      );
  }
}

/** What a message shows of an operator expression: its text and its operands'. */
function writtenAs(node: Syntax, operands: readonly Syntax[]): Written {
  return { text: node.text, span: spanOf(node), args: operands.map((operand) => operand.text) };
}

function parenthesized(node: Syntax): Step {
  const inner = onlyChild(node);
  if (inner === undefined) {
    throw refuse(node);
  }
  return parenthesizedStep(node, inner);
}

/** `-x`; a negated number is one constant (`-2`), as it is written. */
function unary(node: Syntax): Step {
  const operator = required(node, 'operator').type;
  const operand = required(node, 'argument');
  if (operator === '~') {
    throw new CodeError(
      'unsupported',
      `bitwise not (\`~\`) is not supported: ${WHAT_EXPRESSIONS_MAY_BE}`,
      spanOf(node),
    );
  }
  if (operator === '-' && (operand.type === 'integer' || operand.type === 'float')) {
    return pythonNumber(operand, node);
  }
  return new Expansion([operand], ([expr = missing(node)]) =>
    operator === '-' ? arithmetic('neg', [expr], writtenAs(node, [operand])) : expr,
  );
}

function binary(node: Syntax): Step {
  const operator = required(node, 'operator').type;
  const op = BINARY[operator];
  if (op === undefined) {
    throw new CodeError(
      'unsupported',
      `the operator \`${operator}\` is not supported: ${WHAT_EXPRESSIONS_MAY_BE}`,
      spanOf(node),
    );
  }
  const operands = [required(node, 'left'), required(node, 'right')];
  return new Expansion(operands, (exprs) => arithmetic(op, exprs, writtenAs(node, operands)));
}

/** `a < b <= c`, Python's chained comparison. */
function comparison(node: Syntax): Step {
  const operators = node.childrenForFieldName('operators').map((operator) => {
    const comparisonOperator = COMPARISON_OPERATORS[operator.type];
    if (comparisonOperator === undefined) {
      throw new CodeError(
        'unsupported',
        `the comparison \`${operator.text}\` is not supported: compare numbers with < <= > >= == !=`,
        spanOf(node),
      );
    }
    return comparisonOperator;
  });
  return new Expansion(meaningfulChildren(node), (operands) => ({
    kind: 'compare',
    operators,
    operands,
    span: spanOf(node),
  }));
}

function logical(node: Syntax): Step {
  const operator = required(node, 'operator').type === 'and' ? 'and' : 'or';
  return new Expansion(
    [required(node, 'left'), required(node, 'right')],
    ([left = missing(node), right = missing(node)]) => ({
      kind: 'logical',
      operator,
      left,
      right,
      span: spanOf(node),
    }),
  );
}

/** `a if c else b`: the children are written consequence, condition, alternative. */
function conditional(node: Syntax): Step {
  const parts = meaningfulChildren(node);
  if (parts.length !== 3) {
    throw refuse(node);
  }
  return conditionalStep(node, parts, 1);
}

function refuse(node: Syntax): CodeError {
  return refuseConstruct(node, CONSTRUCTS, WHAT_EXPRESSIONS_MAY_BE);
}
