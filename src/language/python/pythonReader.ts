/**
 * Python statements and functions to the neutral form: assignments (type hints ignored),
 * augmented assignments, `return`, `def` and `lambda` with their parameters and defaults. A
 * function defined among statements binds its name, for calls. Docstrings, `pass` and imports
 * are skipped; loops, `if` statements, classes and the like are refused with a message naming
 * them.
 */
import type { OpName } from '../../engine/opName';
import type { Expr, FunctionParts, NameAt, Param, Statement } from '../code/codeAst';
import { unsupported } from '../code/codeError';
import type { DocumentReader, FunctionHeader } from '../code/codeLanguage';
import { augmentedArithmetic } from './pythonArithmetic';
import { refuseRequiresGrad } from './pythonAutograd';
import { pythonControl, type ControlParts } from './pythonControl';
import { PythonExpressions } from './pythonExpressions';
import { LateRequiresGrad } from './lateRequiresGrad';
import { noGradBlock } from './noGradBlock';
import { PastedNotes } from './pastedStatements';
import type { PythonModules } from './pythonModules';
import {
  AUGMENTED_ARITHMETIC,
  augmentedAssignment,
  augmentedOp,
  chainedAssignment,
  functionHeader,
  functionStatement,
  nameAt,
  refuseAsync,
  refuseStatement,
  returnStatement,
  targetReader,
} from '../code/readerParts';
import { snapshot, type Syntax } from '../code/snapshot';
import { appendStatement, pythonTarget } from './pythonLists';
import { spanOf, type Span } from '../span';
import { assignedNamesIn, field, meaningfulChildren, required } from '../code/syntax';
import type { SyntaxNode } from '../code/treeSitter';

const AUGMENTED: Readonly<Record<string, OpName>> = {
  ...AUGMENTED_ARITHMETIC,
  '//=': 'floordiv',
  '%=': 'mod',
};

/** Statements that do nothing to numbers. */
const SKIPPED = new Set([
  'pass_statement',
  'import_statement',
  'import_from_statement',
  'future_import_statement',
  'global_statement',
  'nonlocal_statement',
  'assert_statement',
  'type_alias_statement',
]);

const STATEMENT_NAMES: Readonly<Record<string, string>> = {
  if_statement: 'an if statement',
  for_statement: 'a for loop',
  while_statement: 'a while loop',
  with_statement: 'a with statement',
  try_statement: 'a try statement',
  match_statement: 'a match statement',
  class_definition: 'a class',
  raise_statement: 'a raise statement',
  delete_statement: 'a del statement',
  break_statement: 'break',
  continue_statement: 'continue',
  print_statement: 'a print statement',
  exec_statement: 'an exec statement',
};

/** Where a target sits in each statement that assigns names (for values that become unknown). */
const TARGET_FIELDS: Readonly<Record<string, string>> = {
  assignment: 'left',
  augmented_assignment: 'left',
  for_statement: 'left',
  named_expression: 'name',
  function_definition: 'name',
  class_definition: 'name',
};

/** Targets that unpack a list or tuple. */
const TUPLE_TARGETS = new Set(['pattern_list', 'tuple_pattern', 'list_pattern']);

/** Only a plain name is assigned to; the refusal names what else was written. */
const assignmentTarget = targetReader(
  new Map([
    ['attribute', 'assigning to an attribute'],
    ['subscript', 'assigning to an element (`x[i] = …`)'],
  ]),
  'assigning several names at once',
);

export class PythonReader implements DocumentReader {
  private readonly expressions: PythonExpressions;
  /** Pasted notebook lines skipped (pastedStatements.ts), `requires_grad` set late. */
  private readonly pastedNotes: string[] = [];
  private readonly pasted: PastedNotes;
  private readonly late: LateRequiresGrad;
  /** How loops and branches read their parts (pythonControl.ts). */
  private readonly control: ControlParts = {
    expression: (node) => this.expressions.convert(node),
    block: (node) => meaningfulChildren(node).flatMap((statement) => this.statementsOf(statement)),
  };

  constructor(
    private readonly modules: PythonModules,
    private readonly source: string,
  ) {
    this.expressions = new PythonExpressions(modules, source);
    this.pasted = new PastedNotes(this.pastedNotes, source);
    this.late = new LateRequiresGrad(
      (text) => this.pasted.add(text),
      (offset) => this.pasted.lineOf(offset),
    );
  }

  /** Names read as library functions that the file does not define (see PythonExpressions). */
  notes(): string[] {
    return [...this.expressions.notes, ...this.pastedNotes];
  }

  expression(node: SyntaxNode): Expr {
    return this.expressions.convert(snapshot(node, this.source));
  }

  statements(node: SyntaxNode): Statement[] {
    return (
      this.late.setting(node) ??
      this.late.made(node, this.statementsOf(snapshot(node, this.source)))
    );
  }

  private statementsOf(node: Syntax): Statement[] {
    // A print is still read below: it shows the gradients it prints.
    if (this.pasted.skip(node) && !isPrint(meaningfulChildren(node)[0])) {
      return [];
    }
    if (SKIPPED.has(node.type)) {
      return [];
    }
    const noGrad = noGradBlock(node, this.modules, (statement) => this.statementsOf(statement));
    if (noGrad !== undefined) {
      return noGrad;
    }
    const control = pythonControl(node, this.control);
    if (control !== undefined) {
      return [control];
    }
    switch (node.type) {
      case 'expression_statement':
        return this.expressionStatement(node);
      case 'return_statement':
        return [returnStatement(node, (value) => this.expressions.convert(value))];
      case 'function_definition':
        return [this.functionStatement(node, nameAt(required(node, 'name')), spanOf(node))];
      case 'decorated_definition':
        return [decoratedStatement(node)];
      case 'class_definition':
        // micrograd's `Value` written out in the file: its uses are read as micrograd's.
        if (this.modules.isValueClass(required(node, 'name').text)) {
          return [];
        }
        throw refuseStatement(node, STATEMENT_NAMES);
      default:
        throw refuseStatement(node, STATEMENT_NAMES);
    }
  }

  functionOf(node: SyntaxNode): SyntaxNode | undefined {
    switch (node.type) {
      case 'function_definition':
      case 'lambda':
        return node;
      case 'decorated_definition':
        return field(node, 'definition');
      case 'expression_statement': {
        // A lambda's text starts with `lambda`: most statements need no child nodes made.
        if (!node.text.includes('lambda')) {
          return undefined;
        }
        const inner = meaningfulChildren(node)[0];
        const value = inner?.type === 'assignment' ? field(inner, 'right') : inner;
        return value?.type === 'lambda' ? value : undefined;
      }
      default:
        return undefined;
    }
  }

  isFunction(node: SyntaxNode): boolean {
    return node.type === 'function_definition' || node.type === 'lambda';
  }

  /** `def f(x, y=2, *, z: float = 3)`; a lambda is named after the name it is assigned to. */
  functionHeader(fn: SyntaxNode): FunctionHeader {
    const parameters = field(fn, 'parameters');
    const params = this.parameters(
      parameters === undefined ? undefined : snapshot(parameters, this.source),
    );
    return functionHeader(fn, params, fn.type === 'lambda' ? assignedName(fn) : field(fn, 'name'));
  }

  functionBody(fn: SyntaxNode): Statement[] {
    return this.body(fn.type, snapshot(required(fn, 'body'), this.source));
  }

  /** Parameters after `*` are given only by keyword, those before `/` only by position. */
  private parameters(parameters: Syntax | undefined): Param[] {
    const written = parameters === undefined ? [] : meaningfulChildren(parameters);
    const positionalOnly = written.findIndex((param) => param.type === 'positional_separator');
    const keywordOnly = written.findIndex((param) => param.type === 'keyword_separator');
    return written.flatMap((param, i) =>
      this.parameter(param).map((read): Param => {
        if (keywordOnly >= 0 && i > keywordOnly) {
          return { ...read, passing: 'keyword' };
        }
        return i < positionalOnly ? { ...read, passing: 'positional' } : read;
      }),
    );
  }

  private body(type: string, body: Syntax): Statement[] {
    if (type === 'lambda') {
      return [{ kind: 'return', value: this.expressions.convert(body), span: spanOf(body) }];
    }
    return meaningfulChildren(body).flatMap((statement) => this.statementsOf(statement));
  }

  private functionStatement(fn: Syntax, name: NameAt, span: Span): Statement {
    return functionStatement({ name, span, hoisted: false, defaults: 'definition' }, () =>
      this.parts(fn, name),
    );
  }

  private parts(fn: Syntax, name: NameAt): FunctionParts {
    refuseAsync(fn, name, 'a coroutine gives no number');
    const body = required(fn, 'body');
    // Inside a called function these would make assignments change outer names.
    const rebinding = meaningfulChildren(body).find(
      (statement) =>
        statement.type === 'global_statement' || statement.type === 'nonlocal_statement',
    );
    if (rebinding !== undefined) {
      throw unsupported(
        `\`${rebinding.text.split(/\s/)[0] ?? 'global'}\` in a called function`,
        spanOf(rebinding),
        'a called function may assign only its own names',
      );
    }
    return { params: this.parameters(field(fn, 'parameters')), body: this.body(fn.type, body) };
  }

  assignedNames(node: SyntaxNode): string[] {
    return assignedNamesIn(node, TARGET_FIELDS);
  }

  private expressionStatement(node: Syntax): Statement[] {
    const parts = meaningfulChildren(node);
    const [inner] = parts;
    if (inner === undefined || parts.length > 1) {
      throw unsupported('a tuple', spanOf(node));
    }
    switch (inner.type) {
      case 'assignment':
        return this.assignment(inner, node);
      case 'augmented_assignment':
        return [this.augmented(inner, node)];
      case 'string':
      case 'concatenated_string':
        // A docstring, or a string used as a comment.
        return [];
      default:
        // A print between the lines computes nothing that is kept (but shows `a.grad`).
        return (
          appendStatement(inner, node, (part) => this.expressions.convert(part)) ??
          this.expressions.autogradStatement(inner, node) ??
          (isPrint(inner)
            ? []
            : [{ kind: 'expression', value: this.expressions.convert(inner), span: spanOf(node) }])
        );
    }
  }

  /** `x = …` and `x: float = …`; `x: float` alone declares nothing to compute. */
  private assignment(node: Syntax, statement: Syntax): Statement[] {
    refuseRequiresGrad(required(node, 'left'));
    const unpacked = this.unpacking(node, statement);
    if (unpacked !== undefined) {
      return [unpacked];
    }
    const target = assignmentTarget(required(node, 'left'));
    const value = field(node, 'right');
    if (value === undefined) {
      return [];
    }
    if (value.type === 'assignment') {
      throw chainedAssignment(spanOf(node));
    }
    if (value.type === 'lambda') {
      return [this.functionStatement(value, target, spanOf(statement))];
    }
    return [
      { kind: 'assign', target, value: this.expressions.convert(value), span: spanOf(statement) },
    ];
  }

  /** `a, b = xs`, `(a, b) = 1.0, 2.0`: tuple unpacking. */
  private unpacking(node: Syntax, statement: Syntax): Statement | undefined {
    const left = required(node, 'left');
    const value = field(node, 'right');
    if (!TUPLE_TARGETS.has(left.type) || value === undefined || value.type === 'assignment') {
      return undefined;
    }
    const target = pythonTarget(left);
    if (!('items' in target)) {
      return undefined;
    }
    const span = spanOf(statement);
    return { kind: 'unpack', target, value: this.expressions.convert(value), span };
  }

  /** `x += v` is `x = x + v`, reading x first. */
  private augmented(node: Syntax, statement: Syntax): Statement {
    const target = assignmentTarget(required(node, 'left'));
    const operator = required(node, 'operator').type;
    const op = augmentedOp(operator, spanOf(node), 'use += -= *= /= //= %= **=', AUGMENTED);
    const right = required(node, 'right');
    const assignment = augmentedAssignment(
      target,
      op,
      this.expressions.convert(right),
      spanOf(statement),
    );
    const written = { text: node.text, span: spanOf(node), args: [target.name, right.text] };
    return augmentedArithmetic(assignment, written);
  }

  private parameter(param: Syntax): Param[] {
    switch (param.type) {
      case 'identifier':
        return [{ name: nameAt(param) }];
      case 'typed_parameter': {
        const [name] = meaningfulChildren(param);
        if (name?.type !== 'identifier') {
          throw unsupported('`*args` and `**kwargs`', spanOf(param), 'give each parameter a name');
        }
        return [{ name: nameAt(name) }];
      }
      case 'default_parameter':
      case 'typed_default_parameter':
        return [
          {
            name: nameAt(required(param, 'name')),
            default: this.expressions.convert(required(param, 'value')),
          },
        ];
      case 'keyword_separator':
      case 'positional_separator':
        return [];
      default:
        throw unsupported('`*args` and `**kwargs`', spanOf(param), 'give each parameter a name');
    }
  }
}

/** A decorator may make the function anything: calling one is refused, naming it. */
function decoratedStatement(node: Syntax): Statement {
  const definition = required(node, 'definition');
  const name = nameAt(required(definition, 'name'));
  const decorator = meaningfulChildren(node).find((child) => child.type === 'decorator') ?? node;
  const read = (): FunctionParts => {
    throw unsupported(
      `calling the decorated function \`${name.name}\` (\`${decorator.text}\`)`,
      spanOf(decorator),
      'a decorator may change what the function computes; call a function without one',
    );
  };
  const span = spanOf(node);
  return {
    kind: 'function',
    definition: { name, span, hoisted: false, defaults: 'definition', read },
    span,
  };
}

function isPrint(node: Syntax | undefined): boolean {
  return node?.type === 'call' && field(node, 'function')?.text === 'print';
}

/** `f = lambda …`: the lambda's name is the assigned one. */
function assignedName(lambda: SyntaxNode): SyntaxNode | undefined {
  const parent = lambda.parent;
  const target = parent?.type === 'assignment' ? field(parent, 'left') : undefined;
  return target?.type === 'identifier' ? target : undefined;
}
