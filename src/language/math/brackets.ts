/**
 * Checks that brackets pair up before any parsing, so an unbalanced bracket is reported at
 * the bracket itself, and refuses nesting deeper than MAX_DEPTH before the parser recurses.
 * It also decides which line breaks end a statement: not those inside brackets, nor those
 * after an operator, `=` or `,` (the formula continues on the next line).
 */
import { MAX_DEPTH, MathError } from './mathError';
import type { SourceLines } from '../sourceLines';
import { bracketText, type Token, type TokenKind } from './tokens';

export interface Structured {
  readonly tokens: readonly Token[];
  /** For each bracket, the index of its partner; -1 for other tokens. */
  readonly partner: readonly number[];
}

/** After these a line break continues the statement (or, after a separator, adds nothing). */
const CONTINUES: ReadonlySet<TokenKind> = new Set([
  'operator',
  'equals',
  'comma',
  'open',
  'frac',
  'sqrt',
  'radical',
  'separator',
]);

export function pairBrackets(source: SourceLines, tokens: Iterable<Token>): Structured {
  const out: Token[] = [];
  const partner: number[] = [];
  const open: number[] = [];
  for (const token of tokens) {
    if (token.kind === 'newline') {
      const previous = out[out.length - 1];
      if (open.length === 0 && previous !== undefined && !CONTINUES.has(previous.kind)) {
        out.push({ kind: 'separator', from: token.from, to: token.to });
        partner.push(-1);
      }
      continue;
    }
    const index = out.length;
    out.push(token);
    partner.push(-1);
    if (token.kind === 'open') {
      open.push(index);
      if (open.length > MAX_DEPTH) {
        throw new MathError('too-deep', tooDeep(), token);
      }
    } else if (token.kind === 'close') {
      const opener = checkClose(source, out, open.pop(), token);
      partner[index] = opener;
      partner[opener] = index;
    }
  }
  const unclosed = open[open.length - 1];
  if (unclosed !== undefined) {
    const token = out[unclosed] as Token & { kind: 'open' };
    throw new MathError(
      'syntax',
      `this \`${bracketText('open', token.bracket)}\` is never closed: add \`${bracketText('close', token.bracket)}\``,
      token,
    );
  }
  return { tokens: out, partner };
}

function checkClose(
  source: SourceLines,
  out: readonly Token[],
  opener: number | undefined,
  close: Token & { kind: 'close' },
): number {
  const shown = bracketText('close', close.bracket);
  const openToken = opener === undefined ? undefined : out[opener];
  if (opener === undefined || openToken === undefined || openToken.kind !== 'open') {
    throw new MathError('syntax', `this \`${shown}\` has no opening bracket before it`, close);
  }
  if (openToken.bracket !== close.bracket) {
    const { line, column } = source.positionAt(openToken.from);
    throw new MathError(
      'syntax',
      `this \`${shown}\` does not match the \`${bracketText('open', openToken.bracket)}\` at line ${line + 1}, column ${column + 1}: close that with \`${bracketText('close', openToken.bracket)}\``,
      close,
    );
  }
  return opener;
}

export function tooDeep(): string {
  return `the formula is nested more than ${MAX_DEPTH} levels deep; Gradient Lens refuses deeper nesting`;
}
