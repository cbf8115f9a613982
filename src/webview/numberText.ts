/**
 * A number typed into the inputs table: as the panel writes numbers (`−2`, with U+2212) or as
 * code does (`-2`, `1e-3`, `.5`). Pure, so it is tested in Node.
 */
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;

/** The finite number `text` spells, or undefined. */
export function parseNumberText(text: string): number | undefined {
  const plain = text
    .trim()
    .replace(/[\u2212\u2012\u2013]/g, '-')
    .replace(/[\s_]/g, '');
  if (!NUMBER.test(plain)) {
    return undefined;
  }
  const value = Number(plain);
  return Number.isFinite(value) ? value : undefined;
}
