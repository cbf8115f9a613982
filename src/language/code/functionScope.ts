/**
 * Which function each name stands for where the selection starts, from the definitions the
 * scope walk found: folded in document order, so an assignment of the name after its `def`
 * (or a loop that may rebind it) takes the function away, and `h = g` makes h another name
 * for g's.
 *
 * A function defined outside the function the selection is in reads the names it does not
 * define from further out. When the selection's scope has its own name of the same spelling,
 * one graph cannot tell the two apart (both would be the input `w`), so calling that function
 * is refused rather than silently reading the wrong one.
 */
import { statementEvents } from './statementWalk';
import type { Fragment, FunctionDefinition, Statement } from './codeAst';
import { CodeError } from './codeError';
import { namesIn, namesReadBy, readOrUndefined } from './freeNames';
import { targetNames } from './listAst';
import type { Scope } from './scopeWalk';

export function functionsInScope(
  scope: Scope,
  fragment: Fragment,
): Map<string, FunctionDefinition> {
  const functions = new Map<string, FunctionDefinition>();
  const bindsInside = boundInside(scope, fragment);
  for (const event of scope.events) {
    switch (event.kind) {
      case 'statement':
        markStaleDefaults(functions, namesBoundBy(event.statement));
        bind(functions, event.statement, (definition) =>
          event.depth === 0
            ? definition
            : checked(definition, (name) => bindsInside(name, event.depth)),
        );
        break;
      case 'forget':
        markStaleDefaults(functions, event.names);
        event.names.forEach((name) => functions.delete(name));
        break;
      case 'parameters':
        event.params.forEach((param) => functions.delete(param.name.name));
        break;
    }
  }
  return functions;
}

function namesBoundBy(statement: Statement): string[] {
  switch (statement.kind) {
    case 'assign':
      return [statement.target.name];
    case 'function':
      return [statement.definition.name.name];
    case 'unpack':
      return targetNames(statement.target).map((target) => target.name);
    case 'expression':
    case 'return':
    case 'break':
    case 'continue':
      return [];
    case 'if':
    case 'for':
    case 'while':
    case 'switch':
    case 'block':
      return statementEvents([statement]).flatMap((event) =>
        event.kind === 'bind'
          ? [event.target.name]
          : event.kind === 'define'
            ? [event.definition.name.name]
            : [],
      );
  }
}

/**
 * Python computed a default when its `def` ran: once a name the default reads is bound again,
 * the value it kept is no longer the name's, so a call that needs it is refused.
 */
function markStaleDefaults(
  functions: Map<string, FunctionDefinition>,
  rebound: readonly string[],
): void {
  if (rebound.length === 0) {
    return;
  }
  for (const [name, definition] of functions) {
    const stale = staleDefaultsOf(definition, new Set(rebound));
    if (stale.size > 0) {
      const before = definition.staleDefaults ?? new Map<string, string>();
      functions.set(name, { ...definition, staleDefaults: new Map([...before, ...stale]) });
    }
  }
}

function staleDefaultsOf(
  definition: FunctionDefinition,
  rebound: ReadonlySet<string>,
): Map<string, string> {
  const stale = new Map<string, string>();
  const params = definition.defaults === 'definition' ? readOrUndefined(definition)?.params : [];
  const fn = definition.name.name;
  for (const param of params ?? []) {
    const read = param.default === undefined ? undefined : namesIn(param.default);
    const name = read?.find((candidate) => rebound.has(candidate));
    if (name !== undefined) {
      stale.set(
        param.name.name,
        `\`${fn}\`'s default for \`${param.name.name}\` was computed when \`${fn}\` was defined, and \`${name}\` is assigned again after that, before the selection: the value Python kept is not known here — select from the definition of \`${fn}\` on, or pass \`${param.name.name}\``,
      );
    }
  }
  return stale;
}

function bind(
  functions: Map<string, FunctionDefinition>,
  statement: Statement,
  check: (definition: FunctionDefinition) => FunctionDefinition,
): void {
  if (statement.kind === 'function') {
    functions.set(statement.definition.name.name, check(statement.definition));
    return;
  }
  if (statement.kind !== 'assign') {
    return;
  }
  const { target, value } = statement;
  const aliased = value.kind === 'name' ? functions.get(value.name) : undefined;
  if (aliased === undefined) {
    functions.delete(target.name);
  } else {
    functions.set(target.name, aliased);
  }
}

/** Whether a scope nearer the selection than `depth` binds `name`. */
function boundInside(scope: Scope, fragment: Fragment): (name: string, depth: number) => boolean {
  const own = new Set((fragment.params ?? []).map((param) => param.name.name));
  for (const statement of fragment.body) {
    if (statement.kind === 'assign') {
      own.add(statement.target.name);
    } else if (statement.kind === 'function') {
      own.add(statement.definition.name.name);
    }
  }
  return (name, depth) => own.has(name) || (scope.settled.get(name) ?? Infinity) < depth;
}

/** The definition, or one that refuses to be read when it would read a shadowed name. */
function checked(
  definition: FunctionDefinition,
  shadowed: (name: string) => boolean,
): FunctionDefinition {
  const name = [...namesReadBy(definition)].find(shadowed);
  if (name === undefined) {
    return definition;
  }
  const fn = definition.name.name;
  return {
    ...definition,
    read: () => {
      throw new CodeError(
        'unsupported',
        `\`${fn}\` reads the \`${name}\` outside it, but where \`${fn}\` is called another \`${name}\` hides that one: the two cannot be told apart here, rename one of them`,
        definition.name.span,
      );
    },
  };
}
