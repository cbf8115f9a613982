/**
 * JavaScript and TypeScript statements and functions to the neutral form: `const`/`let`/`var`
 * declarations (several declarators, type annotations ignored), assignments, augmented
 * assignments, `x++`, `return`, `function` declarations and expressions, arrow functions with
 * expression or block bodies. A function defined among statements binds its name, for calls;
 * a declaration is hoisted. Imports and type declarations are skipped; loops, `if`
 * statements, classes and the like are refused with a message naming them.
 */
import {
  numberExpr,
  type Expr,
  type FunctionParts,
  type NameAt,
  type Param,
  type Statement,
} from '../code/codeAst';
import { unsupported } from '../code/codeError';
import type { DocumentReader, FunctionHeader } from '../code/codeLanguage';
import { JavaScriptAutograd } from './javascriptAutograd';
import { javascriptControl, type ControlParts } from './javascriptControl';
import { javascriptExpression } from './javascriptExpressions';
import { javascriptTarget, pushStatement } from './javascriptLists';
import { JavaScriptModules, requiredModule } from './javascriptModules';
import type { JavaScriptDialect } from './javascriptOperators';
import {
  augmentedAssignment,
  augmentedOp,
  chainedAssignment,
  functionHeader,
  functionStatement,
  nameAt,
  readBeforeAssigning,
  refuseAsync,
  refuseStatement,
  returnStatement,
  targetReader,
} from '../code/readerParts';
import { snapshot, type Syntax } from '../code/snapshot';
import { spanOf, type Span } from '../span';
import { assignedNamesIn, field, meaningfulChildren, required } from '../code/syntax';
import type { SyntaxNode } from '../code/treeSitter';

const FUNCTIONS = new Set(['function_declaration', 'function_expression', 'arrow_function']);
const SCOPES = new Set([
  ...FUNCTIONS,
  'method_definition',
  'generator_function_declaration',
  'generator_function',
]);
const DECLARATIONS = new Set(['lexical_declaration', 'variable_declaration']);

/** Statements that do nothing to numbers. */
const SKIPPED = new Set([
  'empty_statement',
  'import_statement',
  'type_alias_declaration',
  'interface_declaration',
  'ambient_declaration',
  // A TypeScript overload signature: the implementation follows it.
  'function_signature',
]);

const STATEMENT_NAMES: Readonly<Record<string, string>> = {
  if_statement: 'an if statement',
  for_statement: 'a for loop',
  for_in_statement: 'a for…in/of loop',
  while_statement: 'a while loop',
  do_statement: 'a do…while loop',
  switch_statement: 'a switch statement',
  try_statement: 'a try statement',
  throw_statement: 'a throw statement',
  class_declaration: 'a class',
  abstract_class_declaration: 'a class',
  enum_declaration: 'an enum',
  statement_block: 'a block',
  labeled_statement: 'a labeled statement',
  generator_function_declaration: 'a generator function',
  break_statement: 'break',
  continue_statement: 'continue',
};

const TARGET_FIELDS: Readonly<Record<string, string>> = {
  variable_declarator: 'name',
  assignment_expression: 'left',
  augmented_assignment_expression: 'left',
  update_expression: 'argument',
  for_in_statement: 'left',
  function_declaration: 'name',
  class_declaration: 'name',
};

/** Only a plain name is assigned to; the refusal names what else was written. */
const assignmentTarget = targetReader(
  new Map([
    ['member_expression', 'assigning to a property'],
    ['subscript_expression', 'assigning to an element (`a[i] = …`)'],
  ]),
  'destructuring',
);

export class JavaScriptReader implements DocumentReader {
  /** micrograd's `Value` as the file brings it in (javascriptAutograd.ts). */
  private readonly autograd: JavaScriptAutograd;

  constructor(
    private readonly source: string,
    private readonly dialect: JavaScriptDialect,
    root: SyntaxNode,
  ) {
    this.autograd = new JavaScriptAutograd(new JavaScriptModules(root), source);
  }

  notes(): string[] {
    return this.autograd.notes();
  }

  expression(node: SyntaxNode): Expr {
    return this.read(snapshot(node, this.source));
  }

  /** TypeScript reads some comparisons as type arguments, so the dialect matters. */
  private readonly read = (node: Syntax): Expr =>
    javascriptExpression(node, this.dialect, this.autograd);

  statements(node: SyntaxNode): Statement[] {
    return this.statementsOf(snapshot(node, this.source));
  }

  private statementsOf(node: Syntax): Statement[] {
    if (SKIPPED.has(node.type)) {
      return [];
    }
    if (DECLARATIONS.has(node.type)) {
      return this.declaration(node);
    }
    const control = javascriptControl(node, this.control);
    if (control !== undefined) {
      return control;
    }
    switch (node.type) {
      case 'expression_statement':
        return this.expressionStatement(node);
      case 'return_statement':
        return [returnStatement(node, this.read)];
      case 'function_declaration':
        return [this.functionStatement(node, nameAt(required(node, 'name')), spanOf(node), true)];
      case 'export_statement': {
        const declaration = field(node, 'declaration');
        return declaration === undefined ? [] : this.statementsOf(declaration);
      }
      case 'class_declaration':
        // micrograd's `Value` written out in the file: its uses are read as micrograd's.
        if (this.autograd.skipsClass(required(node, 'name').text)) {
          return [];
        }
        throw refuseStatement(node, STATEMENT_NAMES);
      default:
        throw refuseStatement(node, STATEMENT_NAMES);
    }
  }

  functionOf(node: SyntaxNode): SyntaxNode | undefined {
    if (FUNCTIONS.has(node.type)) {
      return node;
    }
    if (node.type === 'export_statement') {
      const declaration = field(node, 'declaration') ?? field(node, 'value');
      return declaration === undefined ? undefined : this.functionOf(declaration);
    }
    if (DECLARATIONS.has(node.type)) {
      const declarators = meaningfulChildren(node);
      const value =
        declarators.length === 1 && declarators[0] !== undefined
          ? field(declarators[0], 'value')
          : undefined;
      return value !== undefined && FUNCTIONS.has(value.type) ? value : undefined;
    }
    if (node.type === 'expression_statement') {
      const inner = meaningfulChildren(node)[0];
      const value = inner?.type === 'assignment_expression' ? field(inner, 'right') : inner;
      return value !== undefined && FUNCTIONS.has(value.type) ? value : undefined;
    }
    return undefined;
  }

  isFunction(node: SyntaxNode): boolean {
    return SCOPES.has(node.type);
  }

  /** An anonymous function is named after the name it is assigned to. */
  functionHeader(fn: SyntaxNode): FunctionHeader {
    const params = this.parameters(
      this.copy(field(fn, 'parameter')),
      this.copy(field(fn, 'parameters')),
    );
    return functionHeader(fn, params, field(fn, 'name') ?? assignedName(fn));
  }

  functionBody(fn: SyntaxNode): Statement[] {
    return this.body(snapshot(required(fn, 'body'), this.source));
  }

  private copy(node: SyntaxNode | undefined): Syntax | undefined {
    return node === undefined ? undefined : snapshot(node, this.source);
  }

  /** `(x, y = 2)`, or the one parameter of `x => …`. */
  private parameters(single: Syntax | undefined, parameters: Syntax | undefined): Param[] {
    const written =
      single !== undefined
        ? [single]
        : parameters === undefined
          ? []
          : meaningfulChildren(parameters);
    return written.flatMap((param) => this.parameter(param));
  }

  private body(body: Syntax): Statement[] {
    if (body.type !== 'statement_block') {
      return [{ kind: 'return', value: this.read(body), span: spanOf(body) }];
    }
    return meaningfulChildren(body).flatMap((statement) => this.statementsOf(statement));
  }

  private functionStatement(fn: Syntax, name: NameAt, span: Span, hoisted: boolean): Statement {
    return functionStatement({ name, span, hoisted, defaults: 'call' }, () => this.parts(fn, name));
  }

  private parts(fn: Syntax, name: NameAt): FunctionParts {
    refuseAsync(fn, name, 'an async function gives a promise, not a number');
    const body = required(fn, 'body');
    return {
      params: this.parameters(field(fn, 'parameter'), field(fn, 'parameters')),
      body: this.body(body),
      declared: declaredIn(body),
    };
  }

  assignedNames(node: SyntaxNode): string[] {
    return assignedNamesIn(node, TARGET_FIELDS);
  }

  /** `let a = 1, b;`: one assignment per declarator with a value. */
  private declaration(node: Syntax): Statement[] {
    return meaningfulChildren(node).flatMap((declarator): Statement[] => {
      const pattern = required(declarator, 'name');
      const value = field(declarator, 'value');
      if (bringsLibrary(pattern, value)) {
        // `const { Value } = require('./engine')` brings names, like an import.
        return [];
      }
      if (pattern.type === 'array_pattern' && value !== undefined) {
        return [this.unpacking(pattern, value, spanOf(declarator))];
      }
      const target = assignmentTarget(pattern);
      if (value === undefined) {
        return [];
      }
      const span = spanOf(declarator);
      return FUNCTIONS.has(value.type)
        ? [this.functionStatement(value, target, span, false)]
        : [{ kind: 'assign', target, value: this.read(value), span }];
    });
  }

  /** `const [a, b] = xs`, `[a, b] = [b, a]`: destructuring an array. */
  private unpacking(pattern: Syntax, value: Syntax, span: Statement['span']): Statement {
    const target = javascriptTarget(pattern);
    if (!('items' in target)) {
      throw unsupported('this destructuring', span, 'destructure an array into plain names');
    }
    return { kind: 'unpack', target, value: this.read(value), span };
  }

  private expressionStatement(node: Syntax): Statement[] {
    const inner = meaningfulChildren(node)[0];
    if (inner === undefined) {
      return [];
    }
    return this.effect(inner, spanOf(node));
  }

  /** How loops and branches read their parts (javascriptControl.ts). */
  private readonly control: ControlParts = {
    expression: (node) => this.read(node),
    statements: (node) => this.statementsOf(node),
    effect: (node) =>
      node.type === 'sequence_expression'
        ? meaningfulChildren(node).flatMap((part) => this.effect(part, spanOf(part)))
        : this.effect(node, spanOf(node)),
  };

  /** An expression used as a statement: an assignment, `x++`, or a value. */
  private effect(inner: Syntax, span: Span): Statement[] {
    switch (inner.type) {
      case 'assignment_expression':
        return this.assignment(inner, span);
      case 'augmented_assignment_expression':
        return [this.augmented(inner, span)];
      case 'update_expression':
        return [increment(inner, span)];
      case 'string':
        // A directive such as 'use strict'.
        return [];
      default:
        return this.autograd.statement(inner, span, this.read) ?? this.value(inner, span);
    }
  }

  /** console.log between the lines computes nothing that is kept. */
  private value(inner: Syntax, span: Span): Statement[] {
    return isConsoleCall(inner)
      ? []
      : [
          pushStatement(inner, span, (part) => this.read(part)) ?? {
            kind: 'expression',
            value: this.read(inner),
            span,
          },
        ];
  }

  private assignment(node: Syntax, span: Statement['span']): Statement[] {
    const left = required(node, 'left');
    if (this.autograd.skipsAssignment(left)) {
      return [];
    }
    if (left.type === 'array_pattern') {
      return [this.unpacking(left, required(node, 'right'), span)];
    }
    const target = assignmentTarget(left);
    const value = required(node, 'right');
    if (value.type === 'assignment_expression') {
      throw chainedAssignment(spanOf(node));
    }
    return [
      FUNCTIONS.has(value.type)
        ? this.functionStatement(value, target, span, false)
        : { kind: 'assign', target, value: this.read(value), span },
    ];
  }

  /** `x += v` is `x = x + v`, reading x first; `x %= v` keeps JavaScript's remainder. */
  private augmented(node: Syntax, span: Statement['span']): Statement {
    const target = assignmentTarget(required(node, 'left'));
    const operator = required(node, 'operator').type;
    const right = this.read(required(node, 'right'));
    if (operator === '%=') {
      // JavaScript's remainder, not Python's `mod` that augmentedOp gives `%=`.
      const args = [readBeforeAssigning(target), right];
      return { kind: 'assign', target, value: { kind: 'op', op: 'fmod', args, span }, span };
    }
    const op = augmentedOp(operator, spanOf(node), 'use += -= *= /= %= **=');
    return augmentedAssignment(target, op, right, span);
  }

  /** `x`, `x = 2`, and TypeScript's `x: number = 2`, `x?: number`. */
  private parameter(param: Syntax): Param[] {
    switch (param.type) {
      case 'identifier':
        return [{ name: nameAt(param) }];
      case 'assignment_pattern':
        return [this.withDefault(parameterName(required(param, 'left')), field(param, 'right'))];
      case 'required_parameter':
      case 'optional_parameter':
        if (required(param, 'pattern').type === 'this') {
          // TypeScript's `this: T` only declares the type of `this`: no argument is passed.
          return [];
        }
        return [this.withDefault(parameterName(required(param, 'pattern')), field(param, 'value'))];
      default:
        return [{ name: parameterName(param) }];
    }
  }

  private withDefault(name: NameAt, value: Syntax | undefined): Param {
    return value === undefined ? { name } : { name, default: this.read(value) };
  }
}

function parameterName(node: Syntax): NameAt {
  if (node.type === 'identifier') {
    return nameAt(node);
  }
  const what =
    node.type === 'rest_pattern' ? 'a rest parameter (`...args`)' : 'a destructured parameter';
  throw unsupported(what, spanOf(node), 'give each parameter a plain name');
}

/** `x++`, `--x`: x = x ± 1. */
function increment(node: Syntax, span: Statement['span']): Statement {
  const target = assignmentTarget(required(node, 'argument'));
  const operator = required(node, 'operator').type;
  const one = numberExpr(1, '1', spanOf(node));
  return augmentedAssignment(target, operator === '++' ? 'add' : 'sub', one, span);
}

/**
 * A require that brings a library the readers know: `const { Value } = require(m)`,
 * `const Value = require(m).Value`, `const tf = require('@tensorflow/tfjs-node')`. Any other
 * require is read (and refused) as before.
 */
function bringsLibrary(pattern: Syntax, value: Syntax | undefined): boolean {
  if (value?.type === 'member_expression') {
    return requiredModule(field(value, 'object')) !== undefined;
  }
  const module = requiredModule(value);
  return (
    module !== undefined && (pattern.type === 'object_pattern' || /^@tensorflow\//.test(module))
  );
}

function isConsoleCall(node: Syntax): boolean {
  const callee = node.type === 'call_expression' ? field(node, 'function') : undefined;
  const object = callee?.type === 'member_expression' ? field(callee, 'object') : undefined;
  return object?.text === 'console';
}

/** The names a function body declares: `let`, `const`, `var` (with a value or not), `function`. */
/** The names an array pattern declares (`const [a, [b, c]] = …`). */
function patternNames(pattern: Syntax): Syntax[] {
  return meaningfulChildren(pattern).flatMap((part) =>
    part.type === 'array_pattern' ? patternNames(part) : [part],
  );
}

function declaredIn(body: Syntax): NameAt[] {
  if (body.type !== 'statement_block') {
    return [];
  }
  return statementsWithin(body).flatMap((statement): NameAt[] => {
    if (DECLARATIONS.has(statement.type)) {
      return meaningfulChildren(statement)
        .map((declarator) => field(declarator, 'name'))
        .flatMap((name) => (name?.type === 'array_pattern' ? patternNames(name) : [name]))
        .filter((name): name is Syntax => name?.type === 'identifier')
        .map(nameAt);
    }
    const name = statement.type === 'function_declaration' ? field(statement, 'name') : undefined;
    return name === undefined ? [] : [nameAt(name)];
  });
}

/**
 * The statements of a function body, also those inside its loops, branches and blocks (not
 * inside nested functions): every name they declare is the function's own.
 */
function statementsWithin(body: Syntax): Syntax[] {
  const found: Syntax[] = [];
  const stack = [...meaningfulChildren(body)];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    found.push(node);
    if (
      !DECLARATIONS.has(node.type) &&
      !SCOPES.has(node.type) &&
      node.type !== 'expression_statement'
    ) {
      stack.push(...meaningfulChildren(node));
    }
  }
  return found;
}

/** `const f = (x) => …` or `f = function (x) {…}`: the assigned name. */
function assignedName(fn: SyntaxNode): SyntaxNode | undefined {
  const parent = fn.parent;
  const target =
    parent?.type === 'variable_declarator'
      ? field(parent, 'name')
      : parent?.type === 'assignment_expression'
        ? field(parent, 'left')
        : undefined;
  return target?.type === 'identifier' ? target : undefined;
}
