/**
 * JavaScript's and TypeScript's loops and branches to the neutral form: `if`/`else`, `for (init;
 * test; update)`, `for…of` over an array literal, `while`, `do…while`, `switch` (cases compared
 * with ===, falling through), `break`, `continue` and blocks, whose `let`/`const` names are their
 * own. Lowering unrolls them with the known values (define-by-run).
 */
import type { Expr, LoopIterable, LoopTarget, Statement } from '../code/codeAst';
import { unsupported } from '../code/codeError';
import type { Syntax } from '../code/snapshot';
import { spanOf, type Span } from '../span';
import { excerpt, field, meaningfulChildren, required } from '../code/syntax';
import { readNested } from '../code/loops';
import { javascriptTarget } from './javascriptLists';

export interface ControlParts {
  readonly expression: (node: Syntax) => Expr;
  /** One statement as the reader reads it. */
  readonly statements: (node: Syntax) => Statement[];
  /** An expression used as a statement (`i++`, `i += 2`, `x = …`). */
  readonly effect: (node: Syntax) => Statement[];
}

const CONTROL = new Set([
  'if_statement',
  'for_statement',
  'for_in_statement',
  'while_statement',
  'do_statement',
  'switch_statement',
  'break_statement',
  'continue_statement',
  'statement_block',
]);

const DECLARATIONS = new Set(['lexical_declaration', 'variable_declaration']);

/** The statements `node` is when it is a loop or branch; undefined for any other. */
export function javascriptControl(node: Syntax, parts: ControlParts): Statement[] | undefined {
  if (!CONTROL.has(node.type)) {
    return undefined;
  }
  return readNested(spanOf(node), () => read(node, parts));
}

function read(node: Syntax, parts: ControlParts): Statement[] | undefined {
  const span = spanOf(node);
  switch (node.type) {
    case 'if_statement': {
      const alternative = field(node, 'alternative');
      const otherwise = alternative === undefined ? undefined : meaningfulChildren(alternative)[0];
      return [
        {
          kind: 'if',
          test: parts.expression(required(node, 'condition')),
          consequent: body(required(node, 'consequence'), parts),
          alternative: otherwise === undefined ? [] : body(otherwise, parts),
          span,
        },
      ];
    }
    case 'for_statement':
      return forStatement(node, parts);
    case 'for_in_statement':
      return [forOf(node, parts)];
    case 'while_statement':
    case 'do_statement': {
      const condition = required(node, 'condition');
      const loopBody = required(node, 'body');
      const doWhile = node.type === 'do_statement';
      return [
        {
          kind: 'while',
          test: parts.expression(condition),
          body: body(loopBody, parts),
          testFirst: !doWhile,
          label: excerpt(doWhile ? `do … while ${condition.text}` : `while ${condition.text}`),
          header: doWhile ? spanOf(condition) : { from: span.from, to: spanOf(condition).to },
          span,
        },
      ];
    }
    case 'switch_statement':
      return [switchStatement(node, parts)];
    case 'break_statement':
    case 'continue_statement': {
      const kind = node.type === 'break_statement' ? 'break' : 'continue';
      if (field(node, 'label') !== undefined) {
        throw unsupported(`a labeled \`${kind}\``, span, `use \`${kind}\` without a label`);
      }
      return [{ kind, span }];
    }
    default:
      return body(node, parts);
  }
}

/** A loop's or branch's body: a block (its own scope) or one statement. */
function body(node: Syntax, parts: ControlParts): Statement[] {
  if (node.type !== 'statement_block') {
    return parts.statements(node);
  }
  const statements = meaningfulChildren(node).flatMap(parts.statements);
  const scoped = scopedNames(meaningfulChildren(node));
  return scoped.length === 0
    ? statements
    : [{ kind: 'block', body: statements, scoped, span: spanOf(node) }];
}

/** The names `let` and `const` declare among statements (block-scoped). */
function scopedNames(statements: readonly Syntax[]): string[] {
  return statements.flatMap((statement) => {
    if (statement.type !== 'lexical_declaration') {
      return [];
    }
    return meaningfulChildren(statement)
      .map((declarator) => field(declarator, 'name'))
      .filter((name): name is Syntax => name?.type === 'identifier')
      .map((name) => name.text);
  });
}

function headerOf(node: Syntax, loopBody: Syntax): { label: string; header: Span } {
  const span = spanOf(node);
  const text = node.text.slice(0, spanOf(loopBody).from - span.from).trim();
  return {
    label: excerpt(text.replace(/\s+/g, ' ')),
    header: { from: span.from, to: span.from + text.length },
  };
}

/** `for (init; test; update) body` is `{ init; while (test) { body; update } }`. */
function forStatement(node: Syntax, parts: ControlParts): Statement[] {
  const initializer = field(node, 'initializer');
  const condition = field(node, 'condition');
  const increment = field(node, 'increment');
  const loopBody = required(node, 'body');
  const init =
    initializer === undefined || initializer.type === 'empty_statement'
      ? []
      : DECLARATIONS.has(initializer.type) || initializer.type === 'expression_statement'
        ? parts.statements(initializer)
        : parts.effect(initializer);
  const testNode =
    condition === undefined
      ? undefined
      : condition.type === 'expression_statement'
        ? meaningfulChildren(condition)[0]
        : condition.type === 'empty_statement'
          ? undefined
          : condition;
  const counter = init.find((statement) => statement.kind === 'assign');
  const loop: Statement = {
    kind: 'while',
    ...(init.length === 0 ? {} : { init }),
    ...(testNode === undefined ? {} : { test: parts.expression(testNode) }),
    body: body(loopBody, parts),
    ...(increment === undefined ? {} : { update: parts.effect(increment) }),
    testFirst: true,
    ...(counter?.kind === 'assign' ? { counter: counter.target.name } : {}),
    ...headerOf(node, loopBody),
    span: spanOf(node),
  };
  const scoped = initializer?.type === 'lexical_declaration' ? scopedNames([initializer]) : [];
  return scoped.length === 0
    ? [loop]
    : [{ kind: 'block', body: [loop], scoped, span: spanOf(node) }];
}

/** `for (const w of [a, b, c])`; `for…in` gives keys, which are no numbers to differentiate. */
function forOf(node: Syntax, parts: ControlParts): Statement {
  const operator = field(node, 'operator');
  const span = spanOf(node);
  if (node.children.some((child) => child.type === 'await')) {
    throw unsupported('a `for await` loop', span, 'an async iteration gives promises, not numbers');
  }
  if (operator?.text !== 'of') {
    throw unsupported(
      'a `for…in` loop',
      span,
      'loop with `for…of` over an array, or count with `for (let i = 0; …)`',
    );
  }
  const left = required(node, 'left');
  const right = required(node, 'right');
  const loopBody = required(node, 'body');
  const target: LoopTarget = javascriptTarget(left);
  const iterable: LoopIterable =
    right.type === 'array'
      ? {
          kind: 'items',
          items: meaningfulChildren(right).map(parts.expression),
          span: spanOf(right),
        }
      : { kind: 'list', expr: parts.expression(right), span: spanOf(right) };
  const loop: Statement = {
    kind: 'for',
    target,
    iterable,
    body: body(loopBody, parts),
    ...headerOf(node, loopBody),
    span,
  };
  return loop;
}

function switchStatement(node: Syntax, parts: ControlParts): Statement {
  const switchBody = required(node, 'body');
  const cases = meaningfulChildren(switchBody).map((branch) => {
    const value = field(branch, 'value');
    const statements = branch.childrenForFieldName('body').flatMap(parts.statements);
    return {
      ...(value === undefined || branch.type === 'switch_default'
        ? {}
        : { test: parts.expression(value) }),
      body: statements,
      span: spanOf(branch),
    };
  });
  return {
    kind: 'switch',
    discriminant: parts.expression(required(node, 'value')),
    cases,
    span: spanOf(node),
  };
}
