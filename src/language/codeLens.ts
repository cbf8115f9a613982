/**
 * Where the "∇ Inspect derivatives" CodeLens goes: function definitions and top-level
 * assignments, by each language's patterns (its descriptor's `codeLens`). Only the lens's
 * placement is decided here, line by line; the inspection itself reads the code with the real
 * parser.
 */
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
