/** Small helpers for putting expressions together as code text. */

/** A name, a number, a call or an index: safe as an operand without parentheses. */
export function isAtom(text: string): boolean {
  return (
    /^(?:[A-Za-z_$][\w$.]*(?:\[[^[\]]*\])*|\d+(?:\.\d+)?(?:e[-+]?\d+)?)$/.test(text) || isCall(text)
  );
}

/** `f(…)` whose parentheses close at the end. */
function isCall(text: string): boolean {
  const open = /^[A-Za-z_$][\w$.]*\(/.exec(text);
  if (open === null || !text.endsWith(')')) {
    return false;
  }
  let depth = 0;
  for (let i = open[0].length - 1; i < text.length; i += 1) {
    depth += text[i] === '(' ? 1 : text[i] === ')' ? -1 : 0;
    if (depth === 0 && i < text.length - 1) {
      return false;
    }
  }
  return true;
}

export function atom(text: string): string {
  return isAtom(text) ? text : `(${text})`;
}

/** A number as both Python and JavaScript read it back exactly (shortest round trip). */
export function numberText(value: number): string {
  if (!Number.isFinite(value)) {
    throw new RangeError(`no literal for ${value}`);
  }
  return String(value);
}

/** `a + b`, `-a`, `a ** b` …: the arithmetic Python and JavaScript write alike; else undefined. */
export function arithmeticText(op: string, a: string, b: string): string | undefined {
  switch (op) {
    case 'add':
      return `${a} + ${atom(b)}`;
    case 'sub':
      return `${a} - ${atom(b)}`;
    case 'mul':
      return `${atom(a)} * ${atom(b)}`;
    case 'div':
      return `${atom(a)} / ${atom(b)}`;
    case 'neg':
      return `-${atom(a)}`;
    case 'pow':
      return `${atom(a)} ** ${atom(b)}`;
    default:
      return undefined;
  }
}
