/**
 * Builds a Graph node by node. Operands must already exist, which keeps the nodes in
 * topological order by construction.
 */
import type { ConstantNode, Graph, GraphNode, InputNode, OpNode, SourceRange } from './ir';
import type { OpName } from './opName';
import { opSpec } from './ops';

export interface NodeMeta {
  readonly name?: string;
  readonly version?: number;
  readonly range?: SourceRange;
  readonly note?: string;
}

export class GraphBuilder {
  private readonly nodes: GraphNode[] = [];
  private readonly inputsByName = new Map<string, number>();

  get size(): number {
    return this.nodes.length;
  }

  node(id: number): GraphNode {
    const node = this.nodes[id];
    if (node === undefined) {
      throw new RangeError(`no node ${id}`);
    }
    return node;
  }

  /** The input named `name`, created on first use: a variable used twice is one node. */
  input(name: string, meta: NodeMeta = {}): number {
    const existing = this.inputsByName.get(name);
    if (existing !== undefined) {
      return existing;
    }
    // Fixed keys first, then meta: V8 gives every node the same hidden-class prefix (much faster).
    const node: InputNode = { id: this.nodes.length, kind: 'input', ...meta, name };
    this.nodes.push(node);
    this.inputsByName.set(name, node.id);
    return node.id;
  }

  constant(value: number, meta: NodeMeta & { readonly text?: string } = {}): number {
    const node: ConstantNode = { id: this.nodes.length, kind: 'constant', value, ...meta };
    this.nodes.push(node);
    return node.id;
  }

  op(op: OpName, operands: readonly number[], meta: NodeMeta = {}): number {
    const spec = opSpec(op);
    if (operands.length < spec.arity.min || operands.length > spec.arity.max) {
      throw new RangeError(`${op} takes ${describeArity(spec.arity)}, got ${operands.length}`);
    }
    for (const operand of operands) {
      if (!Number.isInteger(operand) || operand < 0 || operand >= this.nodes.length) {
        throw new RangeError(`${op}: operand ${operand} does not exist yet`);
      }
    }
    const node: OpNode = {
      id: this.nodes.length,
      kind: 'op',
      op,
      operands: [...operands],
      ...meta,
    };
    this.nodes.push(node);
    return node.id;
  }

  /** Gives an existing node a user-facing name (e.g. the target of an assignment). */
  rename(id: number, meta: NodeMeta): void {
    this.nodes[id] = { ...this.node(id), ...meta } as GraphNode;
  }

  build(output: number = this.nodes.length - 1): Graph {
    if (this.nodes.length === 0) {
      throw new RangeError('an empty graph has no output');
    }
    this.node(output);
    return { nodes: [...this.nodes], output };
  }
}

function describeArity(arity: { min: number; max: number }): string {
  if (arity.min === arity.max) {
    return `${arity.min} operand${arity.min === 1 ? '' : 's'}`;
  }
  if (arity.max === Infinity) {
    return `at least ${arity.min} operands`;
  }
  return `${arity.min} to ${arity.max} operands`;
}
