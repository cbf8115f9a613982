/**
 * Library functions (`math.exp`, `F.leaky_relu`, `Math.hypot` …) as engine ops. Each entry
 * names its parameters, so Python's keyword arguments can be matched, and builds the expression
 * from the arguments given. Some are a small formula of ops (`Math.round(x)` is ⌊x + 0.5⌋).
 */
import type { OpName } from '../../engine/opName';
import { OPS } from '../../engine/ops';
import {
  signatures,
  type Convention,
  type Formula,
  type Signature,
  type Spellings,
} from '../../engine/spelling';
import { numberExpr, opExpr, type Expr } from './codeAst';
import { CodeError } from './codeError';
import type { Span } from '../span';

export interface LibraryFunction {
  /** Parameter names in order. */
  readonly params: readonly string[];
  /** How many leading parameters must be given. */
  readonly required: number;
  /** Takes any number of further positional arguments (max, min, hypot). */
  readonly variadic?: boolean;
  /** Parameters whose value is a string, such as gelu's `approximate`. */
  readonly options?: readonly string[];
  /** Keyword arguments that are accepted and change nothing here (`inplace`). */
  readonly ignored?: readonly string[];
  /**
   * What a positional argument after `params` means in the library, where that is not an error
   * there (NumPy's `out`): the message refusing it, given the function as written.
   */
  readonly beyondParams?: (name: string) => string;
  readonly build: (call: CallArguments) => Expr;
}

export interface NamedConstant {
  readonly value: number;
  /** How it is shown on the constant node. */
  readonly text: string;
}

/** A library's constants and functions by name, and how its unknown constants are described. */
export interface ConstantLibrary {
  readonly constants: ReadonlyMap<string, NamedConstant>;
  readonly functions: ReadonlyMap<string, LibraryFunction>;
  /** Completes "`x` is not …": "a Math constant". */
  readonly notA: string;
  /** How a known constant is listed in that message (`PI` as `Math.PI`). */
  readonly listed: (name: string) => string;
}

/**
 * The constant `name` of `library` as a number; `written` is the source text, for messages.
 * A function named without a call is refused as such, since that is the likelier slip.
 */
export function libraryConstant(
  library: ConstantLibrary,
  name: string,
  written: string,
  span: Span,
): Expr {
  const known = library.constants.get(name);
  if (known !== undefined) {
    return numberExpr(known.value, known.text, span);
  }
  if (library.functions.has(name)) {
    throw new CodeError(
      'unsupported',
      `the function \`${written}\` used as a value is not supported: call it`,
      span,
    );
  }
  throw new CodeError(
    'unknown-name',
    `\`${written}\` is not ${library.notA}: the known ones are ${[...library.constants.keys()].map(library.listed).join(', ')}`,
    span,
  );
}

export interface CallArguments {
  /** The function as written, for messages. */
  readonly name: string;
  /** By parameter position; undefined where left out (or given as None). */
  readonly args: readonly (Expr | undefined)[];
  /** String arguments by parameter name. */
  readonly options: ReadonlyMap<string, string>;
  readonly span: Span;
}

/** One argument as the call wrote it, before it is matched to a parameter. */
export type Argument =
  | { readonly kind: 'expr'; readonly expr: Expr }
  | { readonly kind: 'none'; readonly span: Span }
  | { readonly kind: 'string'; readonly value: string; readonly span: Span };

export interface KeywordArgument {
  readonly name: string;
  readonly value: Argument;
  readonly span: Span;
}

/** Matches positional and keyword arguments to `fn`'s parameters and builds the expression. */
export function applyFunction(
  fn: LibraryFunction,
  name: string,
  positional: readonly Argument[],
  keywords: readonly KeywordArgument[],
  span: Span,
): Expr {
  if (!fn.variadic && positional.length > fn.params.length) {
    throw argumentError(
      fn.beyondParams?.(name) ??
        `\`${name}\` takes at most ${count(fn.params.length)}, got ${positional.length}`,
      span,
    );
  }
  if (fn.variadic && positional.length < fn.required) {
    throw argumentError(`\`${name}\` takes at least ${count(fn.required)}`, span);
  }
  const slots: (Argument | undefined)[] = [...positional];
  for (const keyword of keywords) {
    const index = fn.params.indexOf(keyword.name);
    if (index < 0 || fn.variadic) {
      if (fn.ignored?.includes(keyword.name) === true) {
        continue;
      }
      throw argumentError(
        `\`${name}\` has no argument \`${keyword.name}\` that can be read here`,
        keyword.span,
      );
    }
    if (slots[index] !== undefined) {
      throw argumentError(`\`${name}\` is given \`${keyword.name}\` twice`, keyword.span);
    }
    slots[index] = keyword.value;
  }
  return fn.build(matched(fn, name, slots, span));
}

function matched(
  fn: LibraryFunction,
  name: string,
  slots: readonly (Argument | undefined)[],
  span: Span,
): CallArguments {
  const args: (Expr | undefined)[] = [];
  const options = new Map<string, string>();
  const length = Math.max(slots.length, fn.params.length);
  for (let i = 0; i < length; i++) {
    const slot = slots[i];
    const param = fn.params[i] ?? fn.params[fn.params.length - 1] ?? 'argument';
    if (slot?.kind === 'string' && fn.options?.includes(param) === true) {
      options.set(param, slot.value);
      args.push(undefined);
    } else if (slot?.kind === 'string') {
      throw new CodeError(
        'unsupported',
        `a string is not supported as \`${name}\`'s \`${param}\``,
        slot.span,
      );
    } else {
      args.push(slot?.kind === 'expr' ? slot.expr : undefined);
    }
    if (i < fn.required && args[i] === undefined) {
      throw argumentError(`\`${name}\` needs its argument \`${param}\``, span);
    }
  }
  return { name, args, options, span };
}

function count(n: number): string {
  return `${n} argument${n === 1 ? '' : 's'}`;
}

function argumentError(message: string, span: Span): CodeError {
  return new CodeError('unsupported', message, span);
}

/** The given arguments, in order (for n-ary ops and plain ops). */
function present(call: CallArguments): Expr[] {
  return call.args.filter((arg): arg is Expr => arg !== undefined);
}

/** `+x`, `np.positive(x)`: the argument itself. */
export function identity(): LibraryFunction {
  return { params: ['x'], required: 1, build: (call) => argumentAt(call, 0) };
}

/** A required argument, which `applyFunction` has already checked is there. */
export function argumentAt(call: CallArguments, index: number): Expr {
  const found = call.args[index];
  if (found === undefined) {
    throw argumentError(`\`${call.name}\` needs argument ${index + 1}`, call.span);
  }
  return found;
}

/**
 * The library function one signature of an op's record describes: the op (or the record's
 * formula) over the arguments given.
 */
export function spelled(name: OpName, signature: Signature, body?: Formula): LibraryFunction {
  const { params, required, variadic, ignored } = signature;
  return {
    params,
    required,
    ...(variadic ? { variadic } : {}),
    ...(ignored.length > 0 ? { ignored } : {}),
    build:
      body === undefined
        ? (call) => opExpr(name, present(call), call.span)
        : (call) => ({ kind: 'formula', formula: body, args: present(call), span: call.span }),
  };
}

/** How a language builds a spelling that follows a convention of its library. */
export type ConventionBuilders = Partial<
  Record<Convention, (name: OpName, signature: Signature) => LibraryFunction>
>;

/**
 * Every spelling of one language in the op records, by the name `key` gives each signature
 * (`np.exp` → `numpy.exp`). A name spelled twice, or a convention the language does not build,
 * is a mistake in the records and fails at load.
 */
export function spellingsOf(
  language: Exclude<keyof Spellings, 'math'>,
  key: (written: string) => string,
  conventions: ConventionBuilders,
): Map<string, LibraryFunction> {
  const table = new Map<string, LibraryFunction>();
  for (const spec of Object.values(OPS)) {
    for (const { formula: body, convention, ...signature } of signatures(
      spec.spellings?.[language],
    )) {
      const name = key(signature.name);
      if (table.has(name)) {
        throw new Error(`${language}: \`${signature.name}\` is spelled twice in the op records`);
      }
      const build = convention === undefined ? undefined : conventions[convention];
      if (convention !== undefined && build === undefined) {
        throw new Error(`${language}: no builder for the convention ${convention}`);
      }
      table.set(name, build?.(spec.name, signature) ?? spelled(spec.name, signature, body));
    }
  }
  return table;
}

/**
 * clamp/clip with either bound optional (None): both bounds make a clamp, one bound a max or a
 * min, as PyTorch and NumPy compute them.
 */
export function clamp(params: readonly [string, string, string]): LibraryFunction {
  return {
    params,
    required: 1,
    build: (call) => {
      const x = argumentAt(call, 0);
      const [, lo, hi] = call.args;
      if (lo !== undefined && hi !== undefined) {
        return opExpr('clamp', [x, lo, hi], call.span);
      }
      if (lo !== undefined) {
        return opExpr('max', [x, lo], call.span);
      }
      if (hi !== undefined) {
        return opExpr('min', [x, hi], call.span);
      }
      throw argumentError(`\`${call.name}\` needs at least one bound`, call.span);
    },
  };
}
