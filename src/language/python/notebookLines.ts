/**
 * Lines of a notebook cell that are not Python: IPython magics (`%matplotlib inline`,
 * `%%time`), shell escapes (`!pip install torch`) and help requests (`np.sum?`, `?np.sum`).
 * Pasted into a `.py` file they are syntax errors that would stop everything; they compute
 * nothing, so they are blanked before the code is read: each character becomes a space, which
 * keeps every offset, line and column of the rest exact. The lines inside the inspected part
 * are named in a note.
 */
import type { FrontEnd, FrontEndRequest, LowerResult } from '../frontEnd';
import { excerpt } from '../code/syntax';
import type { SyntaxNode, SyntaxTree } from '../code/treeSitter';
import { SourceLines } from '../sourceLines';
import { doctestBlanks } from './doctestLines';

/** A line that may be a notebook line: a magic, a shell escape, or a help request. */
const CANDIDATE = /^[ \t]*(?:[\w.]+[ \t]*=[ \t]*)?[%!?]|\?[ \t]*$|^[ \t]*(?:>>>|In \[)/m;

/** `name = ` before a magic or a shell command. */
const ASSIGNED = /^[\w.]+[ \t]*=[ \t]*(?=[%!])/u;

/** Node types inside which a `%` or `!` at the start of a line is still Python (or text). */
const ENCLOSING = new Set([
  'string',
  'comment',
  'parenthesized_expression',
  'argument_list',
  'list',
  'tuple',
  'dictionary',
  'set',
  'subscript',
  'parameters',
  'list_comprehension',
  'set_comprehension',
  'dictionary_comprehension',
  'generator_expression',
]);

/** `?np.sum`, `np.sum?`, `np.sum??`, `np.*sum*?`. */
const HELP = /^\?{1,2}[\w.*]+$|^[\w.*]+\?{1,2}$/u;

interface BlankedLine {
  /** Zero-based. */
  readonly line: number;
  readonly text: string;
  readonly what: string;
  /** The part blanked: the whole line, or a prompt (`>>> `, `In [1]: `). */
  readonly from: number;
  readonly to: number;
  readonly kind: 'line' | 'prompt' | 'output';
}

/** How many lines a note lists by number. */
const LISTED_LINES = 8;

interface Blanked {
  readonly text: string;
  readonly lines: readonly BlankedLine[];
}

/** The front end of `inner`, reading a copy of the source with notebook lines blanked. */
export function withNotebookLines(
  inner: FrontEnd,
  parse: (text: string) => Promise<SyntaxTree>,
): FrontEnd {
  let last: { readonly source: string; readonly blanked: Blanked } | undefined;
  const blankedOf = async (source: string): Promise<Blanked> => {
    if (last?.source !== source) {
      last = { source, blanked: await blankNotebookLines(source, parse) };
    }
    return last.blanked;
  };
  return {
    language: inner.language,
    lower: async (request) => {
      const blanked = await blankedOf(request.source);
      if (blanked.lines.length === 0) {
        return inner.lower(request);
      }
      const result = await inner.lower({ ...request, source: blanked.text });
      return withNotes(onNotebookLine(result, blanked.lines), notesFor(blanked.lines, request));
    },
  };
}

async function blankNotebookLines(
  source: string,
  parse: (text: string) => Promise<SyntaxTree>,
): Promise<Blanked> {
  if (!CANDIDATE.test(source)) {
    return { text: source, lines: [] };
  }
  const tree = await parse(source);
  try {
    if (!tree.rootNode.hasError) {
      return { text: source, lines: [] };
    }
    const lines = new SourceLines(source);
    const found: BlankedLine[] = [];
    for (let line = 0; line < lines.lineCount; line++) {
      const from = lines.lineStart(line);
      const to = lines.lineEnd(line);
      const what = notebookLine(tree.rootNode, source, from, to);
      if (what !== undefined) {
        found.push({ line, text: source.slice(from, to).trim(), what, from, to, kind: 'line' });
      }
    }
    const isPython = (offset: number) => insidePython(tree.rootNode, offset);
    for (const blank of doctestBlanks(lines, isPython)) {
      const text = source.slice(lines.lineStart(blank.line), lines.lineEnd(blank.line)).trim();
      found.push(
        blank.output
          ? { ...blank, text, what: 'an output line of a pasted console session', kind: 'output' }
          : { ...blank, text, what: 'a console prompt', kind: 'prompt' },
      );
    }
    return { text: blankedText(source, found), lines: found };
  } finally {
    tree.delete();
  }
}

/** `source` with each blanked part replaced by spaces, built once. */
function blankedText(source: string, blanks: readonly BlankedLine[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const blank of [...blanks].sort((a, b) => a.from - b.from)) {
    parts.push(source.slice(at, blank.from), ' '.repeat(blank.to - blank.from));
    at = blank.to;
  }
  parts.push(source.slice(at));
  return parts.join('');
}

/** What the line `from`..`to` is, when it is a notebook line; undefined when it is Python. */
function notebookLine(
  root: SyntaxNode,
  source: string,
  from: number,
  to: number,
): string | undefined {
  const code = source.slice(from, to);
  const start = from + (code.length - code.trimStart().length);
  const trimmed = code.trim();
  if (trimmed === '' || isContinued(source, from)) {
    return undefined;
  }
  const kind = kindOf(trimmed);
  if (kind === undefined) {
    return undefined;
  }
  const at =
    kind === 'a help request' && !trimmed.startsWith('?')
      ? from + code.trimEnd().length - 1
      : start;
  return insidePython(root, at) ? undefined : kind;
}

function kindOf(trimmed: string): string | undefined {
  // `files = !ls` and `t = %timeit -o f(x)` assign what the magic or the shell gives.
  const command = trimmed.replace(ASSIGNED, '');
  if (command.startsWith('%')) {
    return 'a notebook magic';
  }
  if (command.startsWith('!')) {
    return 'a shell command';
  }
  return HELP.test(trimmed) ? 'a help request' : undefined;
}

/** A line after one that ends with `\` continues it. */
function isContinued(source: string, lineStart: number): boolean {
  return /\\\r?\n$/.test(source.slice(Math.max(0, lineStart - 3), lineStart));
}

/** Whether `offset` lies inside a string, a comment or brackets opened before it. */
function insidePython(root: SyntaxNode, offset: number): boolean {
  for (let current = root.descendantForIndex(offset); current !== null; current = current.parent) {
    // A node that starts here is the line's own (`In [1]:` reads as a subscript).
    if (ENCLOSING.has(current.type) && current.startIndex < offset) {
      return true;
    }
  }
  return false;
}

/** Notes for the blanked lines that lie in the inspected part (all of them when no selection). */
function notesFor(lines: readonly BlankedLine[], request: FrontEndRequest): string[] {
  const first = request.selection?.start.line ?? 0;
  const last = request.selection?.end.line ?? Infinity;
  const inside = lines.filter(
    (line) => line.line >= Math.min(first, last) && line.line <= Math.max(first, last),
  );
  const notebook = inside
    .filter((line) => line.kind === 'line')
    .map(
      (line) =>
        `line ${line.line + 1}: \`${excerpt(line.text)}\` (${line.what}) skipped: not Python, it computes nothing`,
    );
  const prompts = inside.filter((line) => line.kind === 'prompt').map((line) => line.line + 1);
  const outputs = inside.filter((line) => line.kind === 'output').map((line) => line.line + 1);
  const session =
    prompts.length === 0
      ? []
      : [
          `a pasted console session: the prompts on ${listed(prompts)} are removed${outputs.length === 0 ? '' : `, the output ${listed(outputs)} skipped (not code)`}`,
        ];
  return [...notebook, ...session];
}

/** `line 3`, `lines 3, 4, 6`, `lines 3, … and 12 more`. */
function listed(lines: readonly number[]): string {
  const shown = lines.slice(0, LISTED_LINES).join(', ');
  const more = lines.length > LISTED_LINES ? ` and ${lines.length - LISTED_LINES} more` : '';
  return `${lines.length === 1 ? 'line' : 'lines'} ${shown}${more}`;
}

/** A cursor on a blanked line is told what the line is, not that it is blank. */
function onNotebookLine(result: LowerResult, lines: readonly BlankedLine[]): LowerResult {
  if (result.ok || result.error.kind !== 'selection') {
    return result;
  }
  const line = lines.find(
    (blanked) => blanked.kind !== 'prompt' && blanked.line === result.error.range.start.line,
  );
  if (line === undefined) {
    return result;
  }
  const message = `line ${line.line + 1}: \`${excerpt(line.text)}\` is ${line.what}, not Python: put the cursor on a statement, or select code`;
  return { ok: false, error: { ...result.error, message } };
}

function withNotes(result: LowerResult, notes: readonly string[]): LowerResult {
  if (!result.ok || notes.length === 0) {
    return result;
  }
  const all = [...notes, ...(result.program.notes ?? [])];
  return { ok: true, program: { ...result.program, notes: all } };
}
