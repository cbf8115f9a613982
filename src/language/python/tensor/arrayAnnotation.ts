/**
 * `# at: X=[[1, 2], [3, 4]], b=[0.5, -1], reg=0.1`: arrays and numbers written in a comment,
 * for the parameters of a selected function (as annotation.ts reads numbers for scalar code).
 * Comments on the selection's lines, just above it, or above the enclosing function count; the
 * one nearest the selection wins.
 */
import { sizeOf } from '../../../engine/tensor/shape';
import { tensorOf, type Tensor } from '../../../engine/tensor/tensor';
import { annotationRegion } from '../../code/annotation';
import type { SyntaxNode } from '../../code/treeSitter';
import type { SourceLines } from '../../sourceLines';
import type { Span } from '../../span';

export interface AnnotatedArray {
  readonly value: Tensor;
  /** The `X=[[1, 2], [3, 4]]` part of the comment. */
  readonly span: Span;
}

const MARKER = /#\s*at(?:\s*:\s*|\s+)/g;
const NAME = /[\p{L}_][\p{L}\p{N}_.]*/uy;

export function annotatedArrays(
  root: SyntaxNode,
  lines: SourceLines,
  from: number,
  to: number,
): Map<string, AnnotatedArray> {
  const region = annotationRegion(lines, from, to, ['#']);
  const found = new Map<string, AnnotatedArray>();
  const text = lines.text;
  MARKER.lastIndex = region.from;
  for (
    let match = MARKER.exec(text);
    match !== null && match.index < region.to;
    match = MARKER.exec(text)
  ) {
    const comment = root.descendantForIndex(match.index);
    if (comment?.type !== 'comment' || comment.startIndex !== match.index) {
      continue;
    }
    for (const [name, value] of parseBindings(text, MARKER.lastIndex, comment.endIndex)) {
      found.set(name, value);
    }
  }
  return found;
}

/** `name=value` pairs from `position` to `end`; stops at the first thing that is none. */
function parseBindings(text: string, position: number, end: number): [string, AnnotatedArray][] {
  const bindings: [string, AnnotatedArray][] = [];
  let at = skipBlanks(text, position, end);
  while (at < end) {
    NAME.lastIndex = at;
    const name = NAME.exec(text);
    if (name === null) {
      break;
    }
    let cursor = skipBlanks(text, NAME.lastIndex, end);
    if (text[cursor] !== '=') {
      break;
    }
    cursor = skipBlanks(text, cursor + 1, end);
    const parsed = parseValue(text, cursor, end);
    if (parsed === undefined) {
      break;
    }
    const tensor = toTensor(parsed.value);
    if (tensor === undefined) {
      break;
    }
    bindings.push([name[0], { value: tensor, span: { from: at, to: parsed.end } }]);
    at = skipBlanks(text, parsed.end, end);
    if (text[at] === ',' || text[at] === ';') {
      at = skipBlanks(text, at + 1, end);
    }
  }
  return bindings;
}

type Nested = number | Nested[];

const NUMBER = /[-+\u2212]?(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE][-+]?\d+)?/y;

function parseValue(
  text: string,
  at: number,
  end: number,
): { value: Nested; end: number } | undefined {
  const open = text[at];
  if (open === '[' || open === '(') {
    const close = open === '[' ? ']' : ')';
    const items: Nested[] = [];
    let cursor = skipBlanks(text, at + 1, end);
    while (cursor < end && text[cursor] !== close) {
      const item = parseValue(text, cursor, end);
      if (item === undefined) {
        return undefined;
      }
      items.push(item.value);
      cursor = skipBlanks(text, item.end, end);
      if (text[cursor] === ',') {
        cursor = skipBlanks(text, cursor + 1, end);
      }
    }
    return text[cursor] === close ? { value: items, end: cursor + 1 } : undefined;
  }
  NUMBER.lastIndex = at;
  const number = NUMBER.exec(text);
  if (number === null || NUMBER.lastIndex > end) {
    return undefined;
  }
  return {
    value: Number(number[0].replace('\u2212', '-').replace(/_/g, '')),
    end: NUMBER.lastIndex,
  };
}

function toTensor(value: Nested): Tensor | undefined {
  const shape: number[] = [];
  for (let level: Nested = value; Array.isArray(level); level = level[0] ?? 0) {
    shape.push(level.length);
  }
  const numbers = [value].flat(Infinity as 1) as unknown[];
  if (numbers.length !== sizeOf(shape) || !numbers.every((item) => typeof item === 'number')) {
    return undefined;
  }
  return tensorOf(shape, Float64Array.from(numbers as number[]));
}

function skipBlanks(text: string, at: number, end: number): number {
  let cursor = at;
  while (cursor < end && /\s/.test(text[cursor] ?? '')) {
    cursor += 1;
  }
  return cursor;
}
