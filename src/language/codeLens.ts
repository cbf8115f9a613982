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

/** A lens on a call of a function defined in the file: the function, inspected at that call. */
export interface CallCandidate {
  /** Where the function's definition starts (where a click inspects from). */
  readonly function: Position;
  /** A place inside the call, whose arguments give the function's parameters. */
  readonly call: Position;
}

const NAME = String.raw`[\p{L}_$][\p{L}\p{N}_$]*`;

/** The definitions a language's lines show, the function's name in the first group. */
const DEFINITIONS: Readonly<Record<LanguageId, readonly RegExp[]>> = {
  python: [
    new RegExp(String.raw`^\s*(?:async\s+)?def\s+(${NAME})\s*\(`, 'u'),
    new RegExp(String.raw`^(${NAME})\s*=\s*lambda\b`, 'u'),
  ],
  javascript: jsDefinitions(),
  typescript: jsDefinitions(),
  math: [],
};

function jsDefinitions(): RegExp[] {
  return [
    new RegExp(String.raw`^\s*(?:export\s+)?(?:async\s+)?function\s*\*?\s*(${NAME})\s*[<(]`, 'u'),
    new RegExp(
      String.raw`^\s*(?:export\s+)?(?:const|let|var)\s+(${NAME})\s*(?::[^=]*)?=\s*(?:async\s+)?(?:function\b|\(|${NAME}\s*=>)`,
      'u',
    ),
  ];
}

/**
 * Lenses on the calls of each function the file defines and calls more than once (with one
 * call, inspecting the function already takes that call's values): one a line, at the call.
 * Candidates only, as codeLensCandidates: core/lensTargets keeps those whose click inspects.
 */
export function callLensCandidates(
  text: string,
  language: LanguageId,
  lineOffset = 0,
): CallCandidate[] {
  const lines = text.split(/\r\n|\r|\n/);
  const candidates: CallCandidate[] = [];
  lines.forEach((line, index) => {
    const name = DEFINITIONS[language]
      .map((pattern) => pattern.exec(line)?.[1])
      .find((found) => found !== undefined);
    if (name === undefined) {
      return;
    }
    const fn = { line: index + lineOffset, column: line.length - line.trimStart().length };
    const calls = callsOf(name, lines, index).map((call) => ({
      function: fn,
      call: { line: call.line + lineOffset, column: call.column },
    }));
    if (calls.length > 1) {
      candidates.push(...calls);
    }
  });
  return candidates;
}

/** The first call of `name` on each line but its definition's: `f(…)` or `grad(f)(…)`. */
function callsOf(name: string, lines: readonly string[], definition: number): Position[] {
  const escaped = name.replace(/\$/gu, '\\$');
  const direct = new RegExp(String.raw`(?<![\p{L}\p{N}_$.])${escaped}\s*\(`, 'u');
  const through = new RegExp(
    String.raw`(?<![\p{L}\p{N}_$])(?:grad|value_and_grad|jit|valueAndGrad)\s*\(\s*${escaped}\s*[,)]`,
    'u',
  );
  return lines.flatMap((line, index) => {
    if (index === definition) {
      return [];
    }
    const columns = [direct.exec(line)?.index, through.exec(line)?.index].filter(
      (column): column is number => column !== undefined,
    );
    return columns.length === 0 ? [] : [{ line: index, column: Math.min(...columns) }];
  });
}
