/**
 * Python's lists and tuples of numbers to the neutral form (listAst.ts): `[a, b]`, `(a, b)`,
 * `[*xs, 1]`, comprehensions and generator expressions, `xs[i]`, `xs[a:b:c]`, and the builtins
 * over them (`sum`, `len`, `max`/`min` of one iterable, `zip`, `enumerate`, `range`,
 * `reversed`, `list`, `tuple`, `math.fsum`, `math.prod`); `a, b = …` targets.
 */
import type { Expr, Statement } from '../code/codeAst';
import { CodeError } from '../code/codeError';
import type { Step } from '../code/expressionParts';
import { listExpr, type Clause, type ListItem, type Target } from '../code/listAst';
import { Expansion } from '../code/postOrder';
import { nameAt } from '../code/readerParts';
import { excerpt, meaningfulChildren, missing, required } from '../code/syntax';
import type { Syntax } from '../code/snapshot';
import { spanOf } from '../span';

/** The builtins (and math functions, by qualified name) read as list operations. */
export const LIST_FUNCTIONS = new Set([
  'sum',
  'len',
  'max',
  'min',
  'zip',
  'enumerate',
  'range',
  'reversed',
  'list',
  'tuple',
  'math.fsum',
  'math.prod',
]);

/** `[a, b]`, `(a, b)`, `a, b`: items; `*xs` is spliced in. */
export function listItems(node: Syntax): Step {
  const parts = meaningfulChildren(node);
  const values = parts.map((part) => (part.type === 'list_splat' ? onlyExpression(part) : part));
  return new Expansion(values, (exprs) => {
    const items = exprs.map((value, i): ListItem => ({
      value,
      spread: parts[i]?.type === 'list_splat',
    }));
    return listExpr({ form: 'items', items }, spanOf(node));
  });
}

function onlyExpression(node: Syntax): Syntax {
  const [inner] = meaningfulChildren(node);
  return inner ?? node;
}

/** `[e for x in xs if c]` and `(e for …)`: clauses in the order written, the first outermost. */
export function comprehension(node: Syntax): Step {
  const body = required(node, 'body');
  const clauses = meaningfulChildren(node).filter((child) => child !== body);
  const computed: Syntax[] = [body];
  for (const clause of clauses) {
    if (clause.type === 'for_in_clause') {
      if (clause.text.startsWith('async')) {
        throw new CodeError('unsupported', '`async for` is not supported', spanOf(clause));
      }
      computed.push(required(clause, 'right'));
    } else if (clause.type === 'if_clause') {
      computed.push(meaningfulChildren(clause)[0] ?? missing(clause));
    } else {
      throw new CodeError(
        'unsupported',
        `\`${excerpt(clause.text)}\` in a comprehension is not supported`,
        spanOf(clause),
      );
    }
  }
  return new Expansion(computed, ([element = missing(node), ...rest]) => {
    const read: Clause[] = clauses.map((clause, i) => {
      const expr = rest[i] ?? missing(clause);
      return clause.type === 'for_in_clause'
        ? { kind: 'for', target: pythonTarget(required(clause, 'left')), iterable: expr }
        : { kind: 'if', test: expr };
    });
    return listExpr({ form: 'comprehension', element, clauses: read }, spanOf(node));
  });
}

/** `x`, `w, x`, `(w, x)`, `[w, x]`: what a `for` clause or an assignment binds. */
export function pythonTarget(node: Syntax): Target {
  switch (node.type) {
    case 'identifier':
      return nameAt(node);
    case 'pattern_list':
    case 'tuple_pattern':
    case 'list_pattern':
    case 'tuple':
    case 'list':
    case 'expression_list':
      return {
        kind: 'tuple',
        items: meaningfulChildren(node).map(pythonTarget),
        span: spanOf(node),
      };
    case 'parenthesized_expression': {
      const [inner] = meaningfulChildren(node);
      if (inner !== undefined) {
        return pythonTarget(inner);
      }
      break;
    }
    default:
      break;
  }
  throw new CodeError(
    'unsupported',
    `\`${excerpt(node.text)}\` as a target is not supported: bind plain names (\`a, b = …\`)`,
    spanOf(node),
  );
}

/** `xs[i]`, `xs[a:b:c]` (bounds known from the values). */
export function subscript(node: Syntax): Step {
  const value = required(node, 'value');
  const subscripts = node.childrenForFieldName('subscript');
  const [index] = subscripts;
  if (index === undefined || subscripts.length > 1) {
    throw new CodeError(
      'unsupported',
      `\`${excerpt(node.text)}\`: indexing with several indices is array code: index a list of numbers with one integer`,
      spanOf(node),
    );
  }
  const span = spanOf(node);
  if (index.type !== 'slice') {
    return new Expansion([value, index], ([list = missing(node), at = missing(node)]) =>
      listExpr({ form: 'index', list, index: at, negative: true }, span),
    );
  }
  // `a:b:c`: the colons say which bound each expression is.
  const bounds: (Syntax | undefined)[] = [undefined, undefined, undefined];
  let place = 0;
  for (const child of index.children) {
    if (child === null) {
      continue;
    }
    if (child.type === ':') {
      place += 1;
    } else if (child.isNamed && child.type !== 'comment') {
      bounds[place] = child;
    }
  }
  const given = bounds.filter((bound) => bound !== undefined);
  return new Expansion([value, ...given], ([list = missing(node), ...exprs]) => {
    const queue = [...exprs];
    const [start, stop, step] = bounds.map((bound) =>
      bound === undefined ? undefined : queue.shift(),
    );
    return listExpr(
      {
        form: 'slice',
        list,
        ...(start === undefined ? {} : { start }),
        ...(stop === undefined ? {} : { stop }),
        ...(step === undefined ? {} : { step }),
      },
      span,
    );
  });
}

/**
 * A call of a builtin over lists (`name` as the builtins spell it, or `math.fsum`); undefined
 * when the call is not one (`max(a, b)` of numbers).
 */
export function listCall(node: Syntax, name: string): Step | undefined {
  const argumentList = required(node, 'arguments');
  const written =
    argumentList.type === 'generator_expression'
      ? [argumentList]
      : meaningfulChildren(argumentList);
  const keywords = written.filter((child) => child.type === 'keyword_argument');
  const positional = written.filter((child) => child.type !== 'keyword_argument');
  if ((name === 'max' || name === 'min') && (positional.length !== 1 || keywords.length > 0)) {
    return undefined;
  }
  const splat = written.find(
    (child) => child.type === 'list_splat' || child.type === 'dictionary_splat',
  );
  if (splat !== undefined) {
    throw new CodeError(
      'unsupported',
      `unpacking (\`${excerpt(splat.text)}\`) in a call of \`${name}\` is not supported`,
      spanOf(splat),
    );
  }
  const keywordNames = keywords.map((keyword) => required(keyword, 'name').text);
  const allowed = name === 'sum' || name === 'enumerate' || name === 'math.prod' ? ['start'] : [];
  const unknown = keywordNames.find((keyword) => !allowed.includes(keyword));
  if (unknown !== undefined) {
    throw new CodeError(
      'unsupported',
      `\`${name}\` takes no keyword \`${unknown}\` here`,
      spanOf(node),
    );
  }
  const span = spanOf(node);
  const values = [...positional, ...keywords.map((keyword) => required(keyword, 'value'))];
  return new Expansion(values, (exprs): Expr => {
    const args = exprs.slice(0, positional.length);
    const start =
      exprs[positional.length] ??
      (name === 'sum' || name === 'enumerate' || name === 'math.prod' ? args[1] : undefined);
    const [list] = args;
    const arity = (min: number, max: number): Expr => {
      if (args.length < min || args.length > max || list === undefined) {
        throw new CodeError(
          'unsupported',
          `\`${name}\` takes ${min === max ? min : `${min} to ${max}`} argument${max === 1 ? '' : 's'} here, not ${args.length}`,
          span,
        );
      }
      return list;
    };
    const spelled = excerpt(node.text);
    switch (name) {
      case 'sum':
      case 'math.fsum':
      case 'math.prod':
        return listExpr(
          {
            form: 'reduce',
            reducer: name === 'math.prod' ? 'prod' : 'sum',
            list: arity(1, name === 'math.fsum' ? 1 : 2),
            ...(start === undefined ? {} : { start }),
            spelled,
          },
          span,
        );
      case 'len':
      case 'max':
      case 'min':
        return listExpr({ form: 'reduce', reducer: name, list: arity(1, 1), spelled }, span);
      case 'zip':
        return listExpr({ form: 'zip', lists: args }, span);
      case 'enumerate':
        return listExpr(
          { form: 'enumerate', list: arity(1, 2), ...(start === undefined ? {} : { start }) },
          span,
        );
      case 'range':
        arity(1, 3);
        return listExpr({ form: 'range', args }, span);
      case 'reversed':
        return listExpr({ form: 'reversed', list: arity(1, 1) }, span);
      default:
        // list(xs), tuple(xs): a copy.
        return listExpr({ form: 'items', items: [{ value: arity(1, 1), spread: true }] }, span);
    }
  });
}

/**
 * `ys.append(v)`, `ys.extend(zs)` as a statement: `ys` bound again to `[*ys, v]`, `[*ys, *zs]`
 * (a name bound to the same list before does not see the change).
 */
export function appendStatement(
  inner: Syntax,
  statement: Syntax,
  convert: (node: Syntax) => Expr,
): Statement[] | undefined {
  const callee = inner.type === 'call' ? required(inner, 'function') : undefined;
  const object = callee?.type === 'attribute' ? required(callee, 'object') : undefined;
  const method = callee?.type === 'attribute' ? required(callee, 'attribute').text : undefined;
  if (object?.type !== 'identifier' || (method !== 'append' && method !== 'extend')) {
    return undefined;
  }
  const args = meaningfulChildren(required(inner, 'arguments'));
  const [arg] = args;
  if (arg === undefined || args.length !== 1 || arg.type === 'keyword_argument') {
    throw new CodeError('unsupported', `\`${method}\` takes one argument`, spanOf(inner));
  }
  const target = nameAt(object);
  const before: Expr = { kind: 'name', name: target.name, span: target.span, implicit: true };
  const items = [
    { value: before, spread: true },
    { value: convert(arg), spread: method === 'extend' },
  ];
  const value = listExpr({ form: 'items', items }, spanOf(inner));
  return [{ kind: 'assign', target, value, span: spanOf(statement) }];
}
