/**
 * The reads, assignments and definitions of statements in the order they are written, through
 * `if`, loops, `switch` and blocks: what finding free names, a function's own names and first
 * assignments needs, without caring which branch runs or how often.
 */
import type {
  Expr,
  FunctionDefinition,
  LoopIterable,
  LoopTarget,
  NameAt,
  Statement,
} from './codeAst';

export type StatementEvent =
  | { readonly kind: 'read'; readonly expr: Expr }
  | { readonly kind: 'bind'; readonly target: NameAt }
  | { readonly kind: 'define'; readonly definition: FunctionDefinition };

type Pending = { readonly statement: Statement } | { readonly event: StatementEvent };

/** With a stack, not recursion: blocks may nest deeply. */
export function statementEvents(statements: readonly Statement[]): StatementEvent[] {
  const events: StatementEvent[] = [];
  const stack: Pending[] = statements.map((statement) => ({ statement })).reverse();
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    if ('event' in item) {
      events.push(item.event);
      continue;
    }
    const parts = expand(item.statement);
    for (let i = parts.length - 1; i >= 0; i -= 1) {
      const part = parts[i];
      if (part !== undefined) {
        stack.push(
          'kind' in part && isEvent(part) ? { event: part } : { statement: part as Statement },
        );
      }
    }
  }
  return events;
}

function isEvent(part: Statement | StatementEvent): part is StatementEvent {
  return part.kind === 'read' || part.kind === 'bind' || part.kind === 'define';
}

function read(expr: Expr): StatementEvent {
  return { kind: 'read', expr };
}

function expand(statement: Statement): (Statement | StatementEvent)[] {
  switch (statement.kind) {
    case 'assign':
      return [read(statement.value), { kind: 'bind', target: statement.target }];
    case 'expression':
    case 'return':
      return [read(statement.value)];
    case 'function':
      return [{ kind: 'define', definition: statement.definition }];
    case 'unpack':
      return [
        read(statement.value),
        ...targetNames(statement.target).map((target): StatementEvent => ({
          kind: 'bind',
          target,
        })),
      ];
    case 'if':
      return [read(statement.test), ...statement.consequent, ...statement.alternative];
    case 'for':
      return [
        ...iterableExprs(statement.iterable).map(read),
        ...targetNames(statement.target).map((target): StatementEvent => ({
          kind: 'bind',
          target,
        })),
        ...statement.body,
        ...(statement.orElse ?? []),
      ];
    case 'while':
      return [
        ...(statement.init ?? []),
        ...(statement.test === undefined ? [] : [read(statement.test)]),
        ...statement.body,
        ...(statement.update ?? []),
        ...(statement.orElse ?? []),
      ];
    case 'switch':
      return [
        read(statement.discriminant),
        ...statement.cases.flatMap((branch) => [
          ...(branch.test === undefined ? [] : [read(branch.test)]),
          ...branch.body,
        ]),
      ];
    case 'block':
      return [...statement.body];
    case 'break':
    case 'continue':
      return [];
  }
}

/** The names a loop target binds, in order. */
export function targetNames(target: LoopTarget): NameAt[] {
  if (!('kind' in target)) {
    return [target];
  }
  return target.items.flatMap(targetNames);
}

/** The expressions an iterable computes. */
export function iterableExprs(iterable: LoopIterable): Expr[] {
  switch (iterable.kind) {
    case 'range':
      return [...iterable.args];
    case 'items':
      return [...iterable.items];
    case 'list':
      return [iterable.expr];
    case 'enumerate':
      return [
        ...(iterable.start === undefined ? [] : [iterable.start]),
        ...iterableExprs(iterable.of),
      ];
    case 'zip':
      return iterable.of.flatMap(iterableExprs);
    case 'reversed':
      return iterableExprs(iterable.of);
  }
}
