/**
 * The forward values of a tensor graph as NumPy code the backward pass can read: a node's own
 * name where the code gave it one (and it still holds that value), else its expression rebuilt
 * from its operands with the file's NumPy alias (`np.sum(exp_scores, axis=1, keepdims=True)`).
 */
import type { Shape } from '../../engine/tensor/shape';
import type { TensorGraph, TensorNode } from '../../engine/tensor/tensorIr';
import type { Axes, TensorOp } from '../../engine/tensor/tensorOp';
import { arithmeticText, atom, numberText } from './codeText';

export class NumpyExpressions {
  private readonly latestVersion = new Map<string, number>();

  constructor(
    private readonly graph: TensorGraph,
    readonly np: string,
  ) {
    for (const node of graph.nodes) {
      if (node.name !== undefined) {
        const version = node.version ?? 1;
        this.latestVersion.set(
          node.name,
          Math.max(version, this.latestVersion.get(node.name) ?? 0),
        );
      }
    }
  }

  holdsValue(node: TensorNode): boolean {
    return node.name !== undefined && (node.version ?? 1) === this.latestVersion.get(node.name);
  }

  /** The node `id`, if there is one (patterns probe operands that may be absent). */
  find(id: number): TensorNode | undefined {
    return this.graph.nodes[id];
  }

  node(id: number): TensorNode {
    const node = this.graph.nodes[id];
    if (node === undefined) {
      throw new RangeError(`no node ${id}`);
    }
    return node;
  }

  /** The code of node `id`, or the node that has none. */
  render(
    id: number,
  ):
    | { readonly ok: true; readonly text: string }
    | { readonly ok: false; readonly node: TensorNode } {
    const node = this.node(id);
    if (node.kind !== 'constant' && this.holdsValue(node)) {
      return { ok: true, text: node.name ?? '' };
    }
    if (node.kind === 'constant') {
      const text = constantText(node);
      return text === undefined ? { ok: false, node } : { ok: true, text };
    }
    if (node.kind === 'input') {
      return { ok: false, node };
    }
    const operands: string[] = [];
    for (const operand of node.operands) {
      const rendered = this.render(operand);
      if (!rendered.ok) {
        return rendered;
      }
      operands.push(rendered.text);
    }
    const text = this.opText(node.op, operands);
    return text === undefined ? { ok: false, node } : { ok: true, text };
  }

  /** `np.sum(x, axis=(0, 1), keepdims=True)`. */
  sum(text: string, axes: readonly number[], keepdims: boolean): string {
    const axis = axes.length === 1 ? `${axes[0]}` : `(${axes.join(', ')})`;
    return `${this.np}.sum(${text}, axis=${axis}${keepdims ? ', keepdims=True' : ''})`;
  }

  private opText(op: TensorOp, [a = '', b = '']: readonly string[]): string | undefined {
    switch (op.kind) {
      case 'elementwise':
        return this.elementwiseText(op.op, a, b);
      case 'matmul':
        return `${atom(a)} @ ${atom(b)}`;
      case 'sum':
      case 'mean':
      case 'max':
      case 'min':
        return this.reductionText(op.kind, op.axes, op.keepdims, a);
      case 'transpose':
        return op.axes.length === 2 ? `${atom(a)}.T` : undefined;
      case 'reshape':
        return `${atom(a)}.reshape(${shapeText(op.shape)})`;
      case 'gather':
        return op.text.startsWith('[') ? `${atom(a)}${op.text}` : undefined;
      default:
        return undefined;
    }
  }

  private reductionText(kind: string, axes: Axes, keepdims: boolean, a: string): string {
    if (axes === null && !keepdims) {
      return `${this.np}.${kind}(${a})`;
    }
    const axis =
      axes === null ? '' : `, axis=${axes.length === 1 ? `${axes[0]}` : `(${axes.join(', ')})`}`;
    return `${this.np}.${kind}(${a}${axis}${keepdims ? ', keepdims=True' : ''})`;
  }

  private elementwiseText(op: string, a: string, b: string): string | undefined {
    const arithmetic = arithmeticText(op, a, b);
    if (arithmetic !== undefined) {
      return arithmetic;
    }
    switch (op) {
      case 'exp':
      case 'log':
      case 'sqrt':
      case 'tanh':
        return `${this.np}.${op}(${a})`;
      case 'max':
        return `${this.np}.maximum(${a}, ${b})`;
      case 'relu':
        return `${this.np}.maximum(0, ${a})`;
      default:
        return undefined;
    }
  }
}

/** A shape as a Python tuple: `(4, 3)`, `(5,)`, `()`. */
export function shapeText(shape: Shape): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

/** A scalar constant as written (`0.5`, `num_examples`) or by value; arrays only as written. */
function constantText(node: TensorNode & { readonly kind: 'constant' }): string | undefined {
  const written = node.text?.trim();
  if (written !== undefined && written !== '') {
    return written;
  }
  const [value] = node.value.data;
  return node.value.shape.length === 0 && value !== undefined ? numberText(value) : undefined;
}
