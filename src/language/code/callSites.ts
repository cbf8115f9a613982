/**
 * The calls of a function defined in the file, found in the syntax tree: `f(a, b)`, and the
 * calls through a transformation that calls `f` with the same arguments (`jax.grad(f)(1.0)`,
 * `value_and_grad(f)(x)`, `jax.jit(f)(x)`, `tf.grad(f)(x)`). Their arguments can give the
 * parameters of `f` the values it runs with in the file.
 */
import { spanOf, type Span } from '../span';
import { field, meaningfulChildren } from './syntax';
import type { SyntaxNode } from './treeSitter';

/** What the transformation of `f` returns when called. */
export type TransformKind = 'grad' | 'value_and_grad' | 'jit';

export interface Transform {
  readonly kind: TransformKind;
  /** The transformation's call as written: `jax.grad(f, argnums=1)`. */
  readonly text: string;
  /** The parameters differentiated (`argnums`); undefined when not a literal. */
  readonly argnums: readonly number[] | undefined;
}

export interface CallSite {
  /** The call whose arguments bind the parameters: `f(a)`, or the outer call of `grad(f)(a)`. */
  readonly call: SyntaxNode;
  /** The arguments, as written (positional, keyword, `*args` …). */
  readonly args: readonly SyntaxNode[];
  readonly span: Span;
  readonly transform?: Transform;
}

const CALLS = new Set(['call', 'call_expression']);

/** The transformations, by their path as written; the head is the module as imported. */
const TRANSFORMS: ReadonlyMap<string, TransformKind> = new Map([
  ...['', 'jax.', 'torch.func.', 'functorch.', 'autograd.', 'func.'].flatMap(
    (head): [string, TransformKind][] => [
      [`${head}grad`, 'grad'],
      [`${head}value_and_grad`, 'value_and_grad'],
    ],
  ),
  ['jit', 'jit'],
  ['jax.jit', 'jit'],
  ['tf.grad', 'grad'],
  ['tf.valueAndGrad', 'value_and_grad'],
  ['valueAndGrad', 'value_and_grad'],
]);

/**
 * The calls of `name` in document order, except those inside `own` (the function itself: a
 * recursive call has no values before the function runs).
 */
export function callSitesOf(root: SyntaxNode, name: string, own: Span | undefined): CallSite[] {
  const sites: CallSite[] = [];
  const stack: SyntaxNode[] = [root];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    const inside = own !== undefined && node.startIndex >= own.from && node.endIndex <= own.to;
    if (inside) {
      continue;
    }
    const site = CALLS.has(node.type) ? callSiteAt(node, name) : undefined;
    if (site !== undefined) {
      sites.push(site);
    }
    for (let i = node.childCount - 1; i >= 0; i -= 1) {
      const child = node.child(i);
      if (child !== null) {
        stack.push(child);
      }
    }
  }
  return sites;
}

/** `node` as a call of `name`, directly or through a transformation; else undefined. */
export function callSiteAt(node: SyntaxNode, name: string): CallSite | undefined {
  const callee = field(node, 'function');
  const argumentList = field(node, 'arguments');
  if (callee === undefined || argumentList === undefined) {
    return undefined;
  }
  const site = { call: node, args: meaningfulChildren(argumentList), span: spanOf(node) };
  if (callee.type === 'identifier') {
    return callee.text === name ? site : undefined;
  }
  const transform = CALLS.has(callee.type) ? transformOf(callee, name) : undefined;
  return transform === undefined ? undefined : { ...site, transform };
}

/** `jax.grad(f, argnums=1)` as a transformation of `name`. */
function transformOf(call: SyntaxNode, name: string): Transform | undefined {
  const path = field(call, 'function')?.text.replace(/\s+/g, '');
  const kind = path === undefined ? undefined : TRANSFORMS.get(path);
  const args = meaningfulChildren(field(call, 'arguments') ?? call);
  const [first, ...rest] = args;
  if (kind === undefined || first?.type !== 'identifier' || first.text !== name) {
    return undefined;
  }
  return { kind, text: call.text, argnums: argnumsOf(rest) };
}

/** JAX's `argnums=1` or `argnums=(0, 1)`; 0 when not given (also tf.grad's only argument). */
function argnumsOf(options: readonly SyntaxNode[]): readonly number[] | undefined {
  const argnums = options.find(
    (option) => option.type === 'keyword_argument' && field(option, 'name')?.text === 'argnums',
  );
  const value = argnums === undefined ? undefined : field(argnums, 'value');
  if (value === undefined) {
    return [0];
  }
  const items = value.type === 'integer' ? [value] : meaningfulChildren(value);
  const numbers = items.map((item) => (item.type === 'integer' ? Number(item.text) : NaN));
  return numbers.length === 0 || numbers.some((n) => !Number.isInteger(n)) ? undefined : numbers;
}
