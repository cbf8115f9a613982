/** Numeric value of a formula, computed with the same forward functions as the graph. */
import { OPS } from '../ops';
import type { Sym } from '../sym';

export function evaluateSym(expr: Sym, env: Readonly<Record<string, number>>): number {
  switch (expr.kind) {
    case 'num':
      return expr.value;
    case 'var': {
      // An own-property check, not a lookup: a variable bound to NaN is still bound, and
      // names such as `constructor` must not resolve through the prototype.
      if (!Object.hasOwn(env, expr.name)) {
        throw new Error(`evaluateSym: no value for variable '${expr.name}'`);
      }
      return env[expr.name] as number;
    }
    case 'op':
      return OPS[expr.op].forward(expr.args.map((arg) => evaluateSym(arg, env)));
  }
}
