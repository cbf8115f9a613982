/**
 * Python's loops and branches to the neutral form: `if`/`elif`/`else`, `for` over `range(…)`,
 * list and tuple literals, `enumerate`, `zip`, `reversed` (and other lists, as the lowering
 * knows them), `while`, `break`, `continue` and the `else:` of a loop. Lowering unrolls them
 * with the known values (define-by-run).
 */
import type { Expr, LoopIterable, Statement } from '../code/codeAst';
import { unsupported } from '../code/codeError';
import type { Syntax } from '../code/snapshot';
import { spanOf, type Span } from '../span';
import { excerpt, field, meaningfulChildren, required } from '../code/syntax';
import { readNested } from '../code/loops';
import { pythonTarget } from './pythonLists';

export interface ControlParts {
  readonly expression: (node: Syntax) => Expr;
  /** The statements of a block. */
  readonly block: (node: Syntax) => Statement[];
}

const CONTROL = new Set([
  'if_statement',
  'for_statement',
  'while_statement',
  'break_statement',
  'continue_statement',
]);

/** The statement `node` is when it is a loop or branch; undefined for any other. */
export function pythonControl(node: Syntax, parts: ControlParts): Statement | undefined {
  if (!CONTROL.has(node.type)) {
    return undefined;
  }
  return readNested(spanOf(node), () => read(node, parts));
}

function read(node: Syntax, parts: ControlParts): Statement | undefined {
  const span = spanOf(node);
  switch (node.type) {
    case 'if_statement':
      return ifStatement(node, parts);
    case 'for_statement':
      return forStatement(node, parts);
    case 'while_statement':
      return whileStatement(node, parts);
    case 'break_statement':
      return { kind: 'break', span };
    default:
      return { kind: 'continue', span };
  }
}

function ifStatement(node: Syntax, parts: ControlParts): Statement {
  let alternative: Statement[] = [];
  const clauses = node.childrenForFieldName('alternative');
  for (let i = clauses.length - 1; i >= 0; i -= 1) {
    const clause = clauses[i];
    if (clause === undefined) {
      continue;
    }
    if (clause.type === 'else_clause') {
      alternative = parts.block(required(clause, 'body'));
    } else {
      alternative = [
        {
          kind: 'if',
          test: parts.expression(required(clause, 'condition')),
          consequent: parts.block(required(clause, 'consequence')),
          alternative,
          span: spanOf(clause),
        },
      ];
    }
  }
  return {
    kind: 'if',
    test: parts.expression(required(node, 'condition')),
    consequent: parts.block(required(node, 'consequence')),
    alternative,
    span: spanOf(node),
  };
}

function orElse(node: Syntax, parts: ControlParts): { orElse?: Statement[] } {
  const clause = field(node, 'alternative');
  return clause === undefined ? {} : { orElse: parts.block(required(clause, 'body')) };
}

function header(node: Syntax, last: Syntax): Span {
  return { from: spanOf(node).from, to: spanOf(last).to };
}

function forStatement(node: Syntax, parts: ControlParts): Statement {
  const left = required(node, 'left');
  const right = required(node, 'right');
  return {
    kind: 'for',
    target: pythonTarget(left),
    iterable: iterable(right, parts),
    body: parts.block(required(node, 'body')),
    ...orElse(node, parts),
    label: excerpt(`for ${left.text} in ${right.text}`),
    header: header(node, right),
    span: spanOf(node),
  };
}

function whileStatement(node: Syntax, parts: ControlParts): Statement {
  const condition = required(node, 'condition');
  return {
    kind: 'while',
    test: parts.expression(condition),
    body: parts.block(required(node, 'body')),
    testFirst: true,
    ...orElse(node, parts),
    label: excerpt(`while ${condition.text}`),
    header: header(node, condition),
    span: spanOf(node),
  };
}

const ITERATORS = new Set(['range', 'enumerate', 'zip', 'reversed']);

function iterable(node: Syntax, parts: ControlParts): LoopIterable {
  const span = spanOf(node);
  if (node.type === 'list' || node.type === 'tuple') {
    return { kind: 'items', items: meaningfulChildren(node).map(parts.expression), span };
  }
  if (node.type === 'parenthesized_expression') {
    const [inner] = meaningfulChildren(node);
    return inner === undefined ? { kind: 'items', items: [], span } : iterable(inner, parts);
  }
  const callee = node.type === 'call' ? field(node, 'function') : undefined;
  if (callee?.type !== 'identifier' || !ITERATORS.has(callee.text)) {
    return { kind: 'list', expr: parts.expression(node), span };
  }
  const args = meaningfulChildren(required(node, 'arguments'));
  const positional = args.filter((arg) => arg.type !== 'keyword_argument');
  const keywords = args.filter((arg) => arg.type === 'keyword_argument');
  const refuse = (why: string): never => {
    throw unsupported(`\`${excerpt(node.text)}\``, span, why);
  };
  switch (callee.text) {
    case 'range':
      if (positional.length < 1 || positional.length > 3 || keywords.length > 0) {
        refuse('`range` takes 1 to 3 arguments');
      }
      return { kind: 'range', args: positional.map(parts.expression), span };
    case 'enumerate': {
      const [of, startArg] = positional;
      const keyword = keywords.find((arg) => field(arg, 'name')?.text === 'start');
      const start = startArg ?? (keyword === undefined ? undefined : required(keyword, 'value'));
      if (of === undefined || positional.length > 2 || keywords.length > (keyword ? 1 : 0)) {
        return refuse('`enumerate` takes a list and a start');
      }
      return {
        kind: 'enumerate',
        of: iterable(of, parts),
        ...(start === undefined ? {} : { start: parts.expression(start) }),
        span,
      };
    }
    case 'zip':
      if (keywords.length > 0) {
        refuse('`zip` of lists, without keywords');
      }
      return { kind: 'zip', of: positional.map((arg) => iterable(arg, parts)), span };
    default: {
      const [of] = positional;
      if (of === undefined || positional.length > 1 || keywords.length > 0) {
        return refuse('`reversed` takes one list');
      }
      return { kind: 'reversed', of: iterable(of, parts), span };
    }
  }
}
