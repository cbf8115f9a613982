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
  const aliases = transformAliases(root);
  const sites: CallSite[] = [];
  const stack: SyntaxNode[] = [root];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    const inside = own !== undefined && node.startIndex >= own.from && node.endIndex <= own.to;
    if (inside) {
      continue;
    }
    const site = CALLS.has(node.type) ? callSiteAt(node, name, aliases) : undefined;
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

/**
 * `node` as a call of `name`, directly, through a transformation (`grad(f)(x)`), or through a
 * name bound to one (`dfdx = grad(f)`, then `dfdx(x)`); else undefined.
 */
export function callSiteAt(
  node: SyntaxNode,
  name: string,
  aliases: ReadonlyMap<string, Alias>,
): CallSite | undefined {
  const callee = field(node, 'function');
  const argumentList = field(node, 'arguments');
  if (callee === undefined || argumentList === undefined) {
    return undefined;
  }
  const site = { call: node, args: meaningfulChildren(argumentList), span: spanOf(node) };
  if (callee.type === 'identifier') {
    const alias = aliases.get(callee.text);
    if (alias !== undefined && callee.text !== name) {
      return alias.function === name ? { ...site, transform: alias.transform } : undefined;
    }
    return callee.text === name ? site : undefined;
  }
  const transform = CALLS.has(callee.type) ? transformOf(callee, name) : undefined;
  return transform === undefined ? undefined : { ...site, transform };
}

/** A name bound to a transformation of a function defined in the file. */
export interface Alias {
  /** The function transformed. */
  readonly function: string;
  readonly transform: Transform;
}

/**
 * The names the top of the file binds to a transformation of a function (`dfdx = jax.grad(f)`,
 * `const g = tf.grad(f)`), by name; the last binding of each counts.
 */
export function transformAliases(root: SyntaxNode): Map<string, Alias> {
  const aliases = new Map<string, Alias>();
  const cursor = root.walk();
  try {
    for (let more = cursor.gotoFirstChild(); more; more = cursor.gotoNextSibling()) {
      // Every transformation's name has `grad` or `jit` in it: a statement without either
      // binds none, and its text is much cheaper to read than its nodes.
      if (!cursor.nodeIsNamed || !TRANSFORM_WORD.test(cursor.nodeText)) {
        continue;
      }
      const binding = transformBinding(cursor.currentNode);
      if (binding !== undefined) {
        aliases.set(binding.name, binding.alias);
      }
    }
  } finally {
    cursor.delete();
  }
  return aliases;
}

const TRANSFORM_WORD = /grad|jit/i;

/** `dfdx = grad(f)` as the name it binds and the transformation. */
export function transformBinding(
  statement: SyntaxNode,
): { readonly name: string; readonly alias: Alias } | undefined {
  const [inner] = meaningfulChildren(statement);
  const binding =
    statement.type === 'expression_statement' && inner?.type === 'assignment'
      ? { target: field(inner, 'left'), value: field(inner, 'right') }
      : inner?.type === 'variable_declarator'
        ? { target: field(inner, 'name'), value: field(inner, 'value') }
        : undefined;
  const { target, value } = binding ?? {};
  if (target?.type !== 'identifier' || value === undefined || !CALLS.has(value.type)) {
    return undefined;
  }
  const first = meaningfulChildren(field(value, 'arguments') ?? value)[0];
  const transform = first?.type === 'identifier' ? transformOf(value, first.text) : undefined;
  return first === undefined || transform === undefined
    ? undefined
    : { name: target.text, alias: { function: first.text, transform } };
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

/**
 * JAX's `argnums=1`, `argnums=(0, 1)` or `grad(f, 1)`, autograd's `argnum=1`; 0 when not given
 * (also tf.grad's only argument).
 */
function argnumsOf(options: readonly SyntaxNode[]): readonly number[] | undefined {
  const [positional] = options;
  const keyword = options.find(
    (option) =>
      option.type === 'keyword_argument' && /^argnums?$/.test(field(option, 'name')?.text ?? ''),
  );
  const value =
    positional !== undefined && positional.type !== 'keyword_argument'
      ? positional
      : keyword === undefined
        ? undefined
        : field(keyword, 'value');
  if (value === undefined) {
    return [0];
  }
  const items = value.type === 'integer' ? [value] : meaningfulChildren(value);
  const numbers = items.map((item) => (item.type === 'integer' ? Number(item.text) : NaN));
  return numbers.length === 0 || numbers.some((n) => !Number.isInteger(n)) ? undefined : numbers;
}
