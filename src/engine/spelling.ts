/**
 * How each language writes an op: plain data in the op's record, read by the front ends
 * (src/language) and rendered into the README's op table. The engine itself never reads it.
 *
 * A signature is written as the library documents it: `np.maximum(x1, x2)`. A bare name takes
 * one argument `x`; `name?` is optional; `...` after n parameters takes any number more (at
 * least n); names after `*` are keyword arguments accepted and ignored (`inplace`). Python
 * names are qualified as people import them (`math.`, `np.`, `torch.`, `F.` for
 * torch.nn.functional, `torch.special.`, `scipy.special.`); a name without a module is a
 * builtin. JavaScript names are `Math.` functions.
 */
import type { OpName } from './opName';

/** Ops over a library function's arguments: `{ arg: 0 }` is the first argument. */
export type Formula =
  | { readonly arg: number }
  | { readonly constant: number; readonly text: string }
  | { readonly op: OpName; readonly of: readonly Formula[] };

export const arg = (index: number): Formula => ({ arg: index });
export const constant = (value: number, text = String(value)): Formula => ({
  constant: value,
  text,
});
export const apply = (name: OpName, ...of: Formula[]): Formula => ({ op: name, of });

/**
 * An argument convention of a library that is more than the op over its arguments; the front
 * end that reads the language implements each one.
 */
export type Convention =
  /** math.log(x, base): ln x / ln base when the base is given. */
  | 'log-base'
  /** torch.log(x, b) is an error: torch.log takes no base. */
  | 'no-base'
  /** round(x, ndigits): only rounding to a whole number (ndigits absent or 0). */
  | 'whole-digits'
  /** softplus(x, beta) = softplus(beta·x)/beta; `threshold` refused. */
  | 'softplus-beta'
  /** F.gelu(x, approximate='tanh') is gelu_tanh, 'none' gelu. */
  | 'gelu-approximate'
  /** F.hardtanh(x, min_val=-1, max_val=1): a clamp with default bounds. */
  | 'hardtanh-bounds'
  /** clamp/clip with either bound optional: one bound is a max or a min. */
  | 'optional-bounds';

/** A spelling that is a formula of ops or follows a convention, under one or more signatures. */
export interface SpecialSpelling {
  /** One or more signatures, separated by spaces: `np.square torch.square(input)`. */
  readonly sig: string;
  /** The function is this formula over its arguments instead of the op. */
  readonly formula?: Formula;
  readonly convention?: Convention;
}

/** Signatures separated by spaces (the op over the arguments), or special spellings. */
export type LibrarySpellings = string | readonly (string | SpecialSpelling)[];

export interface Spellings {
  /**
   * Names in math notation, separated by spaces; the first is the one messages list. A name
   * ending in `()` means the op only when called with parentheses (`σ()`: else it is a name).
   */
  readonly math?: string;
  readonly python?: LibrarySpellings;
  readonly javascript?: LibrarySpellings;
}

/** One signature, parsed. */
export interface Signature {
  /** The name as written in the record (`np.exp`, `Math.max`, `abs`). */
  readonly name: string;
  readonly params: readonly string[];
  readonly required: number;
  readonly variadic: boolean;
  readonly ignored: readonly string[];
}

const SIGNATURE = /[\p{L}\w.]+(?:\([^)]*\))?/gu;

/** Every signature of `spellings`, each with the formula or convention it was given with. */
export function signatures(
  spellings: LibrarySpellings | undefined,
): (Signature & Omit<SpecialSpelling, 'sig'>)[] {
  const list = typeof spellings === 'string' ? [spellings] : (spellings ?? []);
  return list.flatMap((spelling) => {
    const { sig, ...rest } = typeof spelling === 'string' ? { sig: spelling } : spelling;
    return (sig.match(SIGNATURE) ?? []).map((text) => ({ ...parseSignature(text), ...rest }));
  });
}

export function parseSignature(text: string): Signature {
  const open = text.indexOf('(');
  if (open < 0) {
    return { name: text, params: ['x'], required: 1, variadic: false, ignored: [] };
  }
  const parts = text
    .slice(open + 1, -1)
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
  const star = parts.indexOf('*');
  const positional = star < 0 ? parts : parts.slice(0, star);
  const ignored = star < 0 ? [] : parts.slice(star + 1);
  const variadic = positional.at(-1) === '...';
  const named = variadic ? positional.slice(0, -1) : positional;
  const params = named.map((part) => part.replace(/\?$/, ''));
  const required = named.filter((part) => !part.endsWith('?')).length;
  return {
    name: text.slice(0, open),
    // Any number of arguments are all named after the first parameter.
    params: variadic ? params.slice(0, 1) : params,
    required,
    variadic,
    ignored,
  };
}
