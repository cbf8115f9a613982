/**
 * The parts of a name beyond its first word: subscripts (`x_1`, `x_{12}`, `\theta_{\max}`) and
 * the `{…}` argument of `\mathrm{…}` or `\hat{…}`. A name keeps the subscript as written,
 * without braces or backslashes: `x_{1}` is `x_1`, `w_{ij}` is `w_ij`.
 */
import type { Scanner } from './scanner';

const SUBSCRIPT_WORD = /[\p{L}\p{Nd}]+/uy;
const DIGITS = /\p{Nd}+/uy;
const ONE_CHARACTER = /[\p{L}\p{Nd}]/uy;
const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;
/** A subscripted name right after a one-character subscript: `x_i` in `w_ix_i`. */
const SUBSCRIPTED_NAME = /\p{L}+(?:_|\\_)/uy;
const COMMAND_WORD = /\\[A-Za-z]+/y;
/** `{y_i}` of `s_{y_i}`: the element that the value of y_i picks, kept as `{y_i}` until lowered. */
const CHOSEN_ELEMENT = /\{\s*[A-Za-z](?:_[A-Za-z0-9]+|_\{[A-Za-z0-9]+\})\s*\}/y;
/** What follows a subscript cut short, for messages: `x_0` after `w_0` in `w_0x_0`. */
const FOLLOWING = /[\p{L}\p{Nd}]+(?:\\?_(?:\{[^{}]*\}|\\[A-Za-z]+|[\p{L}\p{Nd}]))?/uy;
/** Font commands inside a subscript only style it: `x_{\text{max}}` is `x_max`. */
const STYLE_COMMANDS =
  /\\(?:mathrm|mathit|mathbf|mathsf|mathtt|text|textrm|textit|textbf|operatorname)\b/g;

/**
 * The subscripts after `name`, whose token started at `start`. `\_` (Markdown's escape of
 * `_`) is a subscript mark too. In LaTeX a subscript is one character unless braced, as TeX
 * sets it: `w_0x_0` is w_0·x_0; in plain math a subscript is a word, but digits end it before
 * a letter (`w_0x` is w_0·x).
 */
export function readSubscripts(scanner: Scanner, name: string, start: number): string {
  let full = name;
  for (;;) {
    const mark = subscriptMark(scanner);
    if (mark === 0) {
      return full;
    }
    const at = scanner.pos;
    scanner.pos += mark;
    const part = readSubscript(scanner);
    if (part === undefined) {
      refuseSubscript(scanner, at, start);
    }
    full += `_${part.text}`;
    if (part.ends) {
      endOfWord(scanner, start, full, part.text);
    }
  }
}

function refuseSubscript(scanner: Scanner, at: number, start: number): never {
  const braced = scanner.lookAt(/\{[^{}]*\}/y);
  if (braced?.includes('_') === true) {
    const written = scanner.text.slice(start, scanner.pos) + braced;
    return scanner.fail(
      'unsupported',
      `\`${written}\`: a subscript that is itself subscripted (an element chosen by another value) is not read; write the element it stands for, as in f_2`,
      start,
      scanner.pos + braced.length,
    );
  }
  return scanner.fail('syntax', 'a `_` must be followed by a subscript, as in x_1 or x_{12}', at);
}

function subscriptMark(scanner: Scanner): number {
  if (scanner.peek() === '_') {
    return 1;
  }
  return scanner.peek() === '\\' && scanner.peek(1) === '_' ? 2 : 0;
}

/** `ends`: the subscript stopped where letters or digits go on, which then need a decision. */
function readSubscript(scanner: Scanner): { text: string; ends: boolean } | undefined {
  if (scanner.peek() === '{') {
    const braced = readBraceArgument(scanner);
    if (braced !== undefined) {
      return { text: braced, ends: false };
    }
    const chosen = scanner.match(CHOSEN_ELEMENT);
    return chosen === undefined
      ? undefined
      : { text: `{${chosen.replace(/[{}\s]/g, '')}}`, ends: false };
  }
  const command = scanner.match(COMMAND_WORD);
  if (command !== undefined) {
    return { text: command.slice(1), ends: false };
  }
  const text = scanner.tex
    ? scanner.match(ONE_CHARACTER)
    : (scanner.match(DIGITS) ?? scanner.match(SUBSCRIPT_WORD));
  return text === undefined ? undefined : { text, ends: true };
}

/**
 * After a subscript that took fewer characters than are written (`w_0x_0`, `x_12`): a
 * product where TeX and the eye agree (a digit subscript before a letter, or one character
 * before another subscripted name, as in `w_ix_i`), said in a note; refused where they do not
 * (`x_12` looks like x_{12} but TeX sets x_1 2; `x_max` looks like x_{max}).
 */
function endOfWord(scanner: Scanner, start: number, full: string, part: string): void {
  const next = scanner.peek();
  if (!LETTER.test(next) && !DIGIT.test(next)) {
    return;
  }
  const written = scanner.text.slice(start, scanner.pos);
  const rest = scanner.lookAt(FOLLOWING) ?? next;
  const namedAfter = scanner.lookAt(SUBSCRIPTED_NAME) !== undefined;
  if (LETTER.test(next) && (DIGIT.test(part) || namedAfter)) {
    scanner.notes.add(
      scanner.spanFrom(start),
      `\`${written}${rest}\` is read as TeX sets it, ${full}\u00b7${rest}: a subscript is one character unless braced`,
    );
    return;
  }
  const base = written.slice(0, -part.length);
  const word = rest.match(/^[\p{L}\p{Nd}]+/u)?.[0] ?? next;
  scanner.fail(
    'unsupported',
    `\`${written}${word}\`: TeX's subscript takes one character, so this is ${full} followed by ${word}; write ${base}{${part}${word}} for one name, or put a space or \\cdot between ${full} and ${word}`,
    start,
    scanner.pos + word.length,
  );
}

/**
 * `{content}` as a name part: letters, digits, `+ - ,` and Greek commands, spaces dropped.
 * Undefined when the content is anything else.
 */
export function readBraceArgument(scanner: Scanner): string | undefined {
  const start = scanner.pos;
  if (scanner.peek() !== '{') {
    return undefined;
  }
  let depth = 0;
  do {
    const char = scanner.peek();
    depth += char === '{' ? 1 : char === '}' ? -1 : 0;
    scanner.pos++;
  } while (depth > 0 && !scanner.done);
  const content = scanner.text
    .slice(start + 1, scanner.pos - 1)
    .replace(STYLE_COMMANDS, '')
    .replace(/[\\{}\s]/g, '');
  if (depth > 0 || !/^[\p{L}\p{Nd}+\-,]+$/u.test(content)) {
    scanner.pos = start;
    return undefined;
  }
  return content;
}
