/**
 * Which syntax nodes a selection means. A selection of whole statements or of one whole
 * expression is taken as it is; one that cuts a token or a statement in half is widened to the
 * nearest whole node; one that is no node at all (`b + c` in `a + b + c`, which is read
 * `(a + b) + c`) is rejected rather than silently widened to something else. An empty selection
 * means the statement at the cursor; no selection means the whole document.
 */
import type { SourceRange } from '../../engine/ir';
import { CodeError } from './codeError';
import type { SourceLines } from '../sourceLines';
import { spanOf, type Span } from '../span';
import { excerpt, fieldOf, isComment, meaningfulChildren, walkOverlapping } from './syntax';
import type { SyntaxNode } from './treeSitter';

export interface SelectionSyntax {
  /** Node types whose children are statements: `module`, `block`, `program` … */
  readonly containers: ReadonlySet<string>;
  /** Whether `node` is a value that can be inspected by itself (not a name being assigned). */
  isExpression(node: SyntaxNode): boolean;
}

/** The node types that decide, in a language's grammar, whether a node is an inspectable value. */
export interface ExpressionNodes {
  /** The node types of values. */
  readonly expressions: ReadonlySet<string>;
  /** Fields that hold a name being defined, a callee or a type, not a value. */
  readonly nameFields: ReadonlySet<string>;
  /** Node types whose `left` field is the target they assign. */
  readonly assigning: ReadonlySet<string>;
  /** Node types whose children are names (parameter lists, dotted names). */
  readonly nameLists: ReadonlySet<string>;
}

/** `isExpression` for a language: a value node that is not a name being defined. */
export function expressionTest(nodes: ExpressionNodes): (node: SyntaxNode) => boolean {
  return (node) => {
    if (!nodes.expressions.has(node.type)) {
      return false;
    }
    const parent = node.parent;
    if (parent === null) {
      return true;
    }
    if (nodes.nameLists.has(parent.type)) {
      return false;
    }
    const slot = fieldOf(node);
    return !(
      slot !== undefined &&
      (nodes.nameFields.has(slot) || (slot === 'left' && nodes.assigning.has(parent.type)))
    );
  };
}

export interface Target {
  readonly kind: 'statements' | 'expression';
  /** Statements of one container in document order, or the one expression. */
  readonly nodes: readonly SyntaxNode[];
  readonly span: Span;
}

/** Tokens that may be left out of a selection without changing what it means. */
const PUNCTUATION = new Set(['(', ')', '[', ']', '{', '}', ',', ';']);

export function resolveSelection(
  root: SyntaxNode,
  lines: SourceLines,
  selection: SourceRange | undefined,
  syntax: SelectionSyntax,
): Target {
  if (selection === undefined) {
    return {
      kind: 'statements',
      nodes: meaningfulChildren(root),
      span: { from: 0, to: lines.text.length },
    };
  }
  const start = lines.offsetAt(selection.start);
  const end = lines.offsetAt(selection.end);
  if (start === undefined || end === undefined) {
    throw new CodeError(
      'selection',
      `the selection (lines ${selection.start.line + 1} to ${selection.end.line + 1}) lies outside the document of ${lines.lineCount} lines`,
      { from: 0, to: 0 },
    );
  }
  const from = Math.min(start, end);
  const to = Math.max(start, end);
  return from === to
    ? statementAtCursor(root, lines, from, syntax)
    : selectedNodes(root, lines.text, { from, to }, syntax);
}

function isStatement(node: SyntaxNode, syntax: SelectionSyntax): boolean {
  const parent = node.parent;
  return parent !== null && syntax.containers.has(parent.type) && node.isNamed && !isComment(node);
}

function statementAtCursor(
  root: SyntaxNode,
  lines: SourceLines,
  offset: number,
  syntax: SelectionSyntax,
): Target {
  const line = lines.lineOf(offset);
  const code = codeOnLine(lines, line);
  if (code === undefined) {
    throw new CodeError(
      'selection',
      `line ${line + 1} is blank: put the cursor on a statement, or select code`,
      { from: offset, to: offset },
    );
  }
  // On the indentation or after the end of the line, the cursor means the code on that line.
  const at = Math.min(Math.max(offset, code.from), code.to - 1);
  for (const probe of [at, code.from]) {
    const statement = enclosingStatement(root.descendantForIndex(probe), syntax);
    if (statement !== undefined) {
      return { kind: 'statements', nodes: [statement], span: spanOf(statement) };
    }
  }
  throw new CodeError(
    'selection',
    `there is no statement at line ${line + 1}: put the cursor on a statement, or select code`,
    code,
  );
}

/** The non-blank part of `line`, or undefined for a blank line. */
function codeOnLine(lines: SourceLines, line: number): Span | undefined {
  const code = trimBlanks(lines.text, { from: lines.lineStart(line), to: lines.lineEnd(line) });
  return code.from < code.to ? code : undefined;
}

function enclosingStatement(
  node: SyntaxNode | null,
  syntax: SelectionSyntax,
): SyntaxNode | undefined {
  for (let current = node; current !== null; current = current.parent) {
    if (isStatement(current, syntax)) {
      return current;
    }
  }
  return undefined;
}

function selectedNodes(
  root: SyntaxNode,
  text: string,
  selected: Span,
  syntax: SelectionSyntax,
): Target {
  const trimmed = trimBlanks(text, selected);
  if (trimmed.from >= trimmed.to) {
    throw new CodeError('selection', 'the selection holds only blank space', selected);
  }
  const wanted = widenToTokens(root, trimmed);
  const covering = coveringNode(root, wanted);
  let node = covering;
  while (!isSelectable(node, syntax) && node.parent !== null) {
    node = node.parent;
  }
  if (syntax.containers.has(node.type)) {
    return statementsIn(node, wanted);
  }
  if (isStatement(node, syntax)) {
    return { kind: 'statements', nodes: [node], span: spanOf(node) };
  }
  const exact = node.startIndex === wanted.from && node.endIndex === wanted.to;
  if (!exact && node === covering && !onlyPunctuationOutside(node, wanted)) {
    throw new CodeError(
      'selection',
      `the selection \`${excerpt(text.slice(wanted.from, wanted.to))}\` is not a whole expression: it is part of \`${excerpt(node.text)}\`. Select a whole expression or whole statements`,
      wanted,
    );
  }
  return { kind: 'expression', nodes: [node], span: spanOf(node) };
}

function isSelectable(node: SyntaxNode, syntax: SelectionSyntax): boolean {
  return syntax.containers.has(node.type) || isStatement(node, syntax) || syntax.isExpression(node);
}

/** The statements of `container` that overlap `wanted`, found without visiting the others. */
function statementsIn(container: SyntaxNode, wanted: Span): Target {
  const nodes: SyntaxNode[] = [];
  const cursor = container.walk();
  try {
    let more = cursor.gotoFirstChildForIndex(wanted.from);
    while (more && cursor.startIndex < wanted.to) {
      if (cursor.endIndex > wanted.from && cursor.nodeIsNamed && cursor.nodeType !== 'comment') {
        nodes.push(cursor.currentNode);
      }
      more = cursor.gotoNextSibling();
    }
  } finally {
    cursor.delete();
  }
  const first = nodes[0];
  const last = nodes[nodes.length - 1];
  if (first === undefined || last === undefined) {
    throw new CodeError('selection', 'the selection holds only comments', wanted);
  }
  return { kind: 'statements', nodes, span: { from: first.startIndex, to: last.endIndex } };
}

function trimBlanks(text: string, span: Span): Span {
  let { from, to } = span;
  while (from < to && isBlank(text, from)) {
    from++;
  }
  while (to > from && isBlank(text, to - 1)) {
    to--;
  }
  return { from, to };
}

function isBlank(text: string, offset: number): boolean {
  return /\s/.test(text[offset] ?? '');
}

/** A selection that starts or ends inside a token (`ead` of `head`) takes the whole token. */
function widenToTokens(root: SyntaxNode, span: Span): Span {
  const first = root.descendantForIndex(span.from);
  const last = root.descendantForIndex(span.to - 1);
  const from =
    first !== null && first.childCount === 0 && first.startIndex < span.from
      ? first.startIndex
      : span.from;
  const to =
    last !== null && last.childCount === 0 && last.endIndex > span.to ? last.endIndex : span.to;
  return { from, to };
}

/** The smallest node that contains all of `span`. */
function coveringNode(root: SyntaxNode, span: Span): SyntaxNode {
  let node = root;
  for (;;) {
    const child = node.firstChildForIndex(span.from);
    if (child === null || child.startIndex > span.from || child.endIndex < span.to) {
      return node;
    }
    node = child;
  }
}

/** Whether everything of `node` outside `span` is brackets, commas or comments. */
function onlyPunctuationOutside(node: SyntaxNode, span: Span): boolean {
  let harmless = true;
  walkOverlapping(node, spanOf(node), (cursor) => {
    const outside = cursor.endIndex <= span.from || cursor.startIndex >= span.to;
    const type = cursor.nodeType;
    if (outside && type !== 'comment' && cursor.currentNode.childCount === 0) {
      harmless &&= PUNCTUATION.has(type);
    }
    return harmless;
  });
  return harmless;
}
