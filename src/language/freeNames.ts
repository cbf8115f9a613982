/** Which names a fragment takes from the code before it, found without a graph. */
import type { Expr, Fragment } from './codeAst';

/** Names read before the fragment assigns them, and the names its parameter defaults read. */
export function namesFromOutside(fragment: Fragment): Set<string> {
  const outside = new Set<string>();
  const defined = new Set<string>();
  for (const param of fragment.params ?? []) {
    if (param.default !== undefined) {
      for (const name of namesIn(param.default)) {
        outside.add(name);
      }
    }
  }
  for (const param of fragment.params ?? []) {
    defined.add(param.name.name);
  }
  for (const statement of fragment.body) {
    for (const name of namesIn(statement.value)) {
      if (!defined.has(name)) {
        outside.add(name);
      }
    }
    if (statement.kind === 'assign') {
      defined.add(statement.target.name);
    }
  }
  return outside;
}

/** Every name `expr` reads, in either branch of a conditional. */
export function namesIn(expr: Expr): string[] {
  const names: string[] = [];
  const stack: Expr[] = [expr];
  for (let current = stack.pop(); current !== undefined; current = stack.pop()) {
    if (current.kind === 'name') {
      names.push(current.name);
    } else {
      stack.push(...parts(current));
    }
  }
  return names;
}

function parts(expr: Expr): readonly Expr[] {
  switch (expr.kind) {
    case 'number':
    case 'name':
      return [];
    case 'op':
    case 'formula':
      return expr.args;
    case 'compare':
      return expr.operands;
    case 'logical':
      return [expr.left, expr.right];
    case 'not':
      return [expr.operand];
    case 'conditional':
      return [expr.test, expr.consequent, expr.alternative];
  }
}
