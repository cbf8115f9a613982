/**
 * What the written gradients are called: `d<name>` after the code's own names (`dx`, `dsigx`,
 * `dW`), as the course notes and the checker's pairing (`d<name>`) expect; `dw[0]` for an element
 * of a list `w`; a name after the statement it belongs to for an unnamed intermediate
 * (`dsigy_exp`). A name the code already uses is never taken.
 */
/** Words `d` + a name can spell that Python or JavaScript reserve (`del` for `el`, `do` for `o`). */
const RESERVED = ['def', 'del', 'do', 'debugger', 'default', 'delete'];

export class GradientNames {
  private readonly taken: Set<string>;
  private readonly given = new Map<string, string>();

  constructor(codeNames: Iterable<string>) {
    this.taken = new Set([...codeNames, ...RESERVED]);
  }

  /** The gradient of what `key` stands for (a node, a list), named after `base` (`x` → `dx`) the first time. */
  nameFor(key: string, base: string): string {
    const known = this.given.get(key);
    if (known !== undefined) {
      return known;
    }
    let name = `d${base}`;
    for (let n = 2; this.taken.has(name); n += 1) {
      name = `d${base}_${n}`;
    }
    this.taken.add(name);
    this.given.set(key, name);
    return name;
  }
}

/** `w[0]` → `{ list: 'w', index: '0' }`: an element of a list the code indexes. */
export function listElement(
  name: string,
): { readonly list: string; readonly index: string } | undefined {
  const match = /^([A-Za-z_$][\w$]*)\[(\d+)\]$/.exec(name);
  return match?.[1] === undefined || match[2] === undefined
    ? undefined
    : { list: match[1], index: match[2] };
}

/** The identifiers a source text uses, so that no written name shadows one. */
export function identifiersOf(source: string): ReadonlySet<string> {
  return new Set(source.match(/[A-Za-z_$][\w$]*/g) ?? []);
}

/** A plain identifier, or an element of a list (`w[0]`): what written code can refer to. */
export function writableName(name: string): boolean {
  return /^[A-Za-z_$][\w$]*$/.test(name) || listElement(name) !== undefined;
}
