/**
 * Where the written backward pass goes: the start of the line after the forward pass's last
 * statement, indented as the output's statement is.
 */
import type { Position, SourceRange } from '../../engine/ir';

export interface InsertionPoint {
  readonly insertAt: Position;
  readonly indent: string;
  /** The forward pass ends the file without a newline: the code starts with one. */
  readonly leadingNewline: boolean;
}

export function insertionPoint(
  source: string,
  ranges: readonly (SourceRange | undefined)[],
  outputRange: SourceRange | undefined,
): InsertionPoint {
  const lines = source.split('\n');
  const last = Math.max(0, ...ranges.map((range) => range?.end.line ?? 0));
  const outputLine = lines[outputRange?.start.line ?? last] ?? '';
  const indent = /^[ \t]*/.exec(outputLine)?.[0] ?? '';
  if (last + 1 < lines.length) {
    return { insertAt: { line: last + 1, column: 0 }, indent, leadingNewline: false };
  }
  const column = (lines[last] ?? '').length;
  return { insertAt: { line: last, column }, indent, leadingNewline: true };
}

/** The lines as code to insert: indented, each ending with a newline. */
export function codeBlock(lines: readonly string[], point: InsertionPoint): string {
  const body = lines.map((line) => `${point.indent}${line}\n`).join('');
  return point.leadingNewline ? `\n${body}` : body;
}
