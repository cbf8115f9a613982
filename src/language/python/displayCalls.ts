/**
 * Drawing and plotting statements of pasted notebooks: calls through matplotlib.pyplot
 * (`plt.scatter(…)`, `plt.show()`, `fig = plt.figure()`) and, as a whole statement, a call of a
 * function the file neither defines nor imports whose name says it shows something, on names only
 * (`draw_dot(o)`, `display(x)`, `plot_loss(h)`: helpers of another cell or of IPython). They draw;
 * the numbers they are given are unchanged. Any other unknown call (`update(w, g)`) may change
 * an array in place, so it is never skipped.
 */
import { field, meaningfulChildren, type NodeLike } from '../code/syntax';

/** What is read of a statement: a tree-sitter node or its snapshot. */
type Node = NodeLike<Node>;

/** Python's builtins: a call of one computes or changes something (`setattr`, `exec`, `next`). */
const BUILTINS = new Set(
  (
    'abs all any ascii bin bool breakpoint bytearray bytes callable chr classmethod compile complex ' +
    'delattr dict dir divmod enumerate eval exec filter float format frozenset getattr globals ' +
    'hasattr hash help hex id input int isinstance issubclass iter len list locals map max ' +
    'memoryview min next object oct open ord pow print property range repr reversed round set ' +
    'setattr slice sorted staticmethod str sum super tuple type vars zip __import__'
  ).split(' '),
);

/** `import matplotlib.pyplot as plt`, `from matplotlib import pyplot as plt`, `import pylab as pl`. */
const PYPLOT_IMPORT =
  /^[ \t]*(?:import[ \t]+(?:matplotlib\.pyplot|pylab)|from[ \t]+matplotlib[ \t]+import[ \t]+pyplot)[ \t]+as[ \t]+(\w+)/gmu;

/** The names of helpers that only show their arguments: draw_dot, display, plot_…, show_…. */
const SHOWING_NAME = /^(?:draw|display|plot|show|visuali[sz]e|render|imshow)(?:_\w*)?$/u;

/** The conventional name, read as matplotlib.pyplot when the file does not bind it otherwise. */
const PLT = 'plt';

/** The names a file defines or imports, read from its text. */
function boundNames(source: string): Set<string> {
  const names = new Set<string>();
  const patterns = [
    /^[ \t]*(?:async[ \t]+)?def[ \t]+(\w+)/gmu,
    /^[ \t]*class[ \t]+(\w+)/gmu,
    /^[ \t]*(\w+)[ \t]*(?:,[^=\n]*)?=(?!=)/gmu,
    /\bimport[ \t]+[\w.]+[ \t]+as[ \t]+(\w+)/gmu,
    /^[ \t]*import[ \t]+(\w+)/gmu,
  ];
  for (const pattern of patterns) {
    for (const match of source.matchAll(pattern)) {
      names.add(match[1] ?? '');
    }
  }
  for (const match of source.matchAll(/^[ \t]*from[ \t]+[\w.]+[ \t]+import[ \t]+\(?([^)\n]+)/gmu)) {
    for (const part of (match[1] ?? '').split(',')) {
      const name = part
        .trim()
        .split(/\s+as\s+/u)
        .pop();
      if (name !== undefined && name !== '') {
        names.add(name);
      }
    }
  }
  return names;
}

/** Which calls of a file are drawing calls. */
export class DisplayCalls {
  private readonly aliases: ReadonlySet<string>;
  /** Read from the whole text, so only when a call could be a drawing one. */
  private bound: ReadonlySet<string> | undefined;

  constructor(private readonly source: string) {
    this.aliases = new Set([...source.matchAll(PYPLOT_IMPORT)].map((match) => match[1] ?? ''));
  }

  private boundNames(): ReadonlySet<string> {
    this.bound ??= boundNames(this.source);
    return this.bound;
  }

  /** An alias of pyplot, or `plt` where the file does not bind it otherwise. */
  private isPyplot(name: string): boolean {
    return this.aliases.has(name) || (name === PLT && !this.boundNames().has(PLT));
  }

  /** Whether `statement` (a whole statement) only draws. */
  draws(statement: Node): boolean {
    const parts = statement.type === 'expression_statement' ? meaningfulChildren(statement) : [];
    const [inner] = parts;
    if (inner === undefined || parts.length !== 1) {
      return false;
    }
    if (inner.type === 'assignment') {
      // `fig = plt.figure()`: the name holds a figure, which no number is read from.
      const left = field(inner, 'left');
      const right = field(inner, 'right');
      return left?.type === 'identifier' && right?.type === 'call' && this.throughPyplot(right);
    }
    return (
      inner.type === 'call' && (this.throughPyplot(inner) || this.helperCall(statement, inner))
    );
  }

  /** `plt.scatter(…)`, `plt.cm.Spectral(…)`: a call whose callee is rooted at a pyplot alias. */
  private throughPyplot(call: Node): boolean {
    let callee = field(call, 'function');
    while (callee?.type === 'attribute') {
      callee = field(callee, 'object');
    }
    return callee?.type === 'identifier' && callee.text !== field(call, 'function')?.text
      ? this.isPyplot(callee.text)
      : false;
  }

  /** `draw_dot(o)`: an unknown function named for showing, on names only, alone on its line. */
  private helperCall(statement: Node, call: Node): boolean {
    const callee = field(call, 'function');
    const args = field(call, 'arguments');
    if (
      callee?.type !== 'identifier' ||
      args === undefined ||
      !SHOWING_NAME.test(callee.text) ||
      BUILTINS.has(callee.text) ||
      this.boundNames().has(callee.text) ||
      !meaningfulChildren(args).every((arg) => arg.type === 'identifier')
    ) {
      return false;
    }
    return this.aloneOnItsLine(statement);
  }

  private aloneOnItsLine(statement: Node): boolean {
    const start = this.source.lastIndexOf('\n', statement.startIndex - 1) + 1;
    const newline = this.source.indexOf('\n', statement.endIndex);
    const end = newline === -1 ? this.source.length : newline;
    const before = this.source.slice(start, statement.startIndex);
    const after = this.source.slice(statement.endIndex, end);
    return before.trim() === '' && /^\s*(?:#.*)?$/u.test(after);
  }
}
