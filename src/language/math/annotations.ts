/**
 * Comments and `at:` annotations. A comment starts at `#`, `//` or an unescaped `%` (LaTeX)
 * and runs to the end of the line; an annotation such as `# at: x=-2, y=5` (or a bare
 * `at: x=-2, y=5`, or `… at x = -2, y = 5` after a formula) gives input values. Both are hidden
 * from the lexer; the values become bindings.
 */
import { latexCommand } from './latex';
import type { SourceLines } from '../sourceLines';
import { span, type Span } from '../span';

export interface AnnotatedValue {
  readonly name: string;
  readonly value: number;
  readonly span: Span;
}

export interface CommentScan {
  /** In document order; a later value for the same name overrides an earlier one. */
  readonly values: readonly AnnotatedValue[];
  /** Comments and annotations, which the lexer must skip. */
  readonly hidden: readonly Span[];
}

/** Scans every line of `region`, and the line just above it for values only. */
export function scanComments(source: SourceLines, region: Span): CommentScan {
  const values: AnnotatedValue[] = [];
  const hidden: Span[] = [];
  const firstLine = source.lineOf(region.from);
  if (firstLine > 0) {
    const above = firstLine - 1;
    values.push(...scanLine(source.text, source.lineStart(above), source.lineEnd(above)).values);
  }
  const lastLine = source.lineOf(region.to);
  for (let line = firstLine; line <= lastLine; line++) {
    const from = Math.max(source.lineStart(line), region.from);
    const to = Math.min(source.lineEnd(line), region.to);
    if (from < to) {
      const scan = scanLine(source.text, from, to);
      values.push(...scan.values);
      hidden.push(...scan.hidden);
    }
  }
  return { values, hidden };
}

function scanLine(text: string, from: number, to: number): CommentScan {
  const line = text.slice(from, to);
  const commentStart = findCommentStart(line);
  const code = commentStart === undefined ? line : line.slice(0, commentStart);
  const values: AnnotatedValue[] = [];
  const hidden: Span[] = [];
  const bare = findBareAnnotation(code);
  if (bare !== undefined) {
    values.push(...shift(bare.values, from));
    hidden.push(span(from + bare.start, from + code.length));
  }
  if (commentStart !== undefined) {
    const comment = line.slice(commentStart);
    const marker = comment.startsWith('//') ? 2 : 1;
    values.push(...shift(parseAnnotation(comment, marker) ?? [], from + commentStart));
    hidden.push(span(from + commentStart, to));
  }
  return { values, hidden };
}

function shift(values: readonly AnnotatedValue[], offset: number): AnnotatedValue[] {
  return values.map((value) => ({
    ...value,
    span: span(value.span.from + offset, value.span.to + offset),
  }));
}

function findCommentStart(line: string): number | undefined {
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (char === '\\') {
      i++;
    } else if (char === '#' || char === '%' || (char === '/' && line[i + 1] === '/')) {
      return i;
    }
  }
  return undefined;
}

/** `at` at the start of the code or after a space, when everything after it is values. */
function findBareAnnotation(code: string): { start: number; values: AnnotatedValue[] } | undefined {
  for (let i = 0; i < code.length - 2; i++) {
    const startsWord = i === 0 || /\s/.test(code[i - 1] ?? '');
    if (startsWord && code.startsWith('at', i) && /[\s:]/.test(code[i + 2] ?? '')) {
      const values = parseAnnotation(code, i);
      if (values !== undefined) {
        return { start: i, values };
      }
    }
  }
  return undefined;
}

const AT = /\s*at(\s*:|\s)\s*/y;
/** `x`, `\theta`, `w_{1,2}`, `\hat{y}`, `\mathbf{w}_1`. */
const NAME = String.raw`(?:\\[A-Za-z]+\{\\?\p{L}+\}|\\?\p{L}[\p{L}\p{N}]*)(?:_(?:\{[\p{L}\p{N},]+\}|[\p{L}\p{N}]+))*`;
const NUMBER = String.raw`[-+\u2212]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?`;
const BINDING = new RegExp(
  String.raw`(${NAME})\s*=\s*(?:(${NUMBER})|\[\s*(${NUMBER}(?:\s*[,;]?\s*${NUMBER})*)\s*,?\s*\])`,
  'uy',
);
const ELEMENT = new RegExp(NUMBER, 'gu');
const SEPARATOR = /\s*[,;]\s*|\s+/y;
const TRAILER = /[\s.,;]*/y;

/** The name as the lexer reads it: `\hat{y}` is `y_hat`, `\mathbf{w}` is `w`, `x_{1}` is `x_1`. */
function annotatedName(written: string): string {
  const plain = (text: string): string => text.replace(/[\\{}]/g, '');
  const styled = /^\\([A-Za-z]+)\{\\?(\p{L}+)\}/u.exec(written);
  if (styled === null) {
    return plain(written);
  }
  const [whole, name = '', argument = ''] = styled;
  const command = latexCommand(name);
  const rest = plain(written.slice(whole.length));
  switch (command?.kind) {
    case 'accent':
      return `${argument}_${command.suffix}${rest}`;
    case 'font':
      return argument + rest;
    default:
      return plain(written);
  }
}

/** `at: name = number, …` from `start` to the end of `text`, or undefined when it is not. */
function parseAnnotation(text: string, start: number): AnnotatedValue[] | undefined {
  AT.lastIndex = start;
  if (!AT.test(text)) {
    return undefined;
  }
  const values: AnnotatedValue[] = [];
  let position = AT.lastIndex;
  for (;;) {
    BINDING.lastIndex = position;
    const match = BINDING.exec(text);
    if (match === null) {
      break;
    }
    const name = annotatedName(match[1] ?? '');
    if (match[3] === undefined) {
      values.push({
        name,
        value: Number((match[2] ?? '').replace('\u2212', '-')),
        span: span(match.index, BINDING.lastIndex),
      });
    } else {
      // A list `w=[1, 2, 3]` gives the elements w_1, w_2, w_3, as math notation numbers them.
      const listStart = text.indexOf('[', match.index) + 1;
      const elements = [...text.slice(listStart, BINDING.lastIndex).matchAll(ELEMENT)];
      elements.forEach((element, i) => {
        const from = listStart + element.index;
        values.push({
          name: `${name}_${i + 1}`,
          value: Number(element[0].replace('\u2212', '-')),
          span: span(from, from + element[0].length),
        });
      });
    }
    position = BINDING.lastIndex;
    SEPARATOR.lastIndex = position;
    if (!SEPARATOR.test(text)) {
      break;
    }
    position = SEPARATOR.lastIndex;
  }
  TRAILER.lastIndex = position;
  TRAILER.test(text);
  return values.length > 0 && TRAILER.lastIndex === text.length ? values : undefined;
}
