/**
 * What a sample's opening comment tells a first-time user to select: "Select all", "Select
 * lines 8-9" or "Put the cursor on line 12". The samples test inspects exactly that part, as
 * the extension would after the user did what the comment says.
 */
import { assertNever } from '../../src/engine/assertNever';
import type { SourceRange } from '../../src/engine/ir';

/** The opening comment: the instructions must be among the first lines, visible on opening. */
const HEADER_LINES = 8;

export type SampleSelection =
  | { readonly kind: 'all' }
  | { readonly kind: 'lines'; readonly first: number; readonly last: number }
  | { readonly kind: 'cursor'; readonly line: number };

/** The selection the header names (lines 1-based), or a message saying what is wrong with it. */
export function headerSelection(source: string): SampleSelection | string {
  const header = source.split('\n').slice(0, HEADER_LINES).join('\n');
  const found: SampleSelection[] = [];
  if (/\bSelect all\b/.test(header)) {
    found.push({ kind: 'all' });
  }
  const lines = /\bSelect lines (\d+)-(\d+)\b/.exec(header);
  if (lines !== null) {
    found.push({ kind: 'lines', first: Number(lines[1]), last: Number(lines[2]) });
  }
  const cursor = /\bcursor on line (\d+)\b/.exec(header);
  if (cursor !== null) {
    found.push({ kind: 'cursor', line: Number(cursor[1]) });
  }
  const [only, ...others] = found;
  if (only === undefined) {
    return `its first ${HEADER_LINES} lines name no selection ("Select all", "Select lines A-B" or "Put the cursor on line N")`;
  }
  if (others.length > 0) {
    return `its first ${HEADER_LINES} lines name ${found.length} selections; name one`;
  }
  if (!/\blook at\b/.test(header)) {
    return `its first ${HEADER_LINES} lines do not say what to look at ("look at …")`;
  }
  return only;
}

/** The editor's selection after doing what the header says (0-based, as VS Code's). */
export function selectionRange(source: string, selection: SampleSelection): SourceRange {
  const lines = source.split('\n');
  const endOf = (line: number) => ({ line, column: (lines[line] ?? '').length });
  switch (selection.kind) {
    case 'all':
      return { start: { line: 0, column: 0 }, end: endOf(lines.length - 1) };
    case 'lines':
      return { start: { line: selection.first - 1, column: 0 }, end: endOf(selection.last - 1) };
    case 'cursor': {
      const line = selection.line - 1;
      const indent = (lines[line] ?? '').search(/\S|$/);
      const at = { line, column: indent };
      return { start: at, end: at };
    }
    default:
      return assertNever(selection, 'sample selection');
  }
}

/** "line 12", "lines 8-9", "the whole file": for test titles. */
export function describeSelection(selection: SampleSelection): string {
  switch (selection.kind) {
    case 'all':
      return 'the whole file';
    case 'lines':
      return `lines ${selection.first}-${selection.last}`;
    case 'cursor':
      return `the cursor on line ${selection.line}`;
    default:
      return assertNever(selection, 'sample selection');
  }
}
