/** One call as array code writes it: its arguments read, positional and by keyword. */
import { CodeError } from '../../code/codeError';
import type { Span } from '../../span';
import type { PyValue } from './arrayValue';

export interface Argument {
  readonly value: PyValue;
  readonly text: string;
  readonly span: Span;
}

export class Call {
  constructor(
    /** The function as written (`np.sum`, `x.sum`). */
    readonly written: string,
    readonly positional: readonly Argument[],
    readonly keywords: ReadonlyMap<string, Argument>,
    readonly text: string,
    readonly span: Span,
  ) {}

  /** The argument at `index`, or given by one of `names`; None counts as absent. */
  get(index: number, ...names: string[]): Argument | undefined {
    const byName = names
      .map((name) => this.keywords.get(name))
      .find((found) => found !== undefined);
    const found = byName ?? (index < 0 ? undefined : this.positional[index]);
    return found?.value.kind === 'none' ? undefined : found;
  }

  need(index: number, ...names: string[]): Argument {
    const found = this.get(index, ...names);
    if (found === undefined) {
      throw new CodeError(
        'unsupported',
        `\`${this.written}\` needs its argument ${names[0] ?? String(index + 1)}`,
        this.span,
      );
    }
    return found;
  }

  /** Refuses keywords this reading does not know, so none is silently ignored. */
  only(...names: string[]): this {
    for (const [name, argument] of this.keywords) {
      if (!names.includes(name)) {
        throw new CodeError(
          'unsupported',
          `\`${this.written}\`'s argument \`${name}\` is not supported here`,
          argument.span,
        );
      }
    }
    return this;
  }

  /** The same call with `receiver` as its first argument (`x.sum(1)` as `sum(x, 1)`). */
  withReceiver(receiver: Argument): Call {
    return new Call(
      this.written,
      [receiver, ...this.positional],
      this.keywords,
      this.text,
      this.span,
    );
  }

  flag(name: string, fallback = false): boolean {
    const found = this.keywords.get(name)?.value;
    return found?.kind === 'number' ? found.value !== 0 : fallback;
  }
}
