/**
 * Finds the math in the inspected text. The result is a copy of the region, of the same
 * length, in which everything that is not math is blanked out: comments, and — when the text
 * has math delimiters (`$…$`, `$$…$$`, `\[…\]`, `\(…\)`) — the prose around them. Keeping the
 * length keeps every offset valid in the original document, so no mapping back is needed.
 *
 * Inside delimiters newlines are plain spaces, as in LaTeX, and the end of each delimited
 * formula becomes a `;` so that two formulas on one line stay two statements.
 */
import type { Span } from '../span';

type Delimiter = { readonly at: number; readonly length: number; readonly kind: DelimiterKind };
type DelimiterKind = '$$' | '$' | '\\[' | '\\]' | '\\(' | '\\)';

const CLOSER: Readonly<Record<DelimiterKind, DelimiterKind | undefined>> = {
  $$: '$$',
  $: '$',
  '\\[': '\\]',
  '\\(': '\\)',
  '\\]': undefined,
  '\\)': undefined,
};

export function maskMath(text: string, region: Span, hidden: readonly Span[]): string {
  const masked = blanked(text, region, hidden);
  // Working on the string, not an array of characters: a region may be a megabyte long.
  const delimiters = findDelimiters(masked);
  return delimiters.length === 0 ? masked : keepDelimited(masked.split(''), delimiters).join('');
}

/** The region's text with the hidden spans (comments) replaced by spaces. */
function blanked(text: string, region: Span, hidden: readonly Span[]): string {
  const parts: string[] = [];
  let at = region.from;
  for (const { from, to } of [...hidden].sort((a, b) => a.from - b.from)) {
    const start = Math.max(from, at);
    const end = Math.min(to, region.to);
    if (start < end) {
      parts.push(text.slice(at, start), ' '.repeat(end - start));
      at = end;
    }
  }
  parts.push(text.slice(at, region.to));
  return parts.join('');
}

function findDelimiters(chars: ArrayLike<string>): Delimiter[] {
  const found: Delimiter[] = [];
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i];
    const next = chars[i + 1];
    if (char === '\\') {
      if (next === '[' || next === ']' || next === '(' || next === ')') {
        found.push({ at: i, length: 2, kind: `\\${next}` });
      }
      i++;
    } else if (char === '$') {
      const double = next === '$';
      found.push({ at: i, length: double ? 2 : 1, kind: double ? '$$' : '$' });
      i += double ? 1 : 0;
    }
  }
  return found;
}

/** Blanks everything outside matched delimiters; an unclosed opener runs to the end. */
function keepDelimited(chars: readonly string[], delimiters: readonly Delimiter[]): string[] {
  const out = chars.map(() => ' ');
  let open: { readonly closer: DelimiterKind; readonly contentStart: number } | undefined;
  let kept = false;
  for (const delimiter of delimiters) {
    const closer = CLOSER[delimiter.kind];
    if (open === undefined && closer !== undefined) {
      open = { closer, contentStart: delimiter.at + delimiter.length };
    } else if (open !== undefined && delimiter.kind === open.closer) {
      keep(chars, out, open.contentStart, delimiter.at);
      out[delimiter.at] = ';';
      open = undefined;
      kept = true;
    } else if (open === undefined && !kept) {
      // A closer with no opener: the inspected text started inside the formula.
      keep(chars, out, 0, delimiter.at);
      out[delimiter.at] = ';';
      kept = true;
    }
  }
  if (open !== undefined) {
    keep(chars, out, open.contentStart, chars.length);
  }
  return out;
}

function keep(chars: readonly string[], out: string[], from: number, to: number): void {
  for (let i = from; i < to; i++) {
    const char = chars[i] ?? ' ';
    out[i] = char === '\n' || char === '\r' ? ' ' : char;
  }
}
