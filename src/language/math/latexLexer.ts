/** Reads one LaTeX command (`\frac`, `\alpha`, `\,`, `\left(` …) at the scanner's `\`. */
import { codePointName, isInvisible } from '../messageText';
import { bigOperatorHead, normToken } from './bigOperators';
import { isEquationEnvironment, isSpacingSymbol, latexCommand, type LatexCommand } from './latex';
import { readBraceArgument, readSubscripts } from './nameParts';
import type { Scanner } from './scanner';
import type { BracketKind, NameForm, Token } from './tokens';

const COMMAND_NAME = /[A-Za-z]+\*?/y;
const SINGLE_LETTER = /\p{L}/uy;

export function lexCommand(scanner: Scanner): Token | undefined {
  const start = scanner.pos;
  scanner.pos++;
  const symbol = scanner.peek();
  if (symbol === '' || symbol === '\n' || symbol === '\r' || symbol === '\t') {
    return scanner.fail(
      'syntax',
      'a lone `\\`: a LaTeX command is a backslash and letters, as in \\frac',
      start,
      start + 1,
    );
  }
  if (symbol === '\\') {
    scanner.pos++;
    return { kind: 'separator', ...scanner.spanFrom(start) };
  }
  if (symbol === '{' || symbol === '}') {
    scanner.pos++;
    return {
      kind: symbol === '{' ? 'open' : 'close',
      bracket: 'brace',
      ...scanner.spanFrom(start),
    };
  }
  if (isSpacingSymbol(symbol)) {
    scanner.pos++;
    return undefined;
  }
  if (symbol === '|') {
    scanner.pos++;
    return normToken(scanner, start);
  }
  const name = scanner.match(COMMAND_NAME)?.replace('*', '');
  const command = name === undefined ? undefined : latexCommand(name);
  if (name === undefined || command === undefined) {
    // The whole character after the backslash: an emoji is two UTF-16 code units.
    const char = String.fromCodePoint(scanner.text.codePointAt(start + 1) ?? 0);
    if (name === undefined && isInvisible(char)) {
      return scanner.fail(
        'syntax',
        `a \`\\\` followed by the invisible character ${codePointName(char)}: a LaTeX command is a backslash and letters, as in \\frac`,
        start,
        start + 1 + char.length,
      );
    }
    const shown = name === undefined ? `\\${char}` : `\\${name}`;
    scanner.pos = Math.max(scanner.pos, start + shown.length);
    return scanner.fail(
      'unsupported',
      `the LaTeX command ${shown} is not supported: use \\frac, \\sqrt, \\cdot, \\times, \\left( \\right), Greek letters and functions such as \\sin, \\exp, \\ln`,
      start,
    );
  }
  return fromCommand(scanner, start, name, command);
}

function fromCommand(
  scanner: Scanner,
  start: number,
  name: string,
  command: LatexCommand,
): Token | undefined {
  switch (command.kind) {
    case 'skip':
      return undefined;
    case 'sized':
      return sizedDelimiter(scanner, start);
    case 'skip-argument':
      scanner.skipSpaces();
      skipBraces(scanner);
      return undefined;
    case 'operator':
      return { kind: 'operator', op: command.op, ...scanner.spanFrom(start) };
    case 'norm':
      return normToken(scanner, start);
    case 'bigop':
      return bigOperatorHead(scanner, start, command.op);
    case 'bracket':
      return { kind: command.side, bracket: command.bracket, ...scanner.spanFrom(start) };
    case 'bar':
    case 'frac':
    case 'sqrt':
      return { kind: command.kind, ...scanner.spanFrom(start) };
    case 'name':
      return nameToken(scanner, start, name, 'command');
    case 'unknown-function':
      return nameToken(scanner, start, name, 'operator');
    case 'font': {
      const argument = readArgumentName(scanner, start, name);
      return argument === '1'
        ? indicatorToken(scanner, start)
        : nameToken(scanner, start, argument, command.form);
    }
    case 'labelled':
      dropLabel(scanner, start, name, command.mark);
      return undefined;
    case 'compare':
      return { kind: 'compare', op: command.op, ...scanner.spanFrom(start) };
    case 'arrow':
      return { kind: 'arrow', ...scanner.spanFrom(start) };
    case 'environment':
      environment(scanner, start, name);
      return undefined;
    case 'accent':
      return nameToken(
        scanner,
        start,
        `${readArgumentName(scanner, start, name)}_${command.suffix}`,
        'plain',
      );
  }
}

type Delimiter =
  { readonly kind: 'open' | 'close'; readonly bracket: BracketKind } | { readonly kind: 'bar' };

const PLAIN_DELIMITERS = new Map<string, Delimiter>([
  ['(', { kind: 'open', bracket: 'paren' }],
  [')', { kind: 'close', bracket: 'paren' }],
  ['[', { kind: 'open', bracket: 'bracket' }],
  [']', { kind: 'close', bracket: 'bracket' }],
  ['|', { kind: 'bar' }],
]);

/**
 * The delimiter after `\left` or `\bigl`, as one token from the command on, so that the range
 * of `\left( x \right)` covers all of it. `\left.` is an invisible delimiter: nothing.
 */
function sizedDelimiter(scanner: Scanner, start: number): Token | undefined {
  scanner.skipSpaces();
  const char = scanner.peek();
  if (char === '.') {
    scanner.pos++;
    return undefined;
  }
  const delimiter = PLAIN_DELIMITERS.get(char);
  if (delimiter !== undefined) {
    scanner.pos++;
    return { ...delimiter, ...scanner.spanFrom(start) };
  }
  return commandDelimiter(scanner, start);
}

/** `\{`, `\}`, `\lvert`, `\rbrace` … after `\left`; anything else is left for the lexer. */
function commandDelimiter(scanner: Scanner, start: number): Token | undefined {
  if (scanner.peek() !== '\\') {
    return undefined;
  }
  const symbol = scanner.peek(1);
  if (symbol === '{' || symbol === '}') {
    scanner.pos += 2;
    return {
      kind: symbol === '{' ? 'open' : 'close',
      bracket: 'brace',
      ...scanner.spanFrom(start),
    };
  }
  const before = scanner.pos;
  scanner.pos++;
  const name = scanner.match(COMMAND_NAME);
  const command = name === undefined ? undefined : latexCommand(name);
  if (command?.kind === 'bar') {
    return { kind: 'bar', ...scanner.spanFrom(start) };
  }
  if (command?.kind === 'bracket') {
    return { kind: command.side, bracket: command.bracket, ...scanner.spanFrom(start) };
  }
  scanner.pos = before;
  return undefined;
}

function nameToken(scanner: Scanner, start: number, name: string, form: NameForm): Token {
  const full = readSubscripts(scanner, name, start);
  return { kind: 'name', name: full, form, ...scanner.spanFrom(start) };
}

/** The name in `\mathrm{relu}`, `\hat{y}`, `\hat y` or `\hat\theta`. */
function readArgumentName(scanner: Scanner, start: number, command: string): string {
  scanner.skipSpaces();
  const name =
    readBraceArgument(scanner) ??
    scanner.match(SINGLE_LETTER) ??
    scanner.match(/\\[A-Za-z]+/y)?.slice(1);
  if (name === undefined) {
    return scanner.fail(
      'syntax',
      `\\${command} needs a name in braces, as in \\${command}{x}`,
      start,
      scanner.pos,
    );
  }
  return name;
}

/** `\mathbb{1}`, with the `_` of `\mathbb{1}_{y_i = j}`: the braces after it are the condition. */
function indicatorToken(scanner: Scanner, start: number): Token {
  scanner.skipSpaces();
  if (scanner.peek() === '_') {
    scanner.pos++;
  } else if (scanner.peek() === '\\' && scanner.peek(1) === '_') {
    scanner.pos += 2;
  }
  return { kind: 'indicator', ...scanner.spanFrom(start) };
}

/**
 * `\underbrace{x + y}_{\text{label}}`: the argument is lexed as a brace group; the label after
 * its closing brace is marked for the lexer to skip.
 */
function dropLabel(scanner: Scanner, start: number, command: string, mark: '_' | '^'): void {
  scanner.skipSpaces();
  const open = scanner.pos;
  if (scanner.peek() !== '{') {
    scanner.fail(
      'syntax',
      `\\${command} needs its argument in braces, as in \\${command}{x + y}`,
      start,
    );
  }
  skipBraces(scanner);
  scanner.skipSpaces();
  if (scanner.peek() === mark) {
    const labelStart = scanner.pos;
    scanner.pos++;
    scanner.skipSpaces();
    if (scanner.match(/\\[A-Za-z]+\*?/y) === undefined && scanner.peek() !== '{') {
      scanner.pos++;
    }
    scanner.skipSpaces();
    skipBraces(scanner);
    scanner.skipped.set(labelStart, scanner.pos);
  }
  scanner.pos = open;
}

/**
 * `\begin{aligned}` and the like are passed over. Matrices, `cases` and arrays are refused:
 * read as lines, `a & b` would become a product.
 */
function environment(scanner: Scanner, start: number, command: string): void {
  scanner.skipSpaces();
  const name = scanner.match(/\{\s*([A-Za-z]+\*?)\s*\}/y)?.replace(/[{}\s]/g, '');
  if (name === undefined) {
    scanner.fail(
      'syntax',
      `\\${command} needs an environment name, as in \\${command}{aligned}`,
      start,
    );
  }
  if (!isEquationEnvironment(name)) {
    scanner.fail(
      'unsupported',
      `the environment ${name} is not read: only equations are (aligned, align*, equation, gather, split); matrices, cases and arrays are not`,
      start,
    );
  }
}

/** Drops the `{…}` argument of `\begin{aligned}`, `\label{eq:loss}`, `\tag{1.2}`. */
function skipBraces(scanner: Scanner): void {
  if (scanner.peek() !== '{') {
    return;
  }
  let depth = 0;
  do {
    const char = scanner.peek();
    depth += char === '{' ? 1 : char === '}' ? -1 : 0;
    scanner.pos++;
  } while (depth > 0 && !scanner.done);
}
