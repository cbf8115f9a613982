/**
 * JavaScript and TypeScript arrays of numbers to the neutral form (listAst.ts): `[a, b]`,
 * `[...xs, 1]`, `xs[i]`, `xs.length`, `xs.map((x, i) => …)`, `xs.reduce((a, x) => …, init)`,
 * `xs.slice(a, b)`, `Math.max(...xs)`, and `const [a, b] = xs` targets.
 */
import type { Expr, NameAt, Statement } from '../code/codeAst';
import { CodeError } from '../code/codeError';
import type { Step } from '../code/expressionParts';
import { listExpr, type ListItem, type Target } from '../code/listAst';
import { Expansion } from '../code/postOrder';
import { excerpt, field, meaningfulChildren, missing, required } from '../code/syntax';
import type { Syntax } from '../code/snapshot';
import { spanOf, type Span } from '../span';

/** `[a, ...xs]`. */
export function arrayItems(node: Syntax): Step {
  return itemsOf(node, meaningfulChildren(node), (list) => list);
}

/** An array of `parts` (spread ones spliced in), then `make` of it. */
function itemsOf(node: Syntax, parts: readonly Syntax[], make: (list: Expr) => Expr): Step {
  const values = parts.map((part) => (part.type === 'spread_element' ? spreadValue(part) : part));
  return new Expansion(values, (exprs) => {
    const items = exprs.map((value, i): ListItem => ({
      value,
      spread: parts[i]?.type === 'spread_element',
    }));
    return make(listExpr({ form: 'items', items }, spanOf(node)));
  });
}

function spreadValue(node: Syntax): Syntax {
  return meaningfulChildren(node)[0] ?? node;
}

/** `xs[i]`: JavaScript has no negative indices (`xs[-1]` is undefined, refused). */
export function subscript(node: Syntax): Step {
  const object = required(node, 'object');
  const index = required(node, 'index');
  if (node.text.includes('?.')) {
    throw new CodeError('unsupported', 'optional chaining (`?.`) is not supported', spanOf(node));
  }
  return new Expansion([object, index], ([list = missing(node), at = missing(node)]) =>
    listExpr({ form: 'index', list, index: at, negative: false }, spanOf(node)),
  );
}

/** `xs.length`; undefined for any other property (Math's are read elsewhere). */
export function arrayProperty(node: Syntax): Step | undefined {
  const object = required(node, 'object');
  const property = required(node, 'property');
  if (property.text !== 'length' || (object.type === 'identifier' && object.text === 'Math')) {
    return undefined;
  }
  return new Expansion([object], ([list = missing(node)]) =>
    listExpr({ form: 'reduce', reducer: 'len', list, spelled: excerpt(node.text) }, spanOf(node)),
  );
}

const METHODS = new Set(['map', 'reduce', 'slice']);

/** `xs.map(…)`, `xs.reduce(…)`, `xs.slice(…)`; undefined when the callee is none of them. */
export function arrayMethod(
  node: Syntax,
  callee: Syntax,
  args: readonly Syntax[],
): Step | undefined {
  if (callee.type !== 'member_expression') {
    return undefined;
  }
  const object = required(callee, 'object');
  const method = required(callee, 'property').text;
  if ((object.type === 'identifier' && object.text === 'Math') || !METHODS.has(method)) {
    return undefined;
  }
  const span = spanOf(node);
  if (method === 'slice') {
    if (args.length > 2) {
      throw new CodeError('unsupported', '`slice` takes at most 2 arguments', span);
    }
    return new Expansion([object, ...args], ([list = missing(node), start, stop]) =>
      listExpr(
        {
          form: 'slice',
          list,
          ...(start === undefined ? {} : { start }),
          ...(stop === undefined ? {} : { stop }),
        },
        span,
      ),
    );
  }
  const [callback, initial] = args;
  if (callback === undefined || args.length > (method === 'map' ? 1 : 2)) {
    throw new CodeError(
      'unsupported',
      `\`.${method}\` is read with ${method === 'map' ? 'one arrow function' : 'an arrow function and an initial value'} (\`xs.${method}((${method === 'map' ? 'x, i) => …' : 'a, x) => …, 0'})\`)`,
      span,
    );
  }
  const { params, body } = arrow(callback, method === 'map' ? 2 : 3);
  const computed = initial === undefined ? [object, body] : [object, body, initial];
  return new Expansion(computed, ([list = missing(node), element = missing(node), start]) => {
    if (method === 'reduce') {
      return listExpr(
        {
          form: 'fold',
          list,
          params,
          body: element,
          ...(start === undefined ? {} : { initial: start }),
        },
        span,
      );
    }
    const [item, index] = params;
    const target: Target =
      index === undefined
        ? (item ?? { name: '_', span })
        : { kind: 'tuple', items: [index, item ?? { name: '_', span }], span: spanOf(callback) };
    const iterable: Expr =
      index === undefined ? list : listExpr({ form: 'enumerate', list }, list.span);
    return listExpr(
      { form: 'comprehension', element, clauses: [{ kind: 'for', target, iterable }] },
      span,
    );
  });
}

/** An arrow function's plain parameters and the expression it returns. */
function arrow(node: Syntax, most: number): { params: NameAt[]; body: Syntax } {
  if (node.type !== 'arrow_function') {
    throw new CodeError(
      'unsupported',
      `\`${excerpt(node.text)}\` as a callback is not supported: write an arrow function (\`(x, i) => …\`)`,
      spanOf(node),
    );
  }
  const single = field(node, 'parameter');
  const list = field(node, 'parameters');
  const written =
    single !== undefined ? [single] : list === undefined ? [] : meaningfulChildren(list);
  const params = written.map((param): NameAt => {
    const name = param.type === 'required_parameter' ? field(param, 'pattern') : param;
    if (
      name?.type !== 'identifier' ||
      (param.type === 'required_parameter' && field(param, 'value') !== undefined)
    ) {
      throw new CodeError(
        'unsupported',
        `the callback's parameter \`${excerpt(param.text)}\` is not supported: use plain names`,
        spanOf(param),
      );
    }
    return { name: name.text, span: spanOf(name) };
  });
  if (params.length > most) {
    throw new CodeError(
      'unsupported',
      `the callback takes more than ${most} parameters`,
      spanOf(node),
    );
  }
  let body = required(node, 'body');
  if (body.type === 'statement_block') {
    const statements = meaningfulChildren(body);
    const [only] = statements;
    const value = only?.type === 'return_statement' ? meaningfulChildren(only)[0] : undefined;
    if (statements.length !== 1 || value === undefined) {
      throw new CodeError(
        'unsupported',
        'a callback with a block body is read when it is one `return …`: write `(x) => …`',
        spanOf(body),
      );
    }
    body = value;
  }
  return { params, body };
}

/** `Math.max(...xs, 0)`, `Math.min(...xs)`: a reduction over the items; undefined without a spread. */
export function spreadMathCall(
  node: Syntax,
  name: string,
  args: readonly Syntax[],
): Step | undefined {
  if ((name !== 'max' && name !== 'min') || !args.some((arg) => arg.type === 'spread_element')) {
    return undefined;
  }
  return itemsOf(node, args, (list) =>
    listExpr(
      {
        form: 'reduce',
        reducer: name,
        list,
        empty: name === 'max' ? -Infinity : Infinity,
        spelled: excerpt(node.text),
      },
      spanOf(node),
    ),
  );
}

/** `[a, b]` in `const [a, b] = xs` and `[a, b] = [b, a]`. */
export function javascriptTarget(node: Syntax): Target {
  if (node.type === 'identifier') {
    return { name: node.text, span: spanOf(node) };
  }
  if (node.type === 'array_pattern' || node.type === 'array') {
    const items = meaningfulChildren(node);
    if (items.some((item) => item.type === ',')) {
      throw new CodeError(
        'unsupported',
        'skipping items (`[a, , b]`) is not supported',
        spanOf(node),
      );
    }
    return { kind: 'tuple', items: items.map(javascriptTarget), span: spanOf(node) };
  }
  throw new CodeError(
    'unsupported',
    `\`${excerpt(node.text)}\` in a destructuring is not supported: bind plain names (\`const [a, b] = xs\`)`,
    spanOf(node),
  );
}

/**
 * `ys.push(v, …)` as a statement: `ys` bound again to `[...ys, v, …]` (a name bound to the same
 * array before does not see the change).
 */
export function pushStatement(
  inner: Syntax,
  span: Span,
  read: (node: Syntax) => Expr,
): Statement | undefined {
  const callee = inner.type === 'call_expression' ? required(inner, 'function') : undefined;
  const object = callee?.type === 'member_expression' ? required(callee, 'object') : undefined;
  const method = callee?.type === 'member_expression' ? required(callee, 'property').text : '';
  if (object?.type !== 'identifier' || method !== 'push') {
    return undefined;
  }
  const args = meaningfulChildren(required(inner, 'arguments'));
  const target: NameAt = { name: object.text, span: spanOf(object) };
  const before: Expr = { kind: 'name', name: target.name, span: target.span, implicit: true };
  const items = [
    { value: before, spread: true },
    ...args.map((arg) =>
      arg.type === 'spread_element'
        ? { value: read(spreadValue(arg)), spread: true }
        : { value: read(arg), spread: false },
    ),
  ];
  const value = listExpr({ form: 'items', items }, spanOf(inner));
  return { kind: 'assign', target, value, span };
}
