/**
 * Where the "∇ Inspect derivatives" CodeLens may go: function definitions and top-level
 * assignments, by each language's patterns (its descriptor's `codeLens`), line by line. These
 * are candidates only: core/lensTargets reads each with the real front end and keeps those
 * whose click would inspect.
 */
import type { Position } from '../engine/ir';
import { languageDescriptor, type LanguageId } from './languages';

/** `x = -2`, `const lr: number = 1e-3;`: an input's value, nothing to differentiate. */
const LITERAL_ASSIGNMENT =
  /^\s*(?:export\s+)?(?:(?:const|let|var)\s+)?[\p{L}_$][\p{L}\p{N}_$]*\s*(?::[^=]*)?=\s*[-+\u2212]?(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:e[-+]?\d+)?\s*;?\s*(?:(?:#|\/\/).*)?$/iu;

/** Zero-based lines that get a lens. */
export function codeLensLines(text: string, language: LanguageId): number[] {
  const patterns = languageDescriptor(language).codeLens;
  const lines: number[] = [];
  text.split(/\r\n|\r|\n/).forEach((line, index) => {
    if (LITERAL_ASSIGNMENT.test(line)) {
      return;
    }
    if (patterns.some((pattern) => pattern.test(line))) {
      lines.push(index);
    }
  });
  return lines;
}

/**
 * Where a click on each lens inspects from: the first character of the line's statement, as
 * the inspect command reads an empty selection there. `lineOffset`: lines of text in front of
 * `text` in the source read (earlier notebook cells).
 */
export function codeLensCandidates(text: string, language: LanguageId, lineOffset = 0): Position[] {
  const lines = text.split(/\r\n|\r|\n/);
  return codeLensLines(text, language).map((line) => {
    const content = lines[line] ?? '';
    return { line: line + lineOffset, column: content.length - content.trimStart().length };
  });
}
