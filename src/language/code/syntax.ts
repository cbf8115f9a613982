/**
 * Small helpers over syntax nodes, shared by the Python and JavaScript readers. They work on
 * tree-sitter's nodes and on the readers' plain copies (`Syntax`) alike.
 */
import { CodeError } from './codeError';
import { spanOf, type Span } from '../span';
import type { SyntaxNode, TreeCursor } from './treeSitter';

/** What both a tree-sitter node and a `Syntax` copy offer. */
export interface NodeLike<N> {
  readonly type: string;
  readonly text: string;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly namedChildren: readonly (N | null)[];
  childForFieldName(name: string): N | null;
}

/** Comments are named nodes that may sit between any two children; readers skip them. */
export function isComment(node: { readonly type: string }): boolean {
  return node.type === 'comment';
}

/** The named children that carry meaning: everything but comments. */
export function meaningfulChildren<N extends NodeLike<N>>(node: N): N[] {
  return node.namedChildren.filter((child): child is N => child !== null && !isComment(child));
}

/** The only meaningful child, e.g. the inside of parentheses; undefined when not exactly one. */
export function onlyChild<N extends NodeLike<N>>(node: N): N | undefined {
  const children = meaningfulChildren(node);
  return children.length === 1 ? children[0] : undefined;
}

export function field<N extends NodeLike<N>>(node: N, name: string): N | undefined {
  return node.childForFieldName(name) ?? undefined;
}

/** A field the grammar always fills; missing only in a tree with syntax errors. */
export function required<N extends NodeLike<N>>(node: N, name: string): N {
  return field(node, name) ?? missing(node);
}

/** A part of `node` that is not there: only a malformed tree gets here. */
export function missing(node: NodeLike<unknown>): never {
  throw new CodeError('syntax', `\`${excerpt(node.text)}\` is incomplete`, spanOf(node));
}

/** The field of its parent that `node` fills (`left`, `name` …), or undefined. */
export function fieldOf(node: SyntaxNode): string | undefined {
  const parent = node.parent;
  if (parent === null) {
    return undefined;
  }
  for (let i = 0; i < parent.childCount; i++) {
    if (parent.child(i)?.id === node.id) {
      return parent.fieldNameForChild(i) ?? undefined;
    }
  }
  return undefined;
}

/**
 * Visits, in document order, the nodes that overlap `span`, through a tree cursor (so neither
 * depth nor width costs stack, and no node object is made unless `visit` asks the cursor for
 * one); `visit` says whether to go into the node's children.
 */
export function walkOverlapping(
  root: SyntaxNode,
  span: Span,
  visit: (cursor: TreeCursor) => boolean,
): void {
  const cursor = root.walk();
  try {
    for (;;) {
      if (overlaps(cursor.startIndex, cursor.endIndex, span) && visit(cursor)) {
        if (cursor.gotoFirstChildForIndex(span.from)) {
          continue;
        }
      }
      while (!(cursor.gotoNextSibling() && cursor.startIndex <= span.to)) {
        if (!cursor.gotoParent()) {
          return;
        }
      }
    }
  } finally {
    cursor.delete();
  }
}

/** Zero-width nodes (a MISSING `)`) overlap a span they touch. */
function overlaps(start: number, end: number, span: Span): boolean {
  return start === end
    ? start >= span.from && start <= span.to
    : start < span.to && end > span.from;
}

/**
 * Every name assigned anywhere inside `node`: `targets` says, per node type, which field holds
 * the assigned target (`left` of an assignment, `name` of a declaration …).
 */
export function assignedNamesIn(
  node: SyntaxNode,
  targets: Readonly<Record<string, string>>,
): string[] {
  const names: string[] = [];
  walkOverlapping(node, spanOf(node), (cursor) => {
    const fieldName = targets[cursor.nodeType];
    const target = fieldName === undefined ? undefined : field(cursor.currentNode, fieldName);
    if (target !== undefined) {
      walkOverlapping(target, spanOf(target), (part) => {
        if (NAME_TYPES.has(part.nodeType)) {
          names.push(part.nodeText);
        }
        return true;
      });
    }
    return true;
  });
  return names;
}

const NAME_TYPES = new Set(['identifier', 'shorthand_property_identifier_pattern']);

/** The source text of a node on one line, shortened for a message. */
export function excerpt(text: string, limit = 40): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > limit ? `${line.slice(0, limit - 1)}…` : line;
}
