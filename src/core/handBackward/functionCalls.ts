/**
 * The Python text the function-shaped backward passes are found in: `def` statements (their
 * parameters, body lines and the names their last `return` gives) and top-level calls whose
 * results are unpacked into names (`out, cache = affine_forward(x, w, b)`). Only one-line
 * signatures, returns and calls: anything else is not a pair, and the check leaves it to the
 * straight-code pairing.
 */

export interface FunctionDef {
  readonly name: string;
  readonly params: readonly string[];
  /** 0-based line of the `def`. */
  readonly line: number;
  /** The body's last line (0-based, inclusive). */
  readonly end: number;
  /** The names the last `return a, b, c` gives (undefined where an element is no plain name). */
  readonly returns: readonly (string | undefined)[];
  readonly returnLine?: number;
}

export interface UnpackingCall {
  readonly callee: string;
  /** The names the results are unpacked into: `out, cache`. */
  readonly targets: readonly string[];
  /** The arguments as written (positional only; keyword arguments end the list). */
  readonly args: readonly string[];
  readonly line: number;
}

const DEF = /^(\s*)def\s+(\w+)\s*\((.*)\)\s*(?:->[^:]*)?:\s*(?:#.*)?$/;
const RETURN = /^\s*return\s+(.+?)\s*(?:#.*)?$/;
const CALL = /^([A-Za-z_][\w\s,()]*?)\s*=\s*([A-Za-z_][\w.]*)\s*\((.*)\)\s*(?:#.*)?$/;
const NAME = /^[A-Za-z_]\w*$/;

export function functionDefs(source: string): Map<string, FunctionDef> {
  const lines = source.split('\n');
  const defs = new Map<string, FunctionDef>();
  lines.forEach((text, line) => {
    const match = DEF.exec(text);
    if (match === null) {
      return;
    }
    const indent = match[1]?.length ?? 0;
    const end = bodyEnd(lines, line, indent);
    let returns: (string | undefined)[] = [];
    let returnLine: number | undefined;
    for (let at = line + 1; at <= end; at++) {
      const value = RETURN.exec(lines[at] ?? '')?.[1];
      if (value !== undefined) {
        returns = topLevelParts(value.replace(/^\((.*)\)$/, '$1')).map((part) =>
          NAME.test(part) ? part : undefined,
        );
        returnLine = at;
      }
    }
    defs.set(match[2] ?? '', {
      name: match[2] ?? '',
      params: parameters(match[3] ?? ''),
      line,
      end,
      returns,
      ...(returnLine === undefined ? {} : { returnLine }),
    });
  });
  return defs;
}

/** Calls at the top level (column 0) whose results are unpacked into plain names. */
export function unpackingCalls(source: string): UnpackingCall[] {
  const calls: UnpackingCall[] = [];
  source.split('\n').forEach((text, line) => {
    const match = CALL.exec(text);
    if (match === null || /^\s/.test(text)) {
      return;
    }
    const targets = (match[1] ?? '')
      .replace(/[()]/g, '')
      .split(',')
      .map((part) => part.trim());
    if (!targets.every((target) => NAME.test(target))) {
      return;
    }
    const args = topLevelParts(match[3] ?? '');
    const keyword = args.findIndex((arg) => /^\w+\s*=[^=]/.test(arg));
    calls.push({
      callee: match[2] ?? '',
      targets,
      args: keyword < 0 ? args : args.slice(0, keyword),
      line,
    });
  });
  return calls;
}

export function bodyEnd(lines: readonly string[], line: number, indent: number): number {
  let end = line;
  for (let at = line + 1; at < lines.length; at++) {
    const text = lines[at] ?? '';
    if (text.trim() === '' || /^\s*#/.test(text)) {
      continue;
    }
    if ((/^\s*/.exec(text)?.[0].length ?? 0) <= indent) {
      break;
    }
    end = at;
  }
  return end;
}

/** `x, w, b=None, *args, **kw`: x, w, b (annotations and defaults dropped, self and stars too). */
function parameters(text: string): string[] {
  return topLevelParts(text)
    .map((part) => (part.split(/[:=]/)[0] ?? '').trim())
    .filter((name) => NAME.test(name) && name !== 'self');
}

/** Splits at the commas outside brackets and strings. */
export function topLevelParts(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  for (let at = 0; at < text.length; at++) {
    const char = text[at] ?? '';
    if (quote !== undefined) {
      quote = char === quote ? undefined : quote;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if ('([{'.includes(char)) {
      depth++;
    } else if (')]}'.includes(char)) {
      depth--;
    } else if (char === ',' && depth === 0) {
      parts.push(text.slice(start, at).trim());
      start = at + 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts.filter((part) => part !== '');
}
