/**
 * The parts of a name beyond its first word: subscripts (`x_1`, `x_{12}`, `\theta_{\max}`) and
 * the `{…}` argument of `\mathrm{…}` or `\hat{…}`. A name keeps the subscript as written,
 * without braces or backslashes: `x_{1}` is `x_1`, `w_{ij}` is `w_ij`.
 */
import type { Scanner } from './scanner';

const SUBSCRIPT_WORD = /[\p{L}\p{Nd}]+/uy;
const COMMAND_WORD = /\\[A-Za-z]+/y;
/** Font commands inside a subscript only style it: `x_{\text{max}}` is `x_max`. */
const STYLE_COMMANDS =
  /\\(?:mathrm|mathit|mathbf|mathsf|mathtt|text|textrm|textit|textbf|operatorname)\b/g;

export function readSubscripts(scanner: Scanner, name: string): string {
  let full = name;
  while (scanner.peek() === '_') {
    const start = scanner.pos;
    scanner.pos++;
    const part = readSubscript(scanner);
    if (part === undefined) {
      scanner.fail('syntax', 'a `_` must be followed by a subscript, as in x_1 or x_{12}', start);
    }
    full += `_${part}`;
  }
  return full;
}

function readSubscript(scanner: Scanner): string | undefined {
  if (scanner.peek() === '{') {
    return readBraceArgument(scanner);
  }
  const command = scanner.match(COMMAND_WORD);
  return command === undefined ? scanner.match(SUBSCRIPT_WORD) : command.slice(1);
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
