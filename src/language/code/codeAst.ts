/**
 * The language-neutral form of a code selection. Python, JavaScript and TypeScript syntax trees
 * are translated into it, so that value finding, conditionals and lowering to the graph are
 * written once. Library calls are already resolved to engine ops here (`np.exp(x)` is an `exp`
 * op), and everything the engine cannot differentiate has been rejected.
 */
import type { OpName } from '../../engine/opName';
import type { Formula } from '../../engine/spelling';
import type { CodeError } from './codeError';
import type { ListExpr, Target, UnpackStatement } from './listAst';
import type { Span } from '../span';

export interface NameAt {
  readonly name: string;
  readonly span: Span;
}

export type Comparison = '<' | '<=' | '>' | '>=' | '==' | '!=';

export type Expr =
  | { readonly kind: 'number'; readonly value: number; readonly text: string; readonly span: Span }
  /** `implicit`: the read that `x += 1` makes of x, which has no text of its own. */
  | ({ readonly kind: 'name'; readonly implicit?: boolean } & NameAt)
  | {
      readonly kind: 'op';
      readonly op: OpName;
      readonly args: readonly Expr[];
      readonly span: Span;
      readonly check?: ValueCheck;
    }
  /** A library function made of several ops, each argument computed once (`Math.round`). */
  | {
      readonly kind: 'formula';
      readonly formula: Formula;
      readonly args: readonly Expr[];
      readonly span: Span;
      readonly check?: ValueCheck;
    }
  /** `a < b <= c`: true when every adjacent pair compares true. */
  | {
      readonly kind: 'compare';
      readonly operators: readonly Comparison[];
      readonly operands: readonly Expr[];
      readonly span: Span;
    }
  /** Python's `and`/`or`, JavaScript's `&&`/`||`: both give one of their operands. */
  | {
      readonly kind: 'logical';
      readonly operator: 'and' | 'or';
      readonly left: Expr;
      readonly right: Expr;
      readonly span: Span;
    }
  | { readonly kind: 'not'; readonly operand: Expr; readonly span: Span }
  | {
      readonly kind: 'conditional';
      readonly test: Expr;
      readonly consequent: Expr;
      readonly alternative: Expr;
      readonly span: Span;
    }
  /**
   * A value read as a plain number, cut from the graph: micrograd's `a.data`, PyTorch's
   * `x.item()` and `torch.tensor(2.0)` without `requires_grad`. A constant with `note`.
   */
  | {
      readonly kind: 'detached';
      readonly operand: Expr;
      readonly note: string;
      readonly span: Span;
    }
  /** Lists and tuples of numbers (listAst.ts). */
  | ListExpr
  | CallExpr;

/**
 * A language's rule for values its op or formula does not give: Python raises (ZeroDivisionError,
 * ValueError, OverflowError) or gives a complex number where IEEE arithmetic gives NaN or ∞.
 * Given the arguments' values and the value computed from them, the error to refuse with.
 */
export type ValueCheck = (args: readonly number[], value: number) => CodeError | undefined;

/**
 * `g(x, b=2)` with `g` a plain name: a call of a function defined in the code, resolved while
 * lowering (which function a name stands for depends on where the call runs).
 */
export interface CallExpr {
  readonly kind: 'call';
  readonly callee: NameAt;
  readonly args: readonly Expr[];
  readonly keywords: readonly KeywordArgument[];
  readonly span: Span;
  /**
   * Python: the builtin or imported library function of the same name, used when the code
   * defines no function of that name where the call runs. A thunk, because matching the
   * library function's arguments may fail, which matters only when it is the one called.
   */
  readonly library?: () => Expr;
}

/** Python's `b=2` in a call. */
export interface KeywordArgument {
  readonly name: NameAt;
  readonly value: Expr;
  readonly span: Span;
}

/** Ops over the arguments of a formula: `{ arg: 0 }` is the first argument (the op records'). */
export type { Formula } from '../../engine/spelling';

export type Statement =
  /** `x = …`; `x += 1` arrives as `x = x + 1` with an implicit read of x. */
  | { readonly kind: 'assign'; readonly target: NameAt; readonly value: Expr; readonly span: Span }
  /**
   * `autograd`: micrograd's and PyTorch's `g.backward()` (the value becomes the output), or a
   * display line `a.grad` (a name whose gradient is shown; it computes nothing).
   */
  | {
      readonly kind: 'expression';
      readonly value: Expr;
      readonly span: Span;
      readonly autograd?: 'backward' | 'grad';
    }
  | { readonly kind: 'return'; readonly value: Expr; readonly span: Span }
  /** `def g(…)`, `g = lambda …`, `function g(…)`, `const g = (…) => …`: binds g to a function. */
  | { readonly kind: 'function'; readonly definition: FunctionDefinition; readonly span: Span }
  /** `a, b = xs` (listAst.ts). */
  | UnpackStatement
  | IfStatement
  | ForStatement
  | WhileStatement
  | SwitchStatement
  | BlockStatement
  /** Python's `break`/`continue`, JavaScript's (without a label). */
  | { readonly kind: 'break' | 'continue'; readonly span: Span };

/** `if`/`elif`/`else`: the branch the known values select runs, define-by-run. */
export interface IfStatement {
  readonly kind: 'if';
  readonly test: Expr;
  readonly consequent: readonly Statement[];
  /** `elif` arrives as an `if` statement alone in here. */
  readonly alternative: readonly Statement[];
  readonly span: Span;
}

/**
 * `for i in range(3):`, `for (const w of [a, b])`: unrolled, one iteration per item of an
 * iterable whose length the known values decide. `label` is the loop's header as written.
 */
export interface ForStatement {
  readonly kind: 'for';
  readonly target: LoopTarget;
  readonly iterable: LoopIterable;
  readonly body: readonly Statement[];
  /** Python's `else:` of a loop: runs when the loop ends without `break`. */
  readonly orElse?: readonly Statement[];
  readonly label: string;
  readonly header: Span;
  readonly span: Span;
}

/**
 * A name, or a tuple of targets (`for i, (w, x) in enumerate(zip(ws, xs))`): what a
 * comprehension or an unpacking binds too.
 */
export type LoopTarget = Target;

/** What a `for` loop runs over, decided while lowering. */
export type LoopIterable =
  /** Python's `range(stop)`, `range(start, stop[, step])`: integers, never inputs. */
  | { readonly kind: 'range'; readonly args: readonly Expr[]; readonly span: Span }
  /** A name, or another list expression: its items as the lowering knows them. */
  | { readonly kind: 'list'; readonly expr: Expr; readonly span: Span }
  /** A list or tuple literal (Python), an array literal (JavaScript): each item an expression. */
  | { readonly kind: 'items'; readonly items: readonly Expr[]; readonly span: Span }
  | {
      readonly kind: 'enumerate';
      readonly of: LoopIterable;
      readonly start?: Expr;
      readonly span: Span;
    }
  | { readonly kind: 'zip'; readonly of: readonly LoopIterable[]; readonly span: Span }
  | { readonly kind: 'reversed'; readonly of: LoopIterable; readonly span: Span };

/**
 * `while c:`, JavaScript's `while`, `do…while` (`testFirst` false) and `for (init; test; update)`
 * (the init before it, `update` after each iteration and each `continue`): runs while the known
 * values make the test true.
 */
export interface WhileStatement {
  readonly kind: 'while';
  /** Absent: `for (;;)`, always true. */
  readonly test?: Expr;
  readonly body: readonly Statement[];
  /** `for (let i = 0; …)`'s init: runs once before the first test; its names are no inputs. */
  readonly init?: readonly Statement[];
  readonly update?: readonly Statement[];
  readonly testFirst: boolean;
  readonly orElse?: readonly Statement[];
  /** The name an iteration is labelled by (`i = 2`), the counter of a `for (let i …)`. */
  readonly counter?: string;
  readonly label: string;
  readonly header: Span;
  readonly span: Span;
}

/** JavaScript's `switch` on a known value: the first case equal to it (===) runs, falling through. */
export interface SwitchStatement {
  readonly kind: 'switch';
  readonly discriminant: Expr;
  /** `test` absent: `default:`. */
  readonly cases: readonly {
    readonly test?: Expr;
    readonly body: readonly Statement[];
    readonly span: Span;
  }[];
  readonly span: Span;
}

/** JavaScript's `{ … }`: the names it declares with `let`/`const` are its own. */
export interface BlockStatement {
  readonly kind: 'block';
  readonly body: readonly Statement[];
  readonly scoped: readonly string[];
  readonly span: Span;
}

export interface Param {
  readonly name: NameAt;
  readonly default?: Expr;
  /** Python: a parameter after `*` is given only by keyword, one before `/` only by position. */
  readonly passing?: 'keyword' | 'positional';
}

/** A function defined in the code, which calls of its name are lowered through. */
export interface FunctionDefinition {
  readonly name: NameAt;
  /** The whole definition. */
  readonly span: Span;
  /** JavaScript's function declarations are bound before any statement of their block runs. */
  readonly hoisted: boolean;
  /**
   * Where a default is computed: Python's belong to the scope of the definition (they cannot
   * see the parameters), JavaScript's to the call, after the parameters before them.
   */
  readonly defaults: 'definition' | 'call';
  /**
   * Python, a function defined before the selection: why a default cannot be used, by
   * parameter — a name it reads was assigned again after the `def`, and the value the default
   * kept is not known here.
   */
  readonly staleDefaults?: ReadonlyMap<string, string>;
  /**
   * Its parameters and body, read on first use (a function that is never called is never
   * read); throws a CodeError for what cannot be read.
   */
  readonly read: () => FunctionParts;
}

export interface FunctionParts {
  readonly params: readonly Param[];
  readonly body: readonly Statement[];
  /**
   * JavaScript: the names the body declares (`let`, `const`, `var`, `function`). Assigning any
   * other name changes a variable outside the function. Python has no such list: every name a
   * function assigns is its own.
   */
  readonly declared?: readonly NameAt[];
}

/** What a selection holds, ready to lower. */
export interface Fragment {
  /** When a whole function was selected: its parameters, the inputs in order. */
  readonly params?: readonly Param[];
  readonly body: readonly Statement[];
  /** The selected (or enclosing) function's name, which names what it returns. */
  readonly functionName?: string;
}

export function numberExpr(value: number, text: string, span: Span): Expr {
  return { kind: 'number', value, text, span };
}

export function opExpr(op: OpName, args: readonly Expr[], span: Span): Expr {
  return { kind: 'op', op, args, span };
}

/** A definition whose parameters and body are read once, on first use. */
export function lazyDefinition(
  header: Omit<FunctionDefinition, 'read'>,
  read: () => FunctionParts,
): FunctionDefinition {
  let parts: FunctionParts | undefined;
  return { ...header, read: () => (parts ??= read()) };
}
