/** Which names code takes from the code before it, found without a graph. */
import type { Expr, Fragment, FunctionDefinition, FunctionParts } from './codeAst';
import { CodeError } from './codeError';
import { boundNamesOf, listParts } from './listAst';
import { statementEvents } from './statementWalk';

/**
 * Names read before the fragment assigns them, the names its parameter defaults read, the
 * functions it calls, and what the functions it defines read from outside themselves.
 */
export function namesFromOutside(fragment: Fragment): Set<string> {
  return freeNames({ params: fragment.params ?? [], body: fragment.body }, true);
}

/**
 * The names a function reads from outside itself (the functions it calls among them), also
 * through the functions defined inside it; none when it cannot be read (a call will say why).
 */
export function namesReadBy(definition: FunctionDefinition): Set<string> {
  const parts = readOrUndefined(definition);
  return parts === undefined ? new Set() : freeNames(parts, false);
}

/** The definition's parts, or undefined when they cannot be read. */
export function readOrUndefined(definition: FunctionDefinition): FunctionParts | undefined {
  try {
    return definition.read();
  } catch (error) {
    if (error instanceof CodeError) {
      return undefined;
    }
    throw error;
  }
}

interface Pending {
  readonly parts: FunctionParts;
  /** Names the enclosing functions define, which a nested function reads from them. */
  readonly outer: ReadonlySet<string>;
  /**
   * Statements in the selection run in order, so a name read before they assign it comes from
   * outside; a function's every assigned name is its own, read before or after.
   */
  readonly ordered: boolean;
}

/** Walks nested functions with a list, not recursion: definitions may nest deeply. */
function freeNames(root: FunctionParts, ordered: boolean): Set<string> {
  const free = new Set<string>();
  const pending: Pending[] = [{ parts: root, outer: new Set(), ordered }];
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    const { parts, outer } = item;
    const read = (names: readonly string[], defined: ReadonlySet<string>): void => {
      for (const name of names) {
        if (!defined.has(name) && !outer.has(name)) {
          free.add(name);
        }
      }
    };
    // Defaults are computed outside the parameters they belong to.
    for (const param of parts.params) {
      if (param.default !== undefined) {
        read(namesIn(param.default), outer);
      }
    }
    const defined = item.ordered ? definedFirst(parts) : ownNames(parts);
    for (const event of statementEvents(parts.body)) {
      if (event.kind === 'define') {
        defined.add(event.definition.name.name);
        const nested = readOrUndefined(event.definition);
        if (nested !== undefined) {
          pending.push({ parts: nested, outer: new Set([...outer, ...defined]), ordered: false });
        }
      } else if (event.kind === 'read') {
        read(namesIn(event.expr), defined);
      } else {
        defined.add(event.target.name);
      }
    }
  }
  return free;
}

/** What is defined before the first statement runs: parameters and hoisted functions. */
function definedFirst(parts: FunctionParts): Set<string> {
  const defined = new Set(parts.params.map((param) => param.name.name));
  for (const statement of parts.body) {
    if (statement.kind === 'function' && statement.definition.hoisted) {
      defined.add(statement.definition.name.name);
    }
  }
  return defined;
}

/** Every name a function makes its own: parameters, assigned names, declarations. */
function ownNames(parts: FunctionParts): Set<string> {
  const own = new Set(parts.params.map((param) => param.name.name));
  for (const declared of parts.declared ?? []) {
    own.add(declared.name);
  }
  for (const event of statementEvents(parts.body)) {
    if (event.kind === 'bind') {
      own.add(event.target.name);
    } else if (event.kind === 'define') {
      own.add(event.definition.name.name);
    }
  }
  return own;
}

/** Every name `expr` reads, in either branch of a conditional, and every function it calls. */
export function namesIn(expr: Expr): string[] {
  const names: string[] = [];
  /** What comprehensions and callbacks bind is theirs (approximately: by name). */
  const bound = new Set<string>();
  const stack: Expr[] = [expr];
  for (let current = stack.pop(); current !== undefined; current = stack.pop()) {
    if (current.kind === 'name') {
      names.push(current.name);
    } else if (current.kind === 'call') {
      names.push(current.callee.name);
      stack.push(...current.args, ...current.keywords.map((keyword) => keyword.value));
    } else if (current.kind === 'list') {
      boundNamesOf(current.of).forEach((name) => bound.add(name));
      stack.push(...listParts(current.of));
    } else {
      stack.push(...parts(current));
    }
  }
  return bound.size === 0 ? names : names.filter((name) => !bound.has(name));
}

function parts(expr: Exclude<Expr, { kind: 'call' | 'list' }>): readonly Expr[] {
  switch (expr.kind) {
    case 'number':
    case 'name':
      return [];
    case 'op':
    case 'formula':
      return expr.args;
    case 'compare':
      return expr.operands;
    case 'logical':
      return [expr.left, expr.right];
    case 'not':
    case 'detached':
      return [expr.operand];
    case 'conditional':
      return [expr.test, expr.consequent, expr.alternative];
  }
}
