/**
 * What the imports and requires of a JavaScript or TypeScript file bring, and which classes it
 * defines, so that micrograd's `Value` is known however a port is brought in:
 * `import { Value } from './engine.js'`, `const { Value } = require('micrograd')`,
 * `const Value = require('./engine').Value`, or a `class Value` of micrograd's shape written in
 * the file. Only the top level of the file is looked at: that is where imports are.
 */
import { field, meaningfulChildren, type NodeLike } from '../code/syntax';
import type { SyntaxNode } from '../code/treeSitter';

/** The methods that make a class micrograd's `Value`: the constructor, add, mul and backward. */
const VALUE_SHAPE = ['constructor', 'add', 'mul', 'backward'];

/** Where a name that stands for micrograd's `Value` comes from. */
export type ValueOrigin = { readonly kind: 'imported'; readonly module: string } | ValueClass;

/** A class of micrograd's shape in the file, with the methods it defines. */
export interface ValueClass {
  readonly kind: 'class';
  readonly name: string;
  readonly methods: ReadonlySet<string>;
  /** 1-based, for messages. */
  readonly line: number;
}

/** A function that only makes a Value: the constructor it calls, and whether its name is bound again. */
export interface ValueMaker {
  /** The module it is imported from (micrograd-ts's `v`); absent for a function of the file. */
  readonly from?: string;
  /** The constructor it calls (`Value`). */
  readonly makes: string;
  readonly rebound: boolean;
}

/** What a `new Value(…)` may hold besides its number: a label, options, its children. */
export const LABELLING = new Set(['object', 'string', 'template_string', 'array']);

export class JavaScriptModules {
  private readonly values = new Map<string, ValueOrigin>();
  /**
   * Functions that only make a Value of their first parameter (`const v = (x) => new Value(x)`),
   * by name: `rebound` when the file binds the name more than once.
   */
  private readonly makers = new Map<string, ValueMaker>();
  /** Top-level functions and arrow functions, by name, to find the Value makers among them. */
  private readonly functions: [string, SyntaxNode][] = [];
  /** micrograd-ts's `v` helper as imported (`import { v } from 'micrograd-ts'`): local → module. */
  private readonly importedMakers = new Map<string, string>();
  /** Classes defined in the file that do not have micrograd's shape. */
  private readonly otherClasses = new Set<string>();

  constructor(root: SyntaxNode) {
    for (const statement of meaningfulChildren(root)) {
      this.topLevel(statement.type === 'export_statement' ? exported(statement) : statement);
    }
    for (const [name, fn] of this.functions) {
      const made = madeValue(fn);
      const constructor = made === undefined ? undefined : field(made, 'constructor')?.text;
      const isValue =
        constructor !== undefined &&
        (this.values.has(constructor) ||
          (constructor === 'Value' && !this.otherClasses.has(constructor)));
      if (isValue) {
        this.makers.set(name, { makes: constructor, rebound: bindings(name, root) !== 1 });
      }
    }
    for (const [local, module] of this.importedMakers) {
      // The import binds it: any other binding in the file may be what a call calls.
      this.makers.set(local, { makes: 'Value', from: module, rebound: bindings(local, root) > 0 });
    }
  }

  /**
   * Whether `name` is a function of the file that only makes a Value of its first argument
   * (`v(2.0)` is then read as `new Value(2.0)`, a leaf of its own); `rebound` when the file
   * binds the name again somewhere, so that a call of it may be another function's.
   */
  valueMaker(name: string): ValueMaker | undefined {
    return this.makers.get(name);
  }

  /** What `name` stands for when it is micrograd's `Value`; undefined otherwise. */
  valueOrigin(name: string): ValueOrigin | undefined {
    return this.values.get(name);
  }

  /** Whether the file defines a class `name` that is not micrograd's `Value`. */
  definesOtherClass(name: string): boolean {
    return this.otherClasses.has(name);
  }

  /** The classes of micrograd's shape written in the file. */
  valueClasses(): ValueClass[] {
    return [...this.values.values()].filter(
      (origin): origin is ValueClass => origin.kind === 'class',
    );
  }

  /** Whether any name of the file stands for micrograd's `Value`. */
  get hasValue(): boolean {
    return this.values.size > 0 || this.importedMakers.size > 0;
  }

  private topLevel(statement: SyntaxNode | undefined): void {
    switch (statement?.type) {
      case 'import_statement':
        this.importStatement(statement);
        return;
      case 'lexical_declaration':
      case 'variable_declaration':
        for (const declarator of meaningfulChildren(statement)) {
          this.required(declarator);
          this.arrowFunction(declarator);
        }
        return;
      case 'function_declaration': {
        const name = field(statement, 'name')?.text;
        if (name !== undefined) {
          this.functions.push([name, statement]);
        }
        return;
      }
      case 'class_declaration':
        this.classDeclaration(statement);
        return;
      default:
        return;
    }
  }

  /** `import { Value } from './engine.js'`, `import { Value as V } …`, `import Value from …`. */
  private importStatement(statement: SyntaxNode): void {
    const module = moduleName(field(statement, 'source'));
    const clause = meaningfulChildren(statement).find((child) => child.type === 'import_clause');
    if (module === undefined || clause === undefined) {
      return;
    }
    for (const part of meaningfulChildren(clause)) {
      if (part.type === 'identifier' && part.text === 'Value') {
        this.values.set('Value', { kind: 'imported', module });
      }
      if (part.type !== 'named_imports') {
        continue;
      }
      for (const specifier of meaningfulChildren(part)) {
        const name = field(specifier, 'name')?.text;
        const local = field(specifier, 'alias')?.text ?? name;
        if (name !== undefined && local !== undefined) {
          this.member(name, local, module);
        }
      }
    }
  }

  /** `Value` of any module (a port), `v` of a micrograd module (micrograd-ts's helper). */
  private member(name: string, local: string, module: string): void {
    if (name === 'Value') {
      this.values.set(local, { kind: 'imported', module });
    } else if (name === 'v' && /micrograd/i.test(module)) {
      this.importedMakers.set(local, module);
    }
  }

  /** `const { Value } = require(m)`, `const { Value: V } = require(m)`, `const V = require(m).Value`. */
  private required(declarator: SyntaxNode): void {
    const pattern = field(declarator, 'name');
    const value = field(declarator, 'value');
    if (pattern === undefined || value === undefined) {
      return;
    }
    if (pattern.type === 'identifier' && value.type === 'member_expression') {
      const module = requiredModule(field(value, 'object'));
      if (module !== undefined && field(value, 'property')?.text === 'Value') {
        this.values.set(pattern.text, { kind: 'imported', module });
      }
      return;
    }
    const module = requiredModule(value);
    if (pattern.type !== 'object_pattern' || module === undefined) {
      return;
    }
    for (const part of meaningfulChildren(pattern)) {
      if (part.type === 'shorthand_property_identifier_pattern') {
        this.member(part.text, part.text, module);
      }
      const key = field(part, 'key')?.text;
      const local = part.type === 'pair_pattern' ? field(part, 'value') : undefined;
      if (key !== undefined && local?.type === 'identifier') {
        this.member(key, local.text, module);
      }
    }
  }

  /** `const v = (x) => new Value(x)`, `const v = function (x) { … }`. */
  private arrowFunction(declarator: SyntaxNode): void {
    const name = field(declarator, 'name');
    const value = field(declarator, 'value');
    if (
      name?.type === 'identifier' &&
      (value?.type === 'arrow_function' || value?.type === 'function_expression')
    ) {
      this.functions.push([name.text, value]);
    }
  }

  private classDeclaration(statement: SyntaxNode): void {
    const name = field(statement, 'name')?.text;
    if (name === undefined) {
      return;
    }
    const methods = new Set(
      meaningfulChildren(field(statement, 'body') ?? statement)
        .filter((member) => member.type === 'method_definition')
        .map((member) => field(member, 'name')?.text ?? ''),
    );
    if (VALUE_SHAPE.every((method) => methods.has(method))) {
      this.values.set(name, {
        kind: 'class',
        name,
        methods,
        line: statement.startPosition.row + 1,
      });
    } else {
      this.otherClasses.add(name);
    }
  }
}

/** `require('m')`: 'm'; undefined for any other expression. */
export function requiredModule<N extends NodeLike<N>>(node: N | undefined): string | undefined {
  if (node?.type !== 'call_expression' || field(node, 'function')?.text !== 'require') {
    return undefined;
  }
  const args = meaningfulChildren(field(node, 'arguments') ?? node);
  return args.length === 1 ? moduleName(args[0]) : undefined;
}

function moduleName<N extends NodeLike<N>>(node: N | undefined): string | undefined {
  if (node?.type !== 'string') {
    return undefined;
  }
  return node.text.slice(1, -1);
}

/**
 * The `new C(p, …labels)` that `fn` only returns, `p` its first parameter; undefined when `fn`
 * does anything else.
 */
function madeValue(fn: SyntaxNode): SyntaxNode | undefined {
  const body = field(fn, 'body');
  const statements = body?.type === 'statement_block' ? meaningfulChildren(body) : [];
  const [only] = statements;
  const returned =
    body?.type === 'statement_block'
      ? statements.length === 1 && only?.type === 'return_statement'
        ? meaningfulChildren(only)[0]
        : undefined
      : body;
  if (returned?.type !== 'new_expression') {
    return undefined;
  }
  const single = field(fn, 'parameter');
  const params = field(fn, 'parameters');
  const first = single ?? (params === undefined ? undefined : meaningfulChildren(params)[0]);
  const [data, ...rest] = meaningfulChildren(field(returned, 'arguments') ?? returned);
  const plain =
    first?.type === 'identifier'
      ? first
      : first?.type === 'required_parameter'
        ? field(first, 'pattern')
        : undefined;
  return data?.type === 'identifier' &&
    data.text === plain?.text &&
    rest.every((arg) => LABELLING.has(arg.type))
    ? returned
    : undefined;
}

/** Nodes that bind a name, and the field or children that hold it. */
const BINDERS = [
  'variable_declarator',
  'function_declaration',
  'class_declaration',
  'assignment_expression',
  'formal_parameters',
  'arrow_function',
  'for_in_statement',
];

/** How many times the file binds `name` (declarations, parameters, assignments; not imports). */
function bindings(name: string, root: SyntaxNode): number {
  let count = 0;
  for (const binder of root.descendantsOfType(BINDERS)) {
    if (binder === null) {
      continue;
    }
    const named =
      binder.type === 'formal_parameters'
        ? meaningfulChildren(binder).map(
            (param) => field(param, 'pattern') ?? field(param, 'left') ?? param,
          )
        : [field(binder, 'name') ?? field(binder, 'left') ?? field(binder, 'parameter')];
    count += named.filter((node) => node?.type === 'identifier' && node.text === name).length;
  }
  return count;
}

function exported(statement: SyntaxNode): SyntaxNode | undefined {
  return field(statement, 'declaration');
}
