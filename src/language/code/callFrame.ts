/**
 * The scopes of lowering: the selection's own, and one per running call of a function defined
 * in the code. A frame's parent is the frame the function was defined in (not the caller's),
 * so a name the function does not define is looked up where it was written, when the call
 * runs — late, as both Python and JavaScript look up free names.
 */
import type { CallExpr, FunctionDefinition, FunctionParts, NameAt } from './codeAst';
import { statementEvents, type StatementEvent } from './statementWalk';
import type { Span } from '../span';

/** What a name holds while lowering: a node, or a list (tuple) of values, each its own nodes. */
export type Value = number | readonly Value[];

export interface Closure {
  readonly definition: FunctionDefinition;
  /** Where the function was defined. */
  readonly frame: Frame;
  /**
   * Python: the defaults that read names, computed when the definition ran (a later
   * assignment of such a name does not change them), by parameter.
   */
  readonly defaults?: ReadonlyMap<string, number>;
}

export interface ActiveCall {
  readonly definition: FunctionDefinition;
  readonly call: CallExpr;
}

export class Frame {
  /** The node each name holds now. */
  readonly values = new Map<string, number>();
  /** The list each name holds now (a name holds a node, a list or a function). */
  readonly lists = new Map<string, readonly Value[]>();
  readonly functions = new Map<string, Closure>();

  constructor(
    /** The call running in this frame; undefined for the selection's own frame. */
    readonly call: ActiveCall | undefined,
    readonly parent: Frame | undefined,
    /**
     * The names the function makes its own, each with where it is first bound: reading one
     * before that is an error, never a read from outside.
     */
    readonly locals: ReadonlyMap<string, Span>,
  ) {}

  bindValue(name: string, node: number): void {
    this.values.set(name, node);
    this.functions.delete(name);
    this.lists.delete(name);
  }

  /** Binds a number or a list. */
  bind(name: string, value: Value): void {
    if (typeof value === 'number') {
      this.bindValue(name, value);
      return;
    }
    this.lists.set(name, value);
    this.values.delete(name);
    this.functions.delete(name);
  }

  bindFunction(name: string, closure: Closure): void {
    this.functions.set(name, closure);
    this.values.delete(name);
    this.lists.delete(name);
  }
}

/**
 * The names a function makes its own, with where each is first bound: its parameters, and
 * what it declares (JavaScript) or every name it assigns or defines (Python).
 */
export function localsOf(parts: FunctionParts): ReadonlyMap<string, Span> {
  let locals = knownLocals.get(parts);
  if (locals === undefined) {
    locals = findLocals(parts);
    knownLocals.set(parts, locals);
  }
  return locals;
}

/** A function's parts are read once, and a function may be called many times. */
const knownLocals = new WeakMap<FunctionParts, ReadonlyMap<string, Span>>();

function findLocals(parts: FunctionParts): Map<string, Span> {
  const bound = [
    ...parts.params.map((param) => param.name),
    ...(parts.declared ?? statementEvents(parts.body).flatMap(boundBy)),
  ];
  const locals = new Map<string, Span>();
  for (const { name, span } of bound) {
    if (!locals.has(name)) {
      locals.set(name, span);
    }
  }
  return locals;
}

function boundBy(event: StatementEvent): NameAt[] {
  switch (event.kind) {
    case 'bind':
      return [event.target];
    case 'define':
      return [event.definition.name];
    case 'read':
      return [];
  }
}
