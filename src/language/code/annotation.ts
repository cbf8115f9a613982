/**
 * `# at: x=-2, y=5` and `// at: x=-2, y=5`: values written in a comment on the selection's
 * lines, in the comment lines just above it, or (for a selection inside a function) anywhere from
 * the comment lines above the function's header down to the selection. A later annotation of a
 * name overrides an earlier one, so the one nearest the selection wins.
 */
import type { SourceLines } from '../sourceLines';
import type { Span } from '../span';
import type { SyntaxNode } from './treeSitter';

export interface AnnotatedValue {
  readonly value: number;
  /** The `x=-2` part of the comment. */
  readonly span: Span;
}

/** Where annotations count for code spanning `from`–`to`: whole lines, plus comments above. */
export function annotationRegion(
  lines: SourceLines,
  from: number,
  to: number,
  commentStarts: readonly string[],
): Span {
  let top = lines.lineOf(from);
  while (top > 0 && isCommentLine(lines, top - 1, commentStarts)) {
    top--;
  }
  return { from: lines.lineStart(top), to: lines.lineEnd(lines.lineOf(to)) };
}

export function annotatedValues(
  root: SyntaxNode,
  text: string,
  region: Span,
): Map<string, AnnotatedValue> {
  const values = new Map<string, AnnotatedValue>();
  // Looking for comment openers in the text and asking the tree only there is much faster than
  // walking every node of a long selection; the tree says which are really comments.
  COMMENT_OPENER.lastIndex = region.from;
  for (
    let match = COMMENT_OPENER.exec(text);
    match !== null && match.index < region.to;
    match = COMMENT_OPENER.exec(text)
  ) {
    const comment = root.descendantForIndex(match.index);
    if (
      comment?.type === 'comment' &&
      comment.startIndex === match.index &&
      comment.endIndex <= region.to
    ) {
      for (const [name, value] of parseAnnotation(text, comment.startIndex, comment.endIndex)) {
        values.set(name, value);
      }
      COMMENT_OPENER.lastIndex = comment.endIndex;
    }
  }
  return values;
}

/** How comments start in Python (`#`) and JavaScript (`//`, `/*`). */
const COMMENT_OPENER = /#|\/\/|\/\*/g;

function isCommentLine(
  lines: SourceLines,
  line: number,
  commentStarts: readonly string[],
): boolean {
  const text = lines.text.slice(lines.lineStart(line), lines.lineEnd(line)).trimStart();
  return commentStarts.some((start) => text.startsWith(start));
}

const MARKER = /^(?:#|\/\/|\/\*+)\s*at(?:\s*:\s*|\s+)/iy;
const NAME = String.raw`[\p{L}_$][\p{L}\p{N}_$]*`;
const NUMBER = String.raw`[-+\u2212]?(?:(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE][-+]?\d+)?|inf(?:inity)?|nan)`;
const BINDING = new RegExp(
  String.raw`(${NAME})\s*=\s*(${NUMBER}|\[\s*(?:${NUMBER}(?:\s*[,;]\s*${NUMBER})*)?\s*[,;]?\s*\])`,
  'iuy',
);
const SEPARATOR = /\s*[,;]\s*|\s+/y;
const END = /[\s.,;]*(?:\*+\/)?\s*$/y;

/** The values of an annotation comment at `from`–`to`, or none when it is not one. */
function parseAnnotation(text: string, from: number, to: number): [string, AnnotatedValue][] {
  const comment = text.slice(from, to);
  MARKER.lastIndex = 0;
  if (!MARKER.test(comment)) {
    return [];
  }
  const values: [string, AnnotatedValue][] = [];
  let position = MARKER.lastIndex;
  for (;;) {
    BINDING.lastIndex = position;
    const match = BINDING.exec(comment);
    if (match === null) {
      break;
    }
    const span = { from: from + match.index, to: from + BINDING.lastIndex };
    const [, name = '', written = ''] = match;
    if (written.startsWith('[')) {
      // `w=[1, 2, 3]`: the items of a list, `w[0]` … as a list assigned in the code gives them.
      const items = written
        .slice(1, -1)
        .split(/[,;]/)
        .map((item) => item.trim());
      items
        .filter((item) => item !== '')
        .forEach((item, i) => values.push([`${name}[${i}]`, { value: parseNumber(item), span }]));
    } else {
      values.push([name, { value: parseNumber(written), span }]);
    }
    SEPARATOR.lastIndex = BINDING.lastIndex;
    position = SEPARATOR.test(comment) ? SEPARATOR.lastIndex : BINDING.lastIndex;
  }
  END.lastIndex = position;
  return END.test(comment) ? values : [];
}

function parseNumber(text: string): number {
  const plain = text.replace('\u2212', '-').replace(/_/g, '').toLowerCase();
  const sign = plain.startsWith('-') ? -1 : 1;
  const magnitude = plain.replace(/^[-+]/, '');
  if (magnitude.startsWith('inf')) {
    return sign * Infinity;
  }
  return magnitude === 'nan' ? NaN : sign * Number(magnitude);
}
