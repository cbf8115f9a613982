/**
 * A session pasted from documentation or a console: `>>> x = torch.ones(2)` prompts, `... `
 * continuation lines and the output lines printed after them (`tensor([1., 1.])`); IPython's
 * `In [3]: ` and `   ...: ` prompts and `Out[3]: …` lines likewise. The prompt
 * is blanked (the code after it keeps its columns, and the lines of one session keep their
 * indentation relative to each other), the output lines are blanked whole. A doctest inside a
 * docstring is part of a string and left alone.
 */
import type { SourceLines } from '../sourceLines';

export interface DoctestBlank {
  /** Zero-based. */
  readonly line: number;
  readonly from: number;
  readonly to: number;
  /** Whether the whole line is an output line (else only its prompt is blanked). */
  readonly output: boolean;
}

/** A prompt that opens a statement, and one that continues it (group 1 or 2). */
const PROMPT = /^(?:(>>>|In \[\d*\]:)|(\.\.\.:?))(?: |$)/u;
const OUTPUT = /^Out\[\d*\]:/u;

/** The prompts and output lines of the sessions in `lines`. */
export function doctestBlanks(
  lines: SourceLines,
  isPython: (offset: number) => boolean,
): DoctestBlank[] {
  const blanks: DoctestBlank[] = [];
  let session = false;
  for (let line = 0; line < lines.lineCount; line++) {
    const from = lines.lineStart(line);
    const code = lines.text.slice(from, lines.lineEnd(line));
    const trimmed = code.trimStart();
    const start = from + code.length - trimmed.length;
    if (trimmed.trim() === '') {
      session = false;
      continue;
    }
    const prompt = PROMPT.exec(trimmed);
    const opens = prompt?.[1] !== undefined || (prompt !== null && session);
    if (OUTPUT.test(trimmed) && !isPython(start)) {
      session = true;
      blanks.push({ line, from, to: from + code.length, output: true });
    } else if (opens && prompt !== null && !isPython(start)) {
      session = true;
      blanks.push({ line, from: start, to: start + prompt[0].length, output: false });
    } else if (session) {
      blanks.push({ line, from, to: from + code.length, output: true });
    }
  }
  return blanks;
}
