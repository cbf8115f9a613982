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

export class JavaScriptModules {
  private readonly values = new Map<string, ValueOrigin>();
  /** Classes defined in the file that do not have micrograd's shape. */
  private readonly otherClasses = new Set<string>();

  constructor(root: SyntaxNode) {
    for (const statement of meaningfulChildren(root)) {
      this.topLevel(statement.type === 'export_statement' ? exported(statement) : statement);
    }
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
    return this.values.size > 0;
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
        }
        return;
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
        if (name === 'Value' && local !== undefined) {
          this.values.set(local, { kind: 'imported', module });
        }
      }
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
      if (part.type === 'shorthand_property_identifier_pattern' && part.text === 'Value') {
        this.values.set('Value', { kind: 'imported', module });
      }
      const local = part.type === 'pair_pattern' ? field(part, 'value') : undefined;
      if (field(part, 'key')?.text === 'Value' && local?.type === 'identifier') {
        this.values.set(local.text, { kind: 'imported', module });
      }
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

function exported(statement: SyntaxNode): SyntaxNode | undefined {
  return field(statement, 'declaration');
}
