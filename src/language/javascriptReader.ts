/**
 * JavaScript and TypeScript statements and functions to the neutral form: `const`/`let`/`var`
 * declarations (several declarators, type annotations ignored), assignments, augmented
 * assignments, `x++`, `return`, `function` declarations and expressions, arrow functions with
 * expression or block bodies. Imports and type declarations are skipped; loops, `if`
 * statements, classes and the like are refused with a message naming them.
 */
import type { OpName } from '../engine/opName';
import { numberExpr, opExpr, type Expr, type NameAt, type Param, type Statement } from './codeAst';
import { CodeError, unsupported, withArticle } from './codeError';
import type { DocumentReader, FunctionHeader } from './codeLanguage';
import { javascriptExpression, REMAINDER } from './javascriptExpressions';
import { snapshot, type Syntax } from './snapshot';
import { spanOf } from './span';
import { assignedNamesIn, field, meaningfulChildren, required } from './syntax';
import type { SyntaxNode } from './treeSitter';

const AUGMENTED: Readonly<Record<string, OpName>> = {
  '+=': 'add',
  '-=': 'sub',
  '*=': 'mul',
  '/=': 'div',
  '**=': 'pow',
};

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
  function_declaration: 'a function definition among other statements',
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

export class JavaScriptReader implements DocumentReader {
  constructor(private readonly source: string) {}

  expression(node: SyntaxNode): Expr {
    return javascriptExpression(snapshot(node, this.source));
  }

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
    switch (node.type) {
      case 'expression_statement':
        return this.expressionStatement(node);
      case 'return_statement':
        return [this.returnStatement(node)];
      case 'export_statement': {
        const declaration = field(node, 'declaration');
        return declaration === undefined ? [] : this.statementsOf(declaration);
      }
      default:
        throw unsupported(
          STATEMENT_NAMES[node.type] ?? withArticle(node.type.replace(/_/g, ' ')),
          spanOf(node),
        );
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
    const single = field(fn, 'parameter');
    const parameters = field(fn, 'parameters');
    const written =
      single !== undefined
        ? [snapshot(single, this.source)]
        : parameters === undefined
          ? []
          : meaningfulChildren(snapshot(parameters, this.source));
    const params = written.flatMap((param) => this.parameter(param));
    const name = field(fn, 'name') ?? assignedName(fn);
    const span = spanOf(fn);
    return name === undefined ? { params, span } : { name: nameAt(name), params, span };
  }

  functionBody(fn: SyntaxNode): Statement[] {
    const body = snapshot(required(fn, 'body'), this.source);
    if (body.type !== 'statement_block') {
      return [{ kind: 'return', value: javascriptExpression(body), span: spanOf(body) }];
    }
    return meaningfulChildren(body).flatMap((statement) => this.statementsOf(statement));
  }

  assignedNames(node: SyntaxNode): string[] {
    return assignedNamesIn(node, TARGET_FIELDS);
  }

  /** `let a = 1, b;`: one assignment per declarator with a value. */
  private declaration(node: Syntax): Statement[] {
    return meaningfulChildren(node).flatMap((declarator): Statement[] => {
      const target = assignmentTarget(required(declarator, 'name'));
      const value = field(declarator, 'value');
      if (value === undefined) {
        return [];
      }
      rejectFunctionValue(value);
      return [
        { kind: 'assign', target, value: javascriptExpression(value), span: spanOf(declarator) },
      ];
    });
  }

  private expressionStatement(node: Syntax): Statement[] {
    const inner = meaningfulChildren(node)[0];
    if (inner === undefined) {
      return [];
    }
    const span = spanOf(node);
    switch (inner.type) {
      case 'assignment_expression':
        return [this.assignment(inner, span)];
      case 'augmented_assignment_expression':
        return [this.augmented(inner, span)];
      case 'update_expression':
        return [increment(inner, span)];
      case 'string':
        // A directive such as 'use strict'.
        return [];
      default:
        // console.log between the lines computes nothing that is kept.
        return isConsoleCall(inner)
          ? []
          : [{ kind: 'expression', value: javascriptExpression(inner), span }];
    }
  }

  private assignment(node: Syntax, span: Statement['span']): Statement {
    const target = assignmentTarget(required(node, 'left'));
    const value = required(node, 'right');
    if (value.type === 'assignment_expression') {
      throw unsupported(
        'a chained assignment (`a = b = …`)',
        spanOf(node),
        'assign one name per statement',
      );
    }
    rejectFunctionValue(value);
    return { kind: 'assign', target, value: javascriptExpression(value), span };
  }

  /** `x += v` is `x = x + v`, reading x first; `x %= v` keeps JavaScript's remainder. */
  private augmented(node: Syntax, span: Statement['span']): Statement {
    const target = assignmentTarget(required(node, 'left'));
    const operator = required(node, 'operator').type;
    const read: Expr = { kind: 'name', name: target.name, span: target.span, implicit: true };
    const right = javascriptExpression(required(node, 'right'));
    if (operator === '%=') {
      return {
        kind: 'assign',
        target,
        value: { kind: 'formula', formula: REMAINDER, args: [read, right], span },
        span,
      };
    }
    const op = AUGMENTED[operator];
    if (op === undefined) {
      throw unsupported(
        `the assignment operator \`${operator}\``,
        spanOf(node),
        'use += -= *= /= %= **=',
      );
    }
    return { kind: 'assign', target, value: opExpr(op, [read, right], span), span };
  }

  private returnStatement(node: Syntax): Statement {
    const value = meaningfulChildren(node)[0];
    if (value === undefined) {
      throw new CodeError(
        'no-output',
        '`return` without a value gives nothing to differentiate',
        spanOf(node),
      );
    }
    return { kind: 'return', value: javascriptExpression(value), span: spanOf(node) };
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
        return [this.withDefault(parameterName(required(param, 'pattern')), field(param, 'value'))];
      default:
        return [{ name: parameterName(param) }];
    }
  }

  private withDefault(name: NameAt, value: Syntax | undefined): Param {
    return value === undefined ? { name } : { name, default: javascriptExpression(value) };
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
  const read: Expr = { kind: 'name', name: target.name, span: target.span, implicit: true };
  const one = numberExpr(1, '1', spanOf(node));
  return {
    kind: 'assign',
    target,
    value: opExpr(operator === '++' ? 'add' : 'sub', [read, one], span),
    span,
  };
}

function isConsoleCall(node: Syntax): boolean {
  const callee = node.type === 'call_expression' ? field(node, 'function') : undefined;
  const object = callee?.type === 'member_expression' ? field(callee, 'object') : undefined;
  return object?.text === 'console';
}

function rejectFunctionValue(value: Syntax): void {
  if (FUNCTIONS.has(value.type)) {
    throw unsupported(
      'a function among other statements',
      spanOf(value),
      'select the function alone',
    );
  }
}

function nameAt(node: Syntax | SyntaxNode): NameAt {
  return { name: node.text, span: spanOf(node) };
}

function assignmentTarget(node: Syntax): NameAt {
  if (node.type === 'identifier') {
    return nameAt(node);
  }
  const what =
    node.type === 'member_expression'
      ? 'assigning to a property'
      : node.type === 'subscript_expression'
        ? 'assigning to an element (`a[i] = …`)'
        : 'destructuring';
  throw unsupported(what, spanOf(node), 'assign one plain name per statement');
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
