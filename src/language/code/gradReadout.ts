/**
 * `a.grad` read out after `g.backward()` (micrograd's Value, PyTorch scalars, their JavaScript
 * ports): a line that shows ∂g/∂a, alone or inside a print's arguments. Languages differ only
 * in how they write the member access.
 */
import type { Statement } from './codeAst';
import type { Syntax } from './snapshot';
import { required } from './syntax';
import { spanOf, type Span } from '../span';

/** How a language writes `a.grad`: the member access's node type and its property's field. */
export interface GradMember {
  readonly type: string;
  readonly property: string;
}

export function isGrad(node: Syntax, member: GradMember): boolean {
  return (
    node.type === member.type &&
    required(node, member.property).text === 'grad' &&
    required(node, 'object').type === 'identifier'
  );
}

/** Every `a.grad` inside `node` (a print's arguments, f-strings and template strings included). */
export function gradientsIn(node: Syntax, member: GradMember): Syntax[] {
  const found: Syntax[] = [];
  const stack = [node];
  for (let current = stack.pop(); current !== undefined; current = stack.pop()) {
    if (isGrad(current, member)) {
      found.push(current);
    } else {
      stack.push(...current.namedChildren);
    }
  }
  return found.reverse();
}

export function gradLine(grad: Syntax, span: Span): Statement {
  const object = required(grad, 'object');
  // The name's reference covers `a.grad`, so hovering any of it shows a's gradient.
  return {
    kind: 'expression',
    value: { kind: 'name', name: object.text, span: spanOf(grad) },
    span,
    autograd: 'grad',
  };
}
