/**
 * The names an expression reads, as written (`w_i` inside a sum stays `w_i`); a norm or a dot
 * product reads the elements of its lists, entered as `w_`.
 */
import { assertNever } from '../../engine/assertNever';
import type { Expr } from './ast';

export function namesUsed(root: Expr): Set<string> {
  const names = new Set<string>();
  const stack: Expr[] = [root];
  for (let expr = stack.pop(); expr !== undefined; expr = stack.pop()) {
    switch (expr.kind) {
      case 'constant':
        break;
      case 'name':
        names.add(expr.name);
        break;
      case 'apply':
        stack.push(...expr.args);
        break;
      case 'group':
        stack.push(expr.inner);
        break;
      case 'bigop':
        stack.push(expr.body);
        break;
      case 'norm':
        names.add(`${expr.list.name}_`);
        break;
      case 'dot':
        names.add(`${expr.left.name}_`);
        names.add(`${expr.right.name}_`);
        break;
      default:
        assertNever(expr, 'expression');
    }
  }
  return names;
}

/**
 * Whether a parameter is read only through its elements (`w` of `f(w, x)` in `w_0 x_0`): then
 * the elements are the inputs, and the parameter itself asks for no value.
 */
export function usedThroughElements(param: string, used: ReadonlySet<string>): boolean {
  if (used.has(param)) {
    return false;
  }
  return [...used].some((name) => name.startsWith(`${param}_`));
}
