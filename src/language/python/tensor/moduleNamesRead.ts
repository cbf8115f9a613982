/**
 * The module-level names a function reads when it runs: the names in its body that are not its
 * parameters or locals, through the functions it calls, and through the module statements that
 * assign them (their own names are read too). Any identifier counts (an attribute's name as
 * well), so the set may hold more than the function reads, never less.
 */
import { assignedNamesIn, field, walkOverlapping } from '../../code/syntax';
import type { SyntaxNode } from '../../code/treeSitter';
import { spanOf } from '../../span';
import { parametersOf } from './arraySyntax';

/** What an assignment binds, by the node type that assigns and its target's field. */
const TARGETS = { assignment: 'left', augmented_assignment: 'left', for_statement: 'left' };

export function moduleNamesRead(
  definition: SyntaxNode,
  /** The functions the module defines, by name. */
  definitions: ReadonlyMap<string, SyntaxNode>,
  /** The module's statements read before the function runs, in order. */
  statements: readonly SyntaxNode[],
): Set<string> {
  const wanted = new Set<string>();
  const visited = new Set<number>();
  const addFunction = (fn: SyntaxNode): void => {
    if (visited.has(fn.id)) {
      return;
    }
    visited.add(fn.id);
    addNames(globalsOf(fn));
  };
  const addNames = (names: readonly string[]): void => {
    for (const name of names) {
      wanted.add(name);
      const called = definitions.get(name);
      if (called !== undefined) {
        addFunction(called);
      }
    }
  };
  addFunction(definition);
  // Walking back: a statement assigning a wanted name makes what it reads wanted too.
  for (const statement of [...statements].reverse()) {
    if (assignedNamesIn(statement, TARGETS).some((name) => wanted.has(name))) {
      addNames(identifiersIn(statement));
    }
  }
  return wanted;
}

/** The names a function's body (and its defaults, read at the module) reads from outside. */
function globalsOf(fn: SyntaxNode): string[] {
  const body = field(fn, 'body');
  const params = parametersOf(fn);
  const defaults = params.flatMap((param) =>
    param.default === undefined ? [] : identifiersIn(param.default),
  );
  if (body === undefined) {
    return defaults;
  }
  const own = new Set(params.map((param) => param.name));
  // `global x` makes an assigned x the module's: then no assigned name is taken for a local.
  if (!hasNodeOfType(body, /^(?:global|nonlocal)_statement$/)) {
    assignedNamesIn(body, TARGETS).forEach((name) => own.add(name));
  }
  return [...identifiersIn(body).filter((name) => !own.has(name)), ...defaults];
}

function identifiersIn(node: SyntaxNode): string[] {
  const names: string[] = [];
  walkOverlapping(node, spanOf(node), (cursor) => {
    if (cursor.nodeType === 'identifier') {
      names.push(cursor.nodeText);
    }
    return true;
  });
  return names;
}

function hasNodeOfType(node: SyntaxNode, type: RegExp): boolean {
  let found = false;
  walkOverlapping(node, spanOf(node), (cursor) => {
    found ||= type.test(cursor.nodeType);
    return !found;
  });
  return found;
}
