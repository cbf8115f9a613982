/**
 * Every assignment of the inspected code in source order, with how it assigns: a plain `=`, an
 * augmented `+=`/`-=`/`/=` …, or a write through a subscript (`dhidden[mask] = 0`). The
 * references give the names and nodes; list elements (`dx = [w[0] * ddot, …]` makes `dx[0]`)
 * have a named node and no reference.
 */
import type { SourceRange } from '../../engine/ir';
import type { Reference } from '../../language/frontEnd';
import type { Reading } from './reading';

export type WriteKind = 'assign' | 'augmented' | 'subscript';

export interface Write {
  readonly name: string;
  /** Where the name is written (the name's range, or the list element's). */
  readonly range: SourceRange;
  /** The node the name holds after this statement. */
  readonly node: number;
  readonly kind: WriteKind;
  /** The assignment operator as written: `=`, `+=`, `-=`, `/=` … */
  readonly operator: string;
  /** The statement reads the name it writes (`dx = dx + …`). */
  readonly readsItself: boolean;
  /** The names the statement reads. */
  readonly reads: readonly string[];
}

export function writesOf(reading: Reading, source: string): Write[] {
  const lines = source.split('\n');
  const writes: Write[] = [];
  for (const reference of reading.references) {
    if (reference.role !== 'write') {
      continue;
    }
    const reads = readsIn(reading, reference.range.start.line, statementEnd(reading, reference));
    const { kind, operator } = assignment(
      lines[reference.range.end.line] ?? '',
      reference.range.end.column,
    );
    writes.push({
      name: reference.name,
      range: reference.range,
      node: reference.node,
      kind,
      operator,
      readsItself: reads.includes(reference.name),
      reads,
    });
  }
  const written = new Set(writes.map((write) => `${write.name}@${write.range.start.line}`));
  for (const node of reading.nodes) {
    const range = node.range;
    if (node.name === undefined || range === undefined || !node.name.endsWith(']')) {
      continue;
    }
    if (!written.has(`${node.name}@${range.start.line}`)) {
      const reads = readsIn(reading, range.start.line, range.end.line);
      writes.push({
        name: node.name,
        range,
        node: node.id,
        kind: 'assign',
        operator: '=',
        readsItself: false,
        reads,
      });
    }
  }
  return writes.sort(
    (a, b) =>
      a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column,
  );
}

/** The last line of the statement a write starts: its node's range when that starts there. */
function statementEnd(reading: Reading, write: Reference): number {
  const range = reading.nodes[write.node]?.range;
  const line = write.range.start.line;
  return range !== undefined && range.start.line === line ? Math.max(line, range.end.line) : line;
}

function readsIn(reading: Reading, from: number, to: number): string[] {
  return reading.references
    .filter(
      (reference) =>
        reference.role === 'read' &&
        reference.range.start.line >= from &&
        reference.range.start.line <= to,
    )
    .map((reference) => reference.name);
}

const ASSIGNMENT = /^\s*(\[[^\]]*\]\s*)?(=(?!=)|(?:\*\*|\/\/|>>|<<|[-+*/@%&|^])=)/;

/** What follows the written name: `[…] =`, `+=`, or `=` (a declaration or a loop: `=`). */
function assignment(line: string, column: number): { kind: WriteKind; operator: string } {
  const match = ASSIGNMENT.exec(line.slice(column));
  const operator = match?.[2] ?? '=';
  if (match?.[1] !== undefined) {
    return { kind: 'subscript', operator };
  }
  return { kind: operator === '=' ? 'assign' : 'augmented', operator };
}
