/**
 * Turns the masked math text into tokens. Plain math and LaTeX share one token set: LaTeX
 * commands are read by `latexLexer.ts`, Unicode math symbols (`·`, `×`, `−`, `√`, `²`) here.
 */
import { codePointName, isInvisible } from '../messageText';
import { normToken, transposeToken } from './bigOperators';
import { lookupFunction } from './functions';
import { lexCommand } from './latexLexer';
import { constantValue } from './names';
import { readSubscripts } from './nameParts';
import type { ReadingNotes } from './readingNotes';
import { Scanner } from './scanner';
import type { BracketKind, CompareSymbol, OperatorSymbol, Token } from './tokens';

const NUMBER = /(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/y;
/**
 * Latin (non-Greek) letters start a word; a Greek letter is always a name on its own (`2πr`).
 * Subscripts are read after it (nameParts.ts).
 */
const WORD = /(?![\u0370-\u03ff])\p{L}(?:(?![\u0370-\u03ff])[\p{L}\p{Nd}])*/uy;
const GREEK = /[\u0391-\u03a9\u03b1-\u03c9\u03d1\u03d5\u03f5]/y;
const SUPERSCRIPT = /[\u207a\u207b]?[\u2070\u00b9\u00b2\u00b3\u2074-\u2079]+/y;
const SUPERSCRIPT_DIGITS = '\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079';
/** Spaces, and LaTeX's `~` (a non-breaking space) and `&` (an alignment point). */
const IGNORED = new Set([' ', '\t', '\f', '\v', '\u00a0', '~', '&']);

const OPERATORS = new Map<string, OperatorSymbol>([
  ['+', '+'],
  ['-', '-'],
  ['\u2212', '-'],
  ['*', '*'],
  ['\u00b7', '*'],
  ['\u22c5', '*'],
  ['\u00d7', '*'],
  ['\u2217', '*'],
  ['/', '/'],
  ['\u00f7', '/'],
  ['^', '^'],
]);

/** Read only as the condition of an indicator `\mathbb{1}(a > b)`. */
const COMPARISONS = new Map<string, CompareSymbol>([
  ['<=', '<='],
  ['>=', '>='],
  ['!=', '!='],
  ['<', '<'],
  ['>', '>'],
  ['\u2264', '<='],
  ['\u2265', '>='],
  ['\u2260', '!='],
]);

const BRACKETS = new Map<string, { kind: 'open' | 'close'; bracket: BracketKind }>([
  ['(', { kind: 'open', bracket: 'paren' }],
  [')', { kind: 'close', bracket: 'paren' }],
  ['[', { kind: 'open', bracket: 'bracket' }],
  [']', { kind: 'close', bracket: 'bracket' }],
  ['{', { kind: 'open', bracket: 'brace' }],
  ['}', { kind: 'close', bracket: 'brace' }],
]);

/**
 * The tokens one by one, so that a consumer that finds an error (an unbalanced bracket, too
 * deep a nesting) stops the lexing there instead of after a megabyte of brackets.
 */
export function* tokensOf(
  text: string,
  offset: number,
  notes: ReadingNotes,
  /** The text had `$…$`, `\[…\]` or `\(…\)` around the formula: LaTeX, whatever it holds. */
  delimited = false,
): Generator<Token, void, undefined> {
  const scanner = new Scanner(text, offset, delimited || isLatex(text), notes);
  while (!scanner.done) {
    const token = lexOne(scanner);
    if (token !== undefined) {
      yield token;
    }
  }
  const end = offset + text.length;
  yield { kind: 'end', from: end, to: end };
}

/** A LaTeX command or a braced sub- or superscript: the formula is LaTeX, and TeX's rules apply. */
function isLatex(text: string): boolean {
  return /\\[A-Za-z]|[_^]\{/.test(text);
}

/** Reads one token, or skips something that is not one (spaces, `\,`, `\left`). */
function lexOne(scanner: Scanner): Token | undefined {
  const start = scanner.pos;
  const char = scanner.peek();
  const skipTo = scanner.skipped.get(start);
  if (skipTo !== undefined) {
    scanner.pos = skipTo;
    return undefined;
  }
  if (IGNORED.has(char)) {
    scanner.pos++;
    return undefined;
  }
  if (char === '\\') {
    return lexCommand(scanner);
  }
  if (char === '^') {
    const transpose = transposeToken(scanner);
    if (transpose !== undefined) {
      return transpose;
    }
  }
  return (
    lexNumber(scanner) ?? lexName(scanner) ?? lexSuperscript(scanner) ?? lexSymbol(scanner, start)
  );
}

function lexNumber(scanner: Scanner): Token | undefined {
  const start = scanner.pos;
  const text = scanner.match(NUMBER);
  if (text === undefined) {
    return undefined;
  }
  // Number() reads every form NUMBER accepts; `1e999` becomes Infinity, a value like any other.
  return { kind: 'number', value: Number(text), text, ...scanner.spanFrom(start) };
}

function lexName(scanner: Scanner): Token | undefined {
  const start = scanner.pos;
  const word = scanner.match(WORD) ?? scanner.match(GREEK);
  if (word === undefined) {
    return undefined;
  }
  if (scanner.tex && isProductOfLetters(scanner, word)) {
    return firstLetter(scanner, start, word);
  }
  const name = readSubscripts(scanner, word, start);
  return { kind: 'name', name, form: 'plain', ...scanner.spanFrom(start) };
}

const NO_VARIABLES: ReadonlySet<string> = new Set();

/**
 * In LaTeX, letters side by side are a product, as TeX sets them (`ax` is a·x): unless the
 * word is a function or constant name (`max`, `relu`, `pi`), or is written against a `(`
 * (`softmax(x)`, refused as an unknown function rather than read as s·o·f·t·m·a·x).
 */
function isProductOfLetters(scanner: Scanner, word: string): boolean {
  return (
    [...word].length > 1 &&
    /^\p{L}+$/u.test(word) &&
    lookupFunction(word) === undefined &&
    constantValue(word, NO_VARIABLES) === undefined &&
    scanner.peek() !== '('
  );
}

/** The first letter of a product of letters, as a name; the rest is lexed after it. */
function firstLetter(scanner: Scanner, start: number, word: string): Token {
  const letter = String.fromCodePoint(word.codePointAt(0) ?? 0);
  if (start >= scanner.productUntil) {
    scanner.productUntil = start + word.length;
    scanner.notes.add(
      scanner.spanFrom(start),
      `\`${word}\` is read as TeX sets it, ${[...word].join('\u00b7')}: letters side by side are a product (write \\mathrm{${word}} for one name)`,
    );
  }
  scanner.pos = start + letter.length;
  return { kind: 'name', name: letter, form: 'plain', ...scanner.spanFrom(start) };
}

function lexSuperscript(scanner: Scanner): Token | undefined {
  const start = scanner.pos;
  const text = scanner.match(SUPERSCRIPT);
  if (text === undefined) {
    return undefined;
  }
  const digits = [...text].map((char) => {
    const digit = SUPERSCRIPT_DIGITS.indexOf(char);
    return digit >= 0 ? String(digit) : char === '\u207b' ? '-' : '';
  });
  return { kind: 'superscript', value: Number(digits.join('')), text, ...scanner.spanFrom(start) };
}

function lexSymbol(scanner: Scanner, start: number): Token {
  const char = scanner.peek();
  const pair = char + scanner.peek(1);
  const compare = COMPARISONS.get(pair) ?? COMPARISONS.get(char);
  if (compare !== undefined) {
    scanner.pos += COMPARISONS.has(pair) ? 2 : 1;
    return { kind: 'compare', op: compare, ...scanner.spanFrom(start) };
  }
  scanner.pos += pair === '**' || pair === ':=' || pair === '\r\n' ? 2 : 1;
  const at = scanner.spanFrom(start);
  if (pair === '**') {
    return { kind: 'operator', op: '^', ...at };
  }
  if (pair === ':=' || char === '=') {
    return { kind: 'equals', ...at };
  }
  const op = OPERATORS.get(char);
  if (op !== undefined) {
    return { kind: 'operator', op, ...at };
  }
  const bracket = BRACKETS.get(char);
  if (bracket !== undefined) {
    // Spelled out: spreading the shared table entry is several times slower per token.
    return { kind: bracket.kind, bracket: bracket.bracket, ...at };
  }
  return lexPunctuation(scanner, char, start);
}

function lexPunctuation(scanner: Scanner, char: string, start: number): Token {
  const at = scanner.spanFrom(start);
  switch (char) {
    case '\n':
    case '\r':
      return { kind: 'newline', ...at };
    case ';':
      return { kind: 'separator', ...at };
    case ',':
      return { kind: 'comma', ...at };
    case '|':
      return { kind: 'bar', ...at };
    case '\u2016':
      return normToken(scanner, start);
    case '\u221a':
      return { kind: 'radical', op: 'sqrt', ...at };
    case '\u221b':
      return { kind: 'radical', op: 'cbrt', ...at };
    default:
      return unexpectedCharacter(scanner, start);
  }
}

function unexpectedCharacter(scanner: Scanner, start: number): never {
  const shown = String.fromCodePoint(scanner.text.codePointAt(start) ?? 0);
  // A bidi mark or a control character is named, never copied into the message.
  const what = isInvisible(shown)
    ? `invisible character ${codePointName(shown)}`
    : `character \`${shown}\` (${codePointName(shown)})`;
  return scanner.fail(
    'syntax',
    `unexpected ${what}: math notation uses numbers, names, + − * / ^, brackets, function calls and LaTeX commands`,
    start,
    start + shown.length,
  );
}
