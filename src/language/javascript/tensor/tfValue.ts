/**
 * What a name or an expression holds while TensorFlow.js code is read without running it: a
 * tensor (the Python array reader's ArrayValue: its value, and its graph node once it depends on
 * an input), a JavaScript number, an array literal, the `tf` namespace or one of its members, a
 * function of the file, a function made by `tf.grad(f)` … and the gradients such a function
 * gives, which the engine computes and shows rather than the code.
 */
import type { SyntaxNode } from '../../code/treeSitter';
import type { Span } from '../../span';
import type { ArrayValue, NumberValue } from '../../python/tensor/arrayValue';

/** The variables of one function call (or the top level), and the scope it was defined in. */
export class Scope {
  readonly vars = new Map<string, TfValue>();
  constructor(readonly parent?: Scope) {}

  lookup(name: string): TfValue | undefined {
    return this.vars.get(name) ?? this.parent?.lookup(name);
  }

  /** Assigns where the name is declared (a closure's variable), else here. */
  assign(name: string, value: TfValue): void {
    if (this.vars.has(name) || this.parent?.declares(name) !== true) {
      this.vars.set(name, value);
      return;
    }
    this.parent.assign(name, value);
  }

  private declares(name: string): boolean {
    return this.vars.has(name) || this.parent?.declares(name) === true;
  }
}

/** A function of the file: an arrow function, a function expression or declaration. */
export interface Closure {
  readonly kind: 'closure';
  readonly node: SyntaxNode;
  readonly scope: Scope;
  /** The name it is bound to (`f` of `const f = x => …`), for the output's name. */
  readonly name: string;
}

/** The gradient functions of TensorFlow.js: `tf.grad(f)` and its siblings. */
export type GradientKind = 'grad' | 'grads' | 'valueAndGrad' | 'valueAndGrads' | 'variableGrads';

export type TfValue =
  | ArrayValue
  | NumberValue
  | { readonly kind: 'list'; readonly items: readonly TfValue[] }
  | { readonly kind: 'string'; readonly value: string }
  /** `tf`, `tf.losses`, `tf.add`: a path in the namespace. */
  | { readonly kind: 'module'; readonly path: string }
  | Closure
  /** `tf.grad(f)`: calling it differentiates f at its arguments. */
  | { readonly kind: 'differentiate'; readonly how: GradientKind; readonly f: Closure }
  /** ∂output/∂`of`, computed by the engine: shown, never used in a computation here. */
  | { readonly kind: 'gradient'; readonly of: string; readonly span: Span }
  /** `{ value, grads }` of `tf.valueAndGrads(f)(…)` and `tf.variableGrads(f)`. */
  | { readonly kind: 'record'; readonly fields: ReadonlyMap<string, TfValue> }
  /** What `console.log(…)`, `x.print()` give: nothing to compute with. */
  | { readonly kind: 'nothing' };

export function describeValue(value: TfValue): string {
  switch (value.kind) {
    case 'array':
      return 'a tensor';
    case 'number':
      return 'a number';
    case 'list':
      return 'an array';
    case 'string':
      return 'a string';
    case 'module':
      return `\`${value.path}\``;
    case 'closure':
      return `the function ${value.name}`;
    case 'differentiate':
      return `the function tf.${value.how}(${value.f.name})`;
    case 'gradient':
      return `the gradient ∂/∂${value.of}`;
    case 'record':
      return 'an object';
    case 'nothing':
      return 'undefined';
  }
}
